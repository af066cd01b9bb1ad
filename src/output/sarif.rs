//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning (`github/codeql-action/upload-sarif`) reads it.
//! Every rule is in `tool.driver.rules`, documented from its doc comment; each result points at a path
//! relative to the directory fixity ran in (`%SRCROOT%`, the repository root in CI), with columns in
//! Unicode code points as fixity counts them, and carries the finding's fingerprint so that alerts
//! survive line moves.

use super::escape::visible;
use super::json::push_pretty;
use super::Out;
use crate::model::{Finding, Report, Severity};
use crate::rules::{self, Rule};
use serde_json::{json, Value};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key: versioned, so that a future fingerprint recipe can sit beside this one.
const FINGERPRINT_KEY: &str = "fixity/v1";

/// The log as `serde_json` writes it pretty (keys in order: the run's `results` come before its `tool`),
/// a result at a time.
pub fn write(report: &Report, version: &str, out: &mut Out) {
    out.push_str("{\n  \"$schema\": ");
    push_pretty(out, &SCHEMA, 1);
    out.push_str(",\n  \"runs\": [\n    {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"originalUriBaseIds\": ");
    push_pretty(out, &json!({"%SRCROOT%": {"description": {"text": "The directory fixity ran in; report paths are relative to it."}}}), 3);
    out.push_str(",\n      \"results\": [");
    for (i, f) in report.findings.iter().enumerate() {
        out.push_str(if i == 0 { "\n        " } else { ",\n        " });
        push_pretty(out, &result(f), 4);
        out.piece();
    }
    out.push_str(if report.findings.is_empty() { "],\n      \"tool\": " } else { "\n      ],\n      \"tool\": " });
    let tool = json!({"driver": {
        "name": "fixity",
        "version": version,
        "semanticVersion": version,
        "rules": rules::ALL.iter().map(|r| rule(r)).collect::<Vec<_>>(),
    }});
    push_pretty(out, &tool, 3);
    out.push_str("\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n");
}

fn level(severity: Severity) -> &'static str {
    // SARIF's levels have fixity's names.
    severity.as_str()
}

fn rule(rule: &Rule) -> Value {
    let summary = rule.summary();
    json!({
        "id": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full_description(rule, &summary)},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "defaultConfiguration": {"level": level(rule.default_severity)},
    })
}

/// The summary and the first paragraph of the docs' "Why" section, as one paragraph of plain text.
fn full_description(rule: &Rule, summary: &str) -> String {
    let why = rule.docs().split("## Why\n").nth(1).and_then(|rest| rest.split("\n\n").next()).map(|p| p.replace('\n', " "));
    match why {
        Some(why) => format!("{summary} {why}"),
        None => summary.to_string(),
    }
}

fn result(f: &Finding) -> Value {
    let rule_index = rules::ALL.iter().position(|r| r.name == f.rule);
    json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": visible(&f.message)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(&f.path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column},
        }}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    })
}

/// A report path as a relative URI reference: bytes outside RFC 3986's unreserved and path characters
/// are percent-encoded, and so is `:`, which in a first segment would read as a scheme.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_a_result_at_a_time_as_the_whole_log_would_be() {
        use crate::model::{Diagnostic, Located, Span};
        let finding = |line, message: &str| Finding::new(Diagnostic::new("unpinned-image", "a b.yaml", Span::default(), "l", "x", message.into()), Located::point(line, 1), Severity::Warning);
        for findings in [vec![], vec![finding(1, "one")], vec![finding(1, "a\u{202e}##[error]"), finding(2, "two")]] {
            let report = Report { findings, ..Report::default() };
            let doc = json!({
                "$schema": SCHEMA,
                "version": "2.1.0",
                "runs": [{
                    "tool": {"driver": {"name": "fixity", "version": "1.2", "semanticVersion": "1.2", "rules": rules::ALL.iter().map(|r| rule(r)).collect::<Vec<_>>()}},
                    "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory fixity ran in; report paths are relative to it."}}},
                    "columnKind": "unicodeCodePoints",
                    "results": report.findings.iter().map(result).collect::<Vec<_>>(),
                }],
            });
            let whole = crate::output::escape::json(serde_json::to_string_pretty(&doc).unwrap()) + "\n";
            assert_eq!(crate::output::render(&report, "sarif", "1.2").unwrap(), whole);
        }
    }

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("deploy/web app/ü:1.yaml"), "deploy/web%20app/%C3%BC%3A1.yaml");
        assert_eq!(uri("../x#y?.yaml"), "../x%23y%3F.yaml");
    }

    #[test]
    fn every_rule_is_described_from_its_docs() {
        let doc: Value = serde_json::from_str(&crate::output::render(&Report::default(), "sarif", "0.1.0").unwrap()).unwrap();
        let rules = doc["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), rules::ALL.len());
        let image = &rules[0];
        assert_eq!(image["id"], "unpinned-image");
        assert_eq!(image["shortDescription"]["text"], "A container image that is not pinned by a digest.");
        assert!(image["fullDescription"]["text"].as_str().unwrap().starts_with("A container image that is not pinned by a digest. A tag is a pointer"));
        assert!(image["help"]["markdown"].as_str().unwrap().contains("## Fix"));
        assert_eq!(image["defaultConfiguration"]["level"], "error");
    }
}
