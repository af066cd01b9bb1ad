//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub
//! turns into annotations on the run and the pull request.
//!
//! GitHub shows at most 10 annotations of each level per step and silently drops the rest, so the most
//! severe findings come first, at most 10 per level, and a last notice says how many were left out. The
//! Action emits the same [`annotations`] through `@actions/core`, so their text is already [`visible`].

use super::escape::visible;
use crate::model::{Report, Severity};
use serde::Serialize;

/// What GitHub shows per level and step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// Most severe first.
const LEVELS: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

/// One annotation, with the properties `@actions/core`'s `error()`, `warning()` and `notice()` take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Annotation {
    /// `error`, `warning` or `notice`: the workflow command and the `@actions/core` function.
    pub level: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Properties>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    pub title: String,
    pub file: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    /// GitHub takes an end column only on a single line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// The annotations for a report: most severe first, at most [`ANNOTATIONS_PER_LEVEL`] per level, and when
/// some were left out, a notice saying so (counted among the notices, so GitHub keeps it).
pub fn annotations(report: &Report) -> Vec<Annotation> {
    let total = report.findings.len();
    let count = |severity: Severity| report.findings.iter().filter(|f| f.severity == severity).count();
    let leaves_some_out = LEVELS.iter().any(|&s| count(s) > ANNOTATIONS_PER_LEVEL);
    let mut out = Vec::new();
    for severity in LEVELS {
        // The notice about what was left out takes the last notice's place.
        let limit = if severity == Severity::Note && leaves_some_out { ANNOTATIONS_PER_LEVEL - 1 } else { ANNOTATIONS_PER_LEVEL };
        for f in report.findings.iter().filter(|f| f.severity == severity).take(limit) {
            out.push(Annotation {
                level: level(severity),
                message: visible(&f.message).into_owned(),
                properties: Some(Properties {
                    title: f.rule.to_string(),
                    file: visible(&f.path).into_owned(),
                    start_line: f.line,
                    start_column: f.column,
                    end_line: f.end_line,
                    end_column: (f.end_line == f.line).then_some(f.end_column),
                }),
            });
        }
    }
    if out.len() < total {
        let left_out = total - out.len();
        let message = format!(
            "{left_out} more finding{} not annotated: GitHub shows {ANNOTATIONS_PER_LEVEL} annotations per level; the full report lists all {total}",
            if left_out == 1 { " is" } else { "s are" }
        );
        out.push(Annotation { level: "notice", message, properties: None });
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for a in annotations(report) {
        out.push_str("::");
        out.push_str(a.level);
        if let Some(p) = &a.properties {
            let mut fields = vec![
                ("file", escape_property(&p.file)),
                ("line", p.start_line.to_string()),
                ("col", p.start_column.to_string()),
                ("endLine", p.end_line.to_string()),
            ];
            if let Some(end_column) = p.end_column {
                fields.push(("endColumn", end_column.to_string()));
            }
            fields.push(("title", escape_property(&p.title)));
            let fields: Vec<String> = fields.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
            out.push(' ');
            out.push_str(&fields.join(","));
        }
        out.push_str("::");
        out.push_str(&escape_data(&a.message));
        out.push('\n');
    }
    out
}

/// A command's message: `%`, CR and LF would end or corrupt the command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: also `:` and `,`, which separate the properties and the message.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Finding, Located, Span};

    fn finding(severity: Severity, line: u32, path: &str, message: &str) -> Finding {
        Finding::new(Diagnostic::new("unpinned-image", path, Span::default(), &line.to_string(), "x", message.to_string()), Located::point(line, 3), severity)
    }

    #[test]
    fn messages_and_properties_are_escaped() {
        let report = Report { findings: vec![finding(Severity::Error, 2, "a,b:c%.yaml", "100%\r\nbad: a,b")], ..Report::default() };
        assert_eq!(render(&report), "::error file=a%2Cb%3Ac%25.yaml,line=2,col=3,endLine=2,endColumn=4,title=unpinned-image::100%25\\r\\nbad: a,b\n");
        let report = Report { findings: vec![finding(Severity::Error, 2, "a\u{1b}\n::x", "\u{7}\u{202e}##[error]x\n::add-mask::y")], ..Report::default() };
        assert_eq!(render(&report), "::error file=a\\u{1b}\\n%3A%3Ax,line=2,col=3,endLine=2,endColumn=4,title=unpinned-image::\\u{7}\\u{202e}##\\u{5b}error]x\\n::add-mask::y\n");
    }

    #[test]
    fn most_severe_first_ten_per_level_and_a_notice_for_the_rest() {
        let mut findings = Vec::new();
        for line in 1..=12 {
            findings.push(finding(Severity::Note, line, "a.yaml", "n"));
            findings.push(finding(Severity::Error, line, "a.yaml", "e"));
        }
        findings.push(finding(Severity::Warning, 1, "a.yaml", "w"));
        let all = annotations(&Report { findings, ..Report::default() });
        let levels: Vec<&str> = all.iter().map(|a| a.level).collect();
        assert_eq!(levels, [vec!["error"; 10], vec!["warning"], vec!["notice"; 10]].concat());
        assert_eq!(all.last().unwrap().message, "5 more findings are not annotated: GitHub shows 10 annotations per level; the full report lists all 25");
        assert_eq!(all.last().unwrap().properties, None);
    }

    #[test]
    fn no_notice_when_everything_fits() {
        let findings = (1..=10).map(|l| finding(Severity::Note, l, "a.yaml", "n")).collect();
        let all = annotations(&Report { findings, ..Report::default() });
        assert_eq!(all.len(), 10);
        assert!(all.iter().all(|a| a.properties.is_some()));
    }
}
