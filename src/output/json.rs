//! `--format json`: the versioned report of docs/report.md. Values are exact (the subject whole, as written);
//! hidden characters in them are written as `\u` escapes, so that the report is safe to print.

use super::escape;
use crate::model::{Finding, Report, ShardInfo, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Document<'a, F: Serialize> {
    version: u32,
    tool: Tool<'a>,
    findings: Vec<F>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<&'a ShardInfo>,
}

/// A finding of a shard's report: with what the other formats show of it, for `merge` to render them.
#[derive(Serialize)]
struct ShardFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    snippet: &'a str,
    unverifiable: bool,
}

pub fn render(report: &Report, version: &str) -> String {
    let tool = Tool { name: "fixity", version };
    let json = match &report.shard {
        None => serde_json::to_string_pretty(&Document { version: 1, tool, findings: report.findings.iter().collect(), summary: report.summary(), shard: None }),
        Some(shard) => {
            let findings = report.findings.iter().map(|f| ShardFinding { finding: f, snippet: &f.snippet, unverifiable: f.unverifiable }).collect();
            serde_json::to_string_pretty(&Document { version: 1, tool, findings, summary: report.summary(), shard: Some(shard) })
        }
    };
    let mut out = escape::json(json.unwrap_or_default());
    out.push('\n');
    out
}
