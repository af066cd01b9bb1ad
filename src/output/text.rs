//! `--format text`: one block per finding (location, severity and rule, message, the source line with the
//! span underlined), then a summary line.

use super::escape::{line_start, push_visible, visible};
use super::Out;
use crate::model::{Finding, Report};
use std::fmt::Write;

pub fn write(report: &Report, out: &mut Out) {
    for f in &report.findings {
        finding(out, f);
        out.piece();
    }
    out.push_str(&summary(report));
}

/// The report's last lines: what was found in how many files (what the playground shows too).
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
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
    let _ = writeln!(out, "{}:{}:{}: {}[{}] {}", line_start(&visible(&f.path)), f.line, f.column, f.severity.as_str(), f.rule, visible(&f.message));
    if f.snippet.is_empty() {
        return;
    }
    let number = f.line.to_string();
    let gutter = " ".repeat(number.len());
    let start = f.column.saturating_sub(1) as usize;
    let end = (f.end_line == f.line).then(|| f.end_column.saturating_sub(1) as usize);
    let excerpt = Excerpt::of(&f.snippet, start, end);
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{number} | {}", excerpt.text);
    let _ = writeln!(out, "{gutter} | {}{}", " ".repeat(excerpt.underline_start), "^".repeat(excerpt.underline_width));
    out.push('\n');
}

/// At most this many characters of a source line are shown, around the finding's span.
const EXCERPT_CHARS: usize = 200;

/// The part of a source line shown under a finding, and where the underline goes in it.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    /// At most [`EXCERPT_CHARS`] characters of the line around the span, `…` where the line is cut, tabs
    /// as spaces and hidden characters escaped.
    text: String,
    /// Where the underline starts and how long it is, in characters of `text`.
    underline_start: usize,
    underline_width: usize,
}

impl Excerpt {
    /// The excerpt of `line` for the span from character `start` to `end` (exclusive, 0-based), or to the
    /// end of the line when `end` is `None` (a span over several lines).
    fn of(line: &str, start: usize, end: Option<usize>) -> Excerpt {
        let length = line.chars().count();
        let end = end.unwrap_or(length).max(start + 1);
        // The span in the middle of the window, unless the line ends first; a long span from its start.
        let slack = EXCERPT_CHARS.saturating_sub(end - start);
        let first = start.saturating_sub(slack / 2).min(length.saturating_sub(EXCERPT_CHARS));
        let last = (first + EXCERPT_CHARS).min(length);
        let mut text = String::new();
        let mut width = 0;
        if first > 0 {
            text.push('…');
            width += 1;
        }
        let (mut from, mut to) = (None, None);
        for (i, c) in line.chars().enumerate().skip(first).take(last - first) {
            if i == start {
                from = Some(width);
            }
            if i == end {
                to = Some(width);
            }
            let before = text.len();
            push_visible(&mut text, if c == '\t' { ' ' } else { c });
            width += text[before..].chars().count();
        }
        // A span that starts or ends past the window (or the line) is underlined to its edge.
        let from = from.unwrap_or(width);
        let to = to.unwrap_or(width);
        if last < length {
            text.push('…');
        }
        Excerpt { text, underline_start: from, underline_width: to.saturating_sub(from).max(1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Located, Severity, Span};

    fn excerpt(text: &str, underline_start: usize, underline_width: usize) -> Excerpt {
        Excerpt { text: text.into(), underline_start, underline_width }
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(Excerpt::of("\timage: x", 8, Some(9)), excerpt(" image: x", 8, 1));
        assert_eq!(Excerpt::of("a: b", 4, Some(4)), excerpt("a: b", 4, 1));
        assert_eq!(Excerpt::of("a: b\\", 3, None), excerpt("a: b\\", 3, 2));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}SPAN{}", "a".repeat(5000), "b".repeat(5000));
        let cut = format!("…{}SPAN{}…", "a".repeat(98), "b".repeat(98));
        assert_eq!(Excerpt::of(&line, 5000, Some(5004)), excerpt(&cut, 99, 4));
        // Near an end of the line, the window shifts instead of shrinking.
        assert_eq!(Excerpt::of(&line, 1, Some(2)), excerpt(&format!("{}…", "a".repeat(200)), 1, 1));
        assert_eq!(Excerpt::of(&line, 9999, None), excerpt(&format!("…{}", "b".repeat(200)), 196, 5));
    }

    #[test]
    fn long_spans_are_shown_from_their_start() {
        let line = format!("image: {}", "x".repeat(1000));
        assert_eq!(Excerpt::of(&line, 7, Some(1007)), excerpt(&format!("…{}…", "x".repeat(200)), 1, 200));
    }

    #[test]
    fn hidden_characters_widen_the_underline() {
        assert_eq!(Excerpt::of("x: \"a\u{1b}b\" ##[c]", 3, Some(8)), excerpt("x: \"a\\u{1b}b\" ##\\u{5b}c]", 3, 10));
    }

    #[test]
    fn every_line_starts_with_the_finding_or_the_gutter() {
        let mut f = Finding::new(Diagnostic::new("parse-error", "::error file=x::y\n::add-mask::z", Span::default(), "", "", "a\n::error::b".into()), Located::point(1, 1), Severity::Error);
        f.snippet = "\r::warning::c".into();
        let text = crate::output::render(&Report { findings: vec![f], files: 1, ..Report::default() }, "text", "0").unwrap();
        assert_eq!(
            text,
            "./::error file=x::y\\n::add-mask::z:1:1: error[parse-error] a\\n::error::b\n  |\n1 | \\r::warning::c\n  | ^^\n\nFound 1 finding in 1 file: 1 error.\n"
        );
    }
}
