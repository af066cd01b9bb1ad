//! `--format junit`: JUnit XML for CI systems that read nothing else. One test suite per file, one failed
//! test case per finding; a run without findings is one passing test case, since some readers treat a
//! report without tests as an error.

use super::escape::visible;
use super::Out;
use crate::model::{Finding, Report};
use std::fmt::Write;

pub fn write(report: &Report, out: &mut Out) {
    let s = report.summary();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests = s.findings.max(1);
    let _ = writeln!(out, "<testsuites name=\"fixity\" tests=\"{tests}\" failures=\"{}\" errors=\"0\">", s.findings);
    if report.findings.is_empty() {
        let _ = writeln!(out, "  <testsuite name=\"fixity\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">");
        let _ = writeln!(out, "    <testcase name=\"{}\" classname=\"fixity\"/>", attribute(&format!("no findings in {} files", s.files)));
        out.push_str("  </testsuite>\n");
    }
    // Findings are sorted by path, so each file's findings are adjacent.
    for group in report.findings.chunk_by(|a, b| a.path == b.path) {
        let path = attribute(&group[0].path);
        let _ = writeln!(out, "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">", n = group.len());
        for f in group {
            test_case(out, f, &path);
            out.piece();
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
}

fn test_case(out: &mut String, f: &Finding, path: &str) {
    let name = attribute(&format!("{} at {}:{}", f.rule, f.line, f.column));
    let _ = writeln!(out, "    <testcase name=\"{name}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">", f.line);
    let _ = writeln!(
        out,
        "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}[{}] {}</failure>",
        f.rule,
        attribute(&f.message),
        text(&f.path),
        f.line,
        f.column,
        f.severity.as_str(),
        f.rule,
        text(&f.message)
    );
    out.push_str("    </testcase>\n");
}

/// Character data: hidden characters escaped, since XML 1.0 cannot hold most controls even as character
/// references, then markup.
fn text(s: &str) -> String {
    visible(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An attribute value in double quotes.
fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagnostic, Located, Severity, Span};

    #[test]
    fn markup_and_control_characters_are_escaped() {
        let f = Finding::new(Diagnostic::new("parse-error", "a&b.yaml", Span::default(), "p", "a&b.yaml", "bad <x> \"q\"\u{1}\nnext".into()), Located::point(1, 1), Severity::Error);
        let xml = crate::output::render(&Report { findings: vec![f], files: 1, baselined: 0, ..Report::default() }, "junit", "0").unwrap();
        assert!(xml.contains("<testsuite name=\"a&amp;b.yaml\" tests=\"1\" failures=\"1\""), "{xml}");
        assert!(xml.contains("message=\"bad &lt;x&gt; &quot;q&quot;\\u{1}\\nnext\""), "{xml}");
        assert!(xml.contains(">a&amp;b.yaml:1:1: error[parse-error] bad &lt;x&gt; \"q\"\\u{1}\\nnext</failure>"), "{xml}");
    }

    #[test]
    fn no_findings_is_one_passing_test() {
        let xml = crate::output::render(&Report { findings: vec![], files: 3, baselined: 0, ..Report::default() }, "junit", "0").unwrap();
        assert!(xml.contains("<testcase name=\"no findings in 3 files\" classname=\"fixity\"/>"), "{xml}");
    }
}
