//! `--format text`: one block per finding (location, severity and rule, message, the source line with the
//! span underlined), then a summary line.

use crate::model::{Finding, Report};
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        finding(&mut out, f);
    }
    let s = report.summary();
    let files = plural(s.files, "file");
    if s.findings == 0 {
        let _ = writeln!(out, "No findings in {files}.");
    } else {
        let mut parts = Vec::new();
        for (n, word) in [(s.error, "error"), (s.warning, "warning"), (s.note, "note")] {
            if n > 0 {
                parts.push(plural(n, word));
            }
        }
        let _ = writeln!(out, "Found {} in {files}: {}.", plural(s.findings, "finding"), parts.join(", "));
    }
    if s.baselined > 0 {
        let _ = writeln!(out, "{} in the baseline not shown.", plural(s.baselined, "finding"));
    }
    out
}

pub(super) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn finding(out: &mut String, f: &Finding) {
    let _ = writeln!(out, "{}:{}:{}: {}[{}] {}", f.path, f.line, f.column, f.severity.as_str(), f.rule, f.message);
    if f.snippet.is_empty() {
        return;
    }
    let number = f.line.to_string();
    let gutter = " ".repeat(number.len());
    let line: String = f.snippet.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let width = if f.end_line == f.line { f.end_column.saturating_sub(f.column).max(1) } else { (line.chars().count() as u32 + 1).saturating_sub(f.column).max(1) };
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {line}");
    let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(f.column.saturating_sub(1) as usize), "^".repeat(width as usize));
    out.push('\n');
}
