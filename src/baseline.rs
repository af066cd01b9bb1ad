//! Baselines: the findings a repository has accepted for now (`--write-baseline`), so that adopting fixity
//! starts at "no new findings" and later runs (`--baseline`) report only what is new.
//!
//! A baseline is JSON, one entry per finding, sorted like the report so that its diffs review well. Only
//! `fingerprint` is matched; `rule`, `path` and `subject` are there for the reviewer:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"fingerprint": "…", "rule": "unpinned-image", "path": "deploy/web.yaml", "subject": "nginx:1.25"}
//!   ]
//! }
//! ```

use crate::model::Report;
use crate::output::escape::visible;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    subject: String,
}

/// The fingerprints a baseline accepts.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    /// Reads a baseline, or says in one line why it is not one.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
        let shape = |detail: String| format!(r#"not a fixity baseline ({detail}; expected {{"version": 1, "findings": [{{"fingerprint": "…"}}, …]}})"#);
        if !value.is_object() {
            return Err(shape("not an object".to_string()));
        }
        // serde names an unknown field as written, control characters and all: the error stays one line.
        let doc: Document = serde_json::from_value(value).map_err(|e| shape(visible(&e.to_string()).into_owned()))?;
        if doc.version != VERSION {
            return Err(format!("baseline version {} is not supported (expected {VERSION})", doc.version));
        }
        Ok(Baseline { fingerprints: doc.findings.into_iter().map(|e| e.fingerprint).collect() })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }
}

/// The baseline that accepts every finding of `report`.
pub fn render(report: &Report) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| Entry { fingerprint: f.fingerprint.clone(), rule: f.rule.to_string(), path: f.path.clone(), subject: f.subject.clone() })
        .collect();
    let mut out = serde_json::to_string_pretty(&Document { version: VERSION, findings }).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Finding, Located, Severity, Span};

    fn finding(subject: &str) -> Finding {
        Finding::new(Diagnostic::new("unpinned-image", "a.yaml", Span::default(), "spec", subject, String::new()), Located::point(1, 1), Severity::Error)
    }

    #[test]
    fn a_written_baseline_accepts_exactly_its_findings() {
        let report = Report { findings: vec![finding("nginx:1"), finding("redis:7")], ..Report::default() };
        let baseline = Baseline::parse(&render(&report)).unwrap();
        assert!(report.findings.iter().all(|f| baseline.contains(&f.fingerprint)));
        assert!(!baseline.contains(&finding("nginx:2").fingerprint));
    }

    #[test]
    fn anything_else_is_one_clear_error() {
        assert_eq!(Baseline::parse("nope").unwrap_err(), "not JSON (expected ident at line 1 column 2)");
        assert_eq!(
            Baseline::parse("[]").unwrap_err(),
            r#"not a fixity baseline (not an object; expected {"version": 1, "findings": [{"fingerprint": "…"}, …]})"#
        );
        assert_eq!(Baseline::parse(r#"{"version": 2, "findings": []}"#).unwrap_err(), "baseline version 2 is not supported (expected 1)");
        assert!(Baseline::parse(r#"{"version": 1, "findings": [{"rule": "x"}]}"#).unwrap_err().contains("missing field `fingerprint`"));
    }
}
