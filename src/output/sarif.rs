//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning (`github/codeql-action/upload-sarif`) reads it.
//! Every rule is in `tool.driver.rules`, documented from its doc comment; each result points at a path
//! relative to the directory fixity ran in (`%SRCROOT%`, the repository root in CI), with columns in
//! Unicode code points as fixity counts them, and carries the finding's fingerprint so that alerts
//! survive line moves.

use super::escape::{self, visible};
use crate::model::{Finding, Report, Severity};
use crate::rules::{self, Rule};
use serde_json::{json, Value};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key: versioned, so that a future fingerprint recipe can sit beside this one.
const FINGERPRINT_KEY: &str = "fixity/v1";

pub fn render(report: &Report, version: &str) -> String {
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fixity",
                "version": version,
                "semanticVersion": version,
                "rules": rules::ALL.iter().map(|r| rule(r)).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory fixity ran in; report paths are relative to it."}}},
            "columnKind": "unicodeCodePoints",
            "results": report.findings.iter().map(result).collect::<Vec<_>>(),
        }],
    });
    let mut out = escape::json(serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
    out
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
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("deploy/web app/ü:1.yaml"), "deploy/web%20app/%C3%BC%3A1.yaml");
        assert_eq!(uri("../x#y?.yaml"), "../x%23y%3F.yaml");
    }

    #[test]
    fn every_rule_is_described_from_its_docs() {
        let doc: Value = serde_json::from_str(&render(&Report::default(), "0.1.0")).unwrap();
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
