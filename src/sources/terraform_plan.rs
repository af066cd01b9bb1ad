//! Terraform plans saved as JSON (`terraform show -json plan.out > plan.json`): the declared side of
//! Terraform resources for the lock. They make no references; a plan that is not valid JSON or of an
//! unknown `format_version` is a parse error here, so no lock is built from it.

use super::{Content, Extraction, FileName, Kind, Reader, Resources};
use crate::model::{SourceError, Span};
use serde_json::Value;

pub const KIND: Kind = Kind {
    name: "terraform-plan",
    label: "Terraform plan (JSON)",
    named: |_: &FileName| false,
    content: Some(Content { priority: 75, looks_like, while_walking: true }),
    reader: Reader::Text(extract),
    resources: Resources::TerraformPlan,
};

/// `terraform show -json` output of a plan: `format_version` with `planned_values` or `resource_changes`.
pub fn looks_like(text: &str) -> bool {
    let start = text.trim_start();
    start.starts_with('{') && text.contains("\"format_version\"") && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\""))
}

pub fn extract(text: &str, out: &mut Extraction) {
    match serde_json::from_str::<Value>(text) {
        Ok(plan) => {
            if let Err(message) = format(&plan) {
                out.errors.push(SourceError { span: Span::default(), message });
            }
        }
        Err(e) => out.errors.push(SourceError::json(text, &e)),
    }
}

/// What a `terraform show -json` document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plan,
    State,
}

/// The format of a Terraform JSON document, or why it is not one fixity reads.
pub fn format(doc: &Value) -> Result<Format, String> {
    let version = doc.get("format_version").and_then(Value::as_str).ok_or("not Terraform JSON: no `format_version`")?;
    let kind = if ["planned_values", "resource_changes", "resource_drift", "prior_state", "configuration"].iter().any(|k| doc.get(k).is_some()) { Format::Plan } else { Format::State };
    let what = if kind == Format::Plan { "plan" } else { "state" };
    if version.split('.').next() != Some("1") {
        return Err(format!("Terraform {what} JSON format_version {version} is not supported (fixity reads 1.x)"));
    }
    Ok(kind)
}
