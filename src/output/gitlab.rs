//! `--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`), the JSON array the
//! merge request widget reads. UTF-8 without a byte-order mark, which GitLab rejects.

use super::escape::visible;
use super::json::push_pretty;
use super::Out;
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

/// The array as `serde_json` writes it pretty, an issue at a time.
pub fn write(report: &Report, out: &mut Out) {
    out.push('[');
    for (i, f) in report.findings.iter().enumerate() {
        let issue = json!({
            "type": "issue",
            "description": visible(&f.message),
            "check_name": f.rule,
            "fingerprint": f.fingerprint,
            "severity": severity(f.severity),
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        });
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        push_pretty(out, &issue, 1);
        out.piece();
    }
    out.push_str(if report.findings.is_empty() { "]\n" } else { "\n]\n" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Finding, Located, Span};
    use crate::output::escape;

    #[test]
    fn written_an_issue_at_a_time_as_the_whole_array_would_be() {
        let finding = |line, message: &str| Finding::new(Diagnostic::new("unpinned-image", "a.yaml", Span::default(), "l", "x", message.into()), Located::point(line, 1), Severity::Warning);
        for findings in [vec![], vec![finding(1, "one")], vec![finding(1, "a\u{202e}##[error]"), finding(2, "two")]] {
            let report = Report { findings, ..Report::default() };
            let issues: Vec<serde_json::Value> = report.findings.iter().map(|f| serde_json::json!({"type": "issue", "description": visible(&f.message), "check_name": f.rule, "fingerprint": f.fingerprint, "severity": severity(f.severity), "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}}})).collect();
            let whole = escape::json(serde_json::to_string_pretty(&issues).unwrap()) + "\n";
            assert_eq!(crate::output::render(&report, "gitlab", "0").unwrap(), whole);
        }
    }
}
