//! `--format json`: the versioned report of docs/report.md. Values are exact (the subject whole, as written);
//! hidden characters in them are written as `\u` escapes, so that the report is safe to print.

use super::escape;
use super::Out;
use crate::model::{Finding, Report};
use serde::Serialize;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

/// A finding of a shard's report: with what the other formats show of it, for `merge` to render them.
#[derive(Serialize)]
struct ShardFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    snippet: &'a str,
    unverifiable: bool,
}

/// The document as `serde_json` writes it pretty (`version`, `tool`, `findings`, `summary`, then `shard`
/// when the report is a shard's), a finding at a time.
pub fn write(report: &Report, version: &str, out: &mut Out) {
    out.push_str("{\n  \"version\": 1,\n  \"tool\": ");
    push_pretty(out, &Tool { name: "fixity", version }, 1);
    out.push_str(",\n  \"findings\": [");
    for (i, f) in report.findings.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        match report.shard {
            None => push_pretty(out, f, 2),
            Some(_) => push_pretty(out, &ShardFinding { finding: f, snippet: &f.snippet, unverifiable: f.unverifiable }, 2),
        }
        out.piece();
    }
    out.push_str(if report.findings.is_empty() { "],\n  \"summary\": " } else { "\n  ],\n  \"summary\": " });
    push_pretty(out, &report.summary(), 1);
    if let Some(shard) = &report.shard {
        out.push_str(",\n  \"shard\": ");
        push_pretty(out, shard, 1);
    }
    out.push_str("\n}\n");
}

/// Appends `value` as pretty JSON made safe to print ([`escape::json`]), as it is written `depth` levels
/// deep in a pretty document: each of its lines after the first indented by that many levels (a
/// serialized string never holds a line break).
pub fn push_pretty(out: &mut String, value: &impl Serialize, depth: usize) {
    // The formatter starts `depth` levels in (arrays opened on a sink), so its lines come indented as
    // they go in the document, without a second pass to indent them.
    let mut formatter = serde_json::ser::PrettyFormatter::new();
    for _ in 0..depth {
        let _ = serde_json::ser::Formatter::begin_array(&mut formatter, &mut std::io::sink());
    }
    let mut written = Vec::with_capacity(1024);
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(&mut written, formatter));
    out.push_str(&escape::json(String::from_utf8(written).unwrap_or_default()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Located, Severity, ShardInfo, Span, Summary};

    /// What the report is: the whole document, serialized at once.
    #[derive(Serialize)]
    struct Document<'a, F: Serialize> {
        version: u32,
        tool: Tool<'a>,
        findings: Vec<F>,
        summary: Summary,
        #[serde(skip_serializing_if = "Option::is_none")]
        shard: Option<&'a ShardInfo>,
    }

    fn whole(report: &Report) -> String {
        let tool = Tool { name: "fixity", version: "1.2.3" };
        let json = match &report.shard {
            None => serde_json::to_string_pretty(&Document { version: 1, tool, findings: report.findings.iter().collect(), summary: report.summary(), shard: None }),
            Some(shard) => {
                let findings = report.findings.iter().map(|f| ShardFinding { finding: f, snippet: &f.snippet, unverifiable: f.unverifiable }).collect();
                serde_json::to_string_pretty(&Document { version: 1, tool, findings, summary: report.summary(), shard: Some(shard) })
            }
        };
        escape::json(json.unwrap()) + "\n"
    }

    #[test]
    fn written_a_finding_at_a_time_as_the_whole_document_would_be() {
        let finding = |line, message: &str| {
            let mut f = Finding::new(Diagnostic::new("unpinned-image", "a.yaml", Span::default(), "l", "x\u{7f}", message.into()), Located::point(line, 1), Severity::Warning);
            f.snippet = "  image: x ##[y]".into();
            f
        };
        let shard = ShardInfo { index: 1, total: 2, plan: "p".into() };
        for findings in [vec![], vec![finding(1, "one")], vec![finding(1, "a\u{202e}##[error]\n"), finding(2, "two")]] {
            for shard in [None, Some(shard.clone())] {
                let report = Report { findings: findings.clone(), files: 3, baselined: 1, shard };
                assert_eq!(crate::output::render(&report, "json", "1.2.3").unwrap(), whole(&report));
            }
        }
    }
}
