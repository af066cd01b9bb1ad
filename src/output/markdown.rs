//! `--format markdown`: for GitHub job summaries and merge request comments. A table of counts per rule and
//! severity, then the findings, most severe first, cut short with "…and N more" so that the whole stays
//! under 1 MiB (GitHub's limit for a step's summary).

use super::escape::visible;
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
    let location = format!("{}:{}:{}", visible(&f.path), f.line, f.column);
    format!("| {} | {} | `{}` | {} |\n", f.severity.as_str(), code_span(&code(&location)), f.rule, message(&visible(&f.message)))
}

/// `s` as a code span: a path's text is the repository's, and outside one a folder named `@all` or
/// `www.example.com` would be a mention or a link. The fence is longer than any run of backticks in `s`.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A message in a table cell. Messages quote references in backticks, so each code span is kept as
/// CommonMark reads it (a hostile reference's own backticks included), and the text around them is
/// escaped: nothing a file holds becomes HTML, a link or an image, or ends the cell.
fn message(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let fence = backtick_run(&rest[open..]);
        let after = &rest[open + fence..];
        match closing_fence(after, fence) {
            Some(close) => {
                out.push_str(&text(&rest[..open]));
                out.push_str(&code_span(&rest[open..open + fence + close + fence]));
                rest = &after[close + fence..];
            }
            // A run of backticks that nothing closes is literal text.
            None => {
                out.push_str(&text(&rest[..open + fence]));
                rest = after;
            }
        }
    }
    out.push_str(&text(rest));
    out
}

/// The number of backticks `s` starts with.
fn backtick_run(s: &str) -> usize {
    s.len() - s.trim_start_matches('`').len()
}

/// Where in `s` the first run of exactly `fence` backticks starts: the end of a code span.
fn closing_fence(s: &str, fence: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = s[at..].find('`') {
        let start = at + found;
        let run = backtick_run(&s[start..]);
        if run == fence {
            return Some(start);
        }
        at = start + run;
    }
    None
}

/// A code span, fences included, in a table cell: GitHub splits the cells before it reads code spans, so
/// each `|` takes a backslash of its own, after doubling any backslashes before it.
fn code_span(span: &str) -> String {
    let mut out = String::with_capacity(span.len());
    for c in span.chars() {
        if c == '|' {
            let backslashes = out.len() - out.trim_end_matches('\\').len();
            out.push_str(&"\\".repeat(backslashes + 1));
        }
        out.push(c);
    }
    out
}

/// Text in a table cell: HTML's characters as references; backslashes, backticks and brackets escaped, so
/// that they start no code span, link or image; `|` escaped, since it would end the cell; `@` as code, since
/// GitHub and GitLab read mentions (`@all`) in the rendered text, escapes and references undone.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("`@`"),
            '\\' | '`' | '|' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Located, Span};

    #[test]
    fn long_reports_are_cut_under_the_limit() {
        let message = "m".repeat(1000);
        let findings: Vec<Finding> = (0..2000).map(|i| Finding::new(Diagnostic::new("unpinned-image", "a.yaml", Span::default(), &i.to_string(), "x", message.clone()), Located::point(i + 1, 1), Severity::Error)).collect();
        let md = render(&Report { findings, files: 1, baselined: 0, ..Report::default() });
        assert!(md.len() < MAX_BYTES, "{}", md.len());
        let shown = md.lines().filter(|l| l.starts_with("| error |")).count();
        assert!(shown > 900 && shown < 2000, "{shown}");
        assert!(md.ends_with(&format!("\n…and {} more (the full report lists all 2000).\n", 2000 - shown)), "{}", &md[md.len() - 100..]);
    }

    #[test]
    fn code_spans_are_kept_and_the_text_around_them_escaped() {
        assert_eq!(message("image `nginx:1.25` (written `${A|B}`) is not pinned"), "image `nginx:1.25` (written `${A\\|B}`) is not pinned");
        assert_eq!(message("a ``x`y`` <b>&[l](u)|\\"), "a ``x`y`` &lt;b&gt;&amp;\\[l\\](u)\\|\\\\");
        // A span holding backticks; then a run that nothing closes, and a `<script>` outside every span.
        assert_eq!(message("image `</code><script>`a``b|c` is x: `<` bad"), "image `</code><script>`a\\`\\`b\\|c` is x: `&lt;\\` bad");
        assert_eq!(message("`a\\|b` ` "), "`a\\\\\\|b` \\` ");
        assert_eq!(message("tag `v1` is gone (cannot reach @all); ask `@x`"), "tag `v1` is gone (cannot reach `@`all); ask `@x`");
    }
}
