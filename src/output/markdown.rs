//! `--format markdown`: for GitHub job summaries and merge request comments. A table of counts per rule and
//! severity, then the findings, most severe first, cut short with "…and N more" so that the whole stays
//! under 1 MiB (GitHub's limit for a step's summary).

use super::text::plural;
use crate::model::{Finding, Report, Severity};
use std::fmt::Write;

/// The size the rendered Markdown stays under.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Room kept free for the "…and N more" line.
const TRAILER_BYTES: usize = 256;

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

pub fn render(report: &Report) -> String {
    let s = report.summary();
    let mut out = String::from("## fixity\n\n");
    if s.findings == 0 {
        let _ = writeln!(out, "No findings in {}.", plural(s.files, "file"));
    } else {
        let counts: Vec<String> = SEVERITIES.iter().zip([s.error, s.warning, s.note]).filter(|(_, n)| *n > 0).map(|(sev, n)| plural(n, sev.as_str())).collect();
        let _ = writeln!(out, "**{}** in {}: {}.", plural(s.findings, "finding"), plural(s.files, "file"), counts.join(", "));
    }
    if s.baselined > 0 {
        let _ = writeln!(out, "\n{} in the baseline not shown.", plural(s.baselined, "finding"));
    }
    if s.findings == 0 {
        return out;
    }
    rule_table(&mut out, report);
    finding_table(&mut out, report);
    out
}

fn rule_table(out: &mut String, report: &Report) {
    out.push_str("\n| Rule | Errors | Warnings | Notes |\n| --- | ---: | ---: | ---: |\n");
    let mut rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    for rule in rules {
        let count = |sev: Severity| report.findings.iter().filter(|f| f.rule == rule && f.severity == sev).count();
        let _ = writeln!(out, "| `{rule}` | {} | {} | {} |", count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    }
}

fn finding_table(out: &mut String, report: &Report) {
    out.push_str("\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n");
    let ordered = SEVERITIES.iter().flat_map(|&sev| report.findings.iter().filter(move |f| f.severity == sev));
    let mut shown = 0;
    for f in ordered {
        let row = row(f);
        if out.len() + row.len() + TRAILER_BYTES > MAX_BYTES {
            break;
        }
        out.push_str(&row);
        shown += 1;
    }
    let left_out = report.findings.len() - shown;
    if left_out > 0 {
        let _ = writeln!(out, "\n…and {left_out} more (the full report lists all {}).", report.findings.len());
    }
}

fn row(f: &Finding) -> String {
    format!("| {} | {}:{}:{} | `{}` | {} |\n", f.severity.as_str(), cell(&f.path), f.line, f.column, f.rule, cell(&f.message))
}

/// Table cell text: a `|` would end the cell and a line break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace("\r\n", " ").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Located, Span};

    #[test]
    fn long_reports_are_cut_under_the_limit() {
        let message = "m".repeat(1000);
        let findings: Vec<Finding> = (0..2000).map(|i| Finding::new(Diagnostic::new("unpinned-image", "a.yaml", Span::default(), &i.to_string(), "x", message.clone()), Located::point(i + 1, 1), Severity::Error)).collect();
        let md = render(&Report { findings, files: 1, baselined: 0 });
        assert!(md.len() < MAX_BYTES, "{}", md.len());
        let shown = md.lines().filter(|l| l.starts_with("| error |")).count();
        assert!(shown > 1000 && shown < 2000, "{shown}");
        assert!(md.ends_with(&format!("\n…and {} more (the full report lists all 2000).\n", 2000 - shown)), "{}", &md[md.len() - 100..]);
    }

    #[test]
    fn cells_keep_the_table_intact() {
        assert_eq!(cell("a|b\r\nc\nd"), "a\\|b c d");
    }
}
