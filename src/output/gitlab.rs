//! `--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`), the JSON array the
//! merge request widget reads. UTF-8 without a byte-order mark, which GitLab rejects.

use super::escape::{self, visible};
use crate::model::{Report, Severity};
use serde_json::json;

/// GitLab's scale is info, minor, major, critical, blocker; like other linters' GitLab output, an error is
/// `major` and a warning `minor`, leaving the top of the scale to tools that rank exploitability.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

pub fn render(report: &Report) -> String {
    let issues: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "type": "issue",
                "description": visible(&f.message),
                "check_name": f.rule,
                "fingerprint": f.fingerprint,
                "severity": severity(f.severity),
                "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
            })
        })
        .collect();
    let mut out = escape::json(serde_json::to_string_pretty(&issues).unwrap_or_default());
    out.push('\n');
    out
}
