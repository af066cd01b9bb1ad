//! Renderers: one per `--format`, each a pure function of the report.

pub mod json;
pub mod text;

use crate::model::Report;

pub const FORMATS: &[&str] = &["text", "json"];

/// Renders a report, or `None` for an unknown format.
pub fn render(report: &Report, format: &str, version: &str) -> Option<String> {
    match format {
        "text" => Some(text::render(report)),
        "json" => Some(json::render(report, version)),
        _ => None,
    }
}
