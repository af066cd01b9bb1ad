//! `--format json`: the versioned report of docs/report.md. Values are exact (the subject whole, as written);
//! hidden characters in them are written as `\u` escapes, so that the report is safe to print.

use super::escape;
use crate::model::{Finding, Report, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    findings: &'a [Finding],
    summary: Summary,
}

pub fn render(report: &Report, version: &str) -> String {
    let doc = Document { version: 1, tool: Tool { name: "fixity", version }, findings: &report.findings, summary: report.summary() };
    let mut out = escape::json(serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
    out
}
