//! Reports on files whose names and contents are hostile: whatever a file holds, no format may let it act
//! on the reader (a terminal, a CI log that obeys workflow commands, a Markdown page), every format must
//! stay well-formed, and the JSON report must keep each value exactly.

use fixity::model::Report;
use fixity::output::{render, FORMATS};
use fixity::{Config, Engine, Options};

/// Image values that try to forge workflow commands, drive the terminal, hide or reorder text, break out
/// of Markdown code spans and tables, or become HTML.
const HOSTILE_IMAGES: [&str; 8] = [
    "nginx\n::error file=x,line=1::INJECTED",
    "x\u{1b}[31m\u{7}\r::add-mask::y",
    "</code><script>alert(1)</script>`a``b|c",
    "nginx:1\u{202e}3.1\u{2066}",
    "a ##[stop-commands]token",
    "![x](https://example.com/t.png) [y](https://example.com) <https://example.com>",
    "a\\|<img src=x>|b` `\\",
    "\u{85}\u{9b}31m\u{7f}\u{2028}::warning::z",
];

/// Folder names that try the same through the path.
const HOSTILE_FOLDERS: [&str; 5] = ["::error file=x,line=1::PATH", "a\n::add-mask::b", "\u{1b}]0;title\u{7}<b>`|\u{202e}", " ::notice::c", "@all www.example.com ``x"];

/// Characters that must never reach a report as themselves.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn hostile_report() -> Report {
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    let mut compose = String::from("services:\n");
    for (i, image) in HOSTILE_IMAGES.iter().enumerate() {
        compose.push_str(&format!("  s{i}:\n    image: {}\n", json_string(image)));
    }
    for folder in HOSTILE_FOLDERS {
        engine.add_file(&format!("{folder}/compose.yaml"), compose.as_bytes(), None);
    }
    engine.finish();
    engine.report().clone()
}

#[test]
fn the_report_holds_the_hostile_values() {
    let report = hostile_report();
    assert_eq!(report.findings.len(), HOSTILE_IMAGES.len() * HOSTILE_FOLDERS.len());
    for image in HOSTILE_IMAGES {
        assert_eq!(report.findings.iter().filter(|f| f.subject == image).count(), HOSTILE_FOLDERS.len(), "{image:?}");
    }
}

#[test]
fn no_format_passes_hidden_characters_or_workflow_commands() {
    let report = hostile_report();
    for format in FORMATS {
        let out = render(&report, format, "0.1.0").unwrap();
        assert!(!out.chars().any(is_forbidden), "{format}: {out}");
        assert!(!out.contains("##["), "{format}: {out}");
        for line in out.lines() {
            let line = line.trim_start();
            // The runner reads a line that starts with `::` as a command: only the github format's own
            // annotations may, one per finding, with the properties free of `:`.
            if *format == "github" {
                let command = line.strip_prefix("::").and_then(|l| l.split("::").next()).unwrap_or_else(|| panic!("{line}"));
                let (level, properties) = command.split_once(' ').unwrap_or((command, "file="));
                assert!(["error", "warning", "notice"].contains(&level), "{line}");
                assert!(!properties.contains(':') && properties.starts_with("file="), "{line}");
            } else {
                assert!(!line.starts_with("::"), "{format}: {line}");
            }
        }
    }
    let annotations = render(&report, "github", "0.1.0").unwrap().lines().count();
    assert_eq!(annotations, 10 + 1, "ten errors, then the notice of what was left out");
}

#[test]
fn the_text_report_escapes_what_it_quotes() {
    let report = hostile_report();
    let text = render(&report, "text", "0.1.0").unwrap();
    let first = text.split("\n\n").next().unwrap();
    assert_eq!(
        first,
        [
            "\\u{1b}]0;title\\u{7}<b>`|\\u{202e}/compose.yaml:3:12: error[invalid-image-reference] image `nginx\\n::error file=x,line=1::INJECTED` is not a valid image reference: it contains the character '\\n'",
            "  |",
            "3 |     image: \"nginx\\n::error file=x,line=1::INJECTED\"",
            "  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ]
        .join("\n")
    );
    assert!(text.contains("\n./ ::notice::c/compose.yaml:5:12: error[invalid-image-reference] image `x\\u{1b}[31m\\u{7}\\r::add-mask::y` is not"), "{text}");
    assert!(text.contains("\n./::error file=x,line=1::PATH/compose.yaml:11:12: error[invalid-image-reference] image `a ##\\u{5b}stop-commands]token` is not"), "{text}");
    assert!(text.contains("\na\\n::add-mask::b/compose.yaml:9:12: error[invalid-image-reference] image `nginx:1\\u{202e}3.1\\u{2066}` is not a valid image reference: `1\\u{202e}3.1\\u{2066}` is not a valid tag"), "{text}");
}

#[test]
fn json_keeps_every_value_exactly() {
    let report = hostile_report();
    let json: serde_json::Value = serde_json::from_str(&render(&report, "json", "0.1.0").unwrap()).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), report.findings.len());
    for (shown, f) in findings.iter().zip(&report.findings) {
        assert_eq!(shown["subject"], f.subject.as_str());
        assert_eq!(shown["path"], f.path.as_str());
        assert_eq!(shown["message"], f.message.as_str());
    }
    for format in ["sarif", "gitlab"] {
        let out = render(&report, format, "0.1.0").unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{format}: {out}");
    }
    let gitlab: serde_json::Value = serde_json::from_str(&render(&report, "gitlab", "0.1.0").unwrap()).unwrap();
    assert_eq!(gitlab[0]["location"]["path"], report.findings[0].path.as_str(), "paths locate the files");
}

#[test]
fn markdown_renders_no_html_links_or_broken_rows() {
    let report = hostile_report();
    let markdown = render(&report, "markdown", "0.1.0").unwrap();
    let html = markdown_to_html(&markdown);
    for tag in ["<script", "<img", "<a ", "<b>", "</code><script"] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
    // Every finding is one row of four cells.
    let rows: Vec<&str> = html.split("<tr>").skip(1).filter(|row| row.contains("<td>error</td>") || row.contains("<td>warning</td>")).collect();
    assert_eq!(rows.len(), report.findings.len(), "{html}");
    for row in rows {
        assert_eq!(row.matches("<td>").count(), 4, "{row}");
    }
    // A location is code: a folder named like a mention or a bare link is neither.
    assert!(html.contains("<td><code>@all www.example.com ``x/compose.yaml:3:12</code></td>"), "{html}");
    // A reference quoted in backticks stays code, its markup shown as text.
    assert!(html.contains("image <code>&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>a``b|c"), "{html}");
}

fn markdown_to_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[test]
fn junit_is_well_formed_xml() {
    let xml = render(&hostile_report(), "junit", "0.1.0").unwrap();
    assert_well_formed(&xml);
}

/// A small well-formedness check for the XML the junit renderer writes: only characters XML 1.0 allows,
/// `&` only in references (named or decimal) to those, `<` only opening a tag, quoted attribute values free of
/// `<`, and tags that nest.
fn assert_well_formed(xml: &str) {
    assert!(xml.chars().all(|c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)), "{xml}");
    for (i, _) in xml.match_indices('&') {
        let reference = &xml[i + 1..i + xml[i..].find(';').unwrap_or_else(|| panic!("{}", &xml[i..]))];
        let named = ["amp", "lt", "gt", "quot", "apos"].contains(&reference);
        let numeric = reference.strip_prefix('#').and_then(|n| n.parse::<u32>().ok()).and_then(char::from_u32).is_some_and(|c| c >= ' ' || "\t\n\r".contains(c));
        assert!(named || numeric, "{}", &xml[i..]);
    }
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("declaration");
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        assert!(!rest[..start].contains('>'), "{}", &rest[..start]);
        let tag_end = tag_end(&rest[start..]).unwrap_or_else(|| panic!("unterminated tag: {}", &rest[start..]));
        let tag = &rest[start + 1..start + tag_end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "{tag}");
        } else if !tag.ends_with('/') {
            open.push(tag.split(' ').next().unwrap());
        }
        rest = &rest[start + tag_end + 1..];
    }
    assert!(open.is_empty() && rest.trim().is_empty(), "{open:?} {rest}");
}

/// Where the tag at the start of `s` ends (its `>`), with attribute values in double quotes that hold no `<`.
fn tag_end(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '"' => quoted = !quoted,
            '<' => return None,
            '>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

#[test]
fn a_line_of_megabytes_gives_a_short_report() {
    let filler = "b".repeat(4 << 20);
    let compose = format!("services: {{web: {{image: \"nginx:{filler}\"}}, db: {{labels: [\"{filler}\"], image: postgres:16}}}}\n");
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    engine.add_file("compose.yaml", compose.as_bytes(), None);
    engine.finish();
    let report = engine.report();
    assert_eq!(report.findings.len(), 2);
    let text = render(report, "text", "0.1.0").unwrap();
    assert!(text.len() < 2 * 10_000, "{}", text.len());
    let blocks: Vec<&str> = text.split("\n\n").collect();
    // The image as long as the line: shown from its start, cut, underlined to the cut.
    assert!(blocks[0].ends_with(&format!("\n1 | …\"nginx:{}…\n  | {}{}", &filler[..193], " ", "^".repeat(200))), "{}", &blocks[0][blocks[0].len() - 500..]);
    // An image at the end of the line: the window ends with the line.
    assert!(blocks[1].ends_with(&format!("\n1 | …{}\"], image: postgres:16}}}}\n  | {}{}", &filler[..176], " ".repeat(188), "^".repeat(11))), "{}", blocks[1]);
    for format in FORMATS.iter().filter(|&&f| f != "json") {
        let out = render(report, format, "0.1.0").unwrap();
        assert!(out.len() < 100_000, "{format}: {}", out.len());
    }
    // The JSON report keeps the subject whole.
    let json: serde_json::Value = serde_json::from_str(&render(report, "json", "0.1.0").unwrap()).unwrap();
    assert_eq!(json["findings"][0]["subject"].as_str().map(str::len), Some(filler.len() + 6));
}

#[test]
fn columns_count_characters() {
    let digest = "0123456789abcdef".repeat(4);
    let compose = format!("services:\n  é:\n    image: nginx@sha256:{digest}\u{200b}\n");
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    engine.add_file("compose.yaml", compose.as_bytes(), None);
    engine.finish();
    let report = engine.report();
    let f = &report.findings[0];
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (3, 12, 3, 90));
    assert_eq!(f.message, format!("image `nginx@sha256:{digest}\u{200b}` is not a valid image reference: sha256 digest has 65 hex characters; it needs exactly 64"));
    let text = render(report, "text", "0.1.0").unwrap();
    let shown = format!("nginx@sha256:{digest}\\u{{200b}}");
    assert!(text.contains(&format!("\n3 |     image: {shown}\n  |            {}\n", "^".repeat(shown.len()))), "{text}");
}
