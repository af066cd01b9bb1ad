//! Renderers: one per `--format`, each a pure function of the report.

pub mod escape;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::model::Report;

pub const FORMATS: &[&str] = &["text", "json", "sarif", "github", "gitlab", "junit", "markdown"];

/// Renders a report, or `None` for an unknown format.
pub fn render(report: &Report, format: &str, version: &str) -> Option<String> {
    match format {
        "text" => Some(text::render(report)),
        "json" => Some(json::render(report, version)),
        "sarif" => Some(sarif::render(report, version)),
        "github" => Some(github::render(report)),
        "gitlab" => Some(gitlab::render(report)),
        "junit" => Some(junit::render(report)),
        "markdown" => Some(markdown::render(report)),
        _ => None,
    }
}
