//! Terraform plans saved as JSON (`terraform show -json plan.out > plan.json`): the declared side of
//! Terraform resources for the lock. They make no references; a plan that is not valid JSON or of an
//! unknown `format_version` is a parse error here, so no lock is built from it.

use super::{Extraction, SourceError};
use crate::lock::{json_error, terraform};

pub fn extract(text: &str, out: &mut Extraction) {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(plan) => {
            if let Err(message) = terraform::format(&plan) {
                out.errors.push(SourceError { line: 1, column: 1, message });
            }
        }
        Err(e) => out.errors.push(json_error(&e)),
    }
}
