//! The YAML test suite (<https://github.com/yaml/yaml-test-suite>) through fixity's YAML layer: every case
//! of `../shared/testdata/yaml-test-suite` (from the crate's root) must be read with the data of its
//! `in.json`, its parser events must be those of its `test.event` (scalar styles, tags, anchors and
//! aliases included), or it must be rejected when it has an `error` file, unless
//! `tests/yaml-suite-expected-failures.txt` lists it with the reason. A listed case that passes fails the
//! test too, so the list stays true.

use fixity::yaml::syntax::parser::{Event, Parser};
use fixity::yaml::syntax::scanner::TScalarStyle;
use fixity::yaml::{self, Document, Kind, NodeId, Style};
use std::collections::HashMap;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const EXPECTED_FAILURES: &str = "tests/yaml-suite-expected-failures.txt";

#[test]
fn yaml_test_suite() {
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suite = crate_root.join("../shared/testdata/yaml-test-suite");
    if !suite.is_dir() {
        println!("skipped: the YAML test suite is not at {} (it is read from ../shared next to the crate)", suite.display());
        return;
    }
    let listed = expected_failures(&crate_root.join(EXPECTED_FAILURES));
    let cases = cases(&suite);
    assert!(cases.len() > 300, "only {} cases found under {}", cases.len(), suite.display());
    let mut problems = Vec::new();
    let mut passed = 0;
    for (name, dir) in &cases {
        let outcome = run_case(dir);
        match (outcome, listed.get(name.as_str())) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(reason)) => problems.push(format!("{name}: passes now; remove it from {EXPECTED_FAILURES} (listed as: {reason})")),
            (Err(why), None) => problems.push(format!("{name}: {why}")),
            (Err(_), Some(_)) => {}
        }
    }
    for name in listed.keys().filter(|name| !cases.iter().any(|(case, _)| case == *name)) {
        problems.push(format!("{name}: listed in {EXPECTED_FAILURES} but not in the suite"));
    }
    println!("YAML test suite: {passed} of {} cases pass, {} expected failures listed", cases.len(), listed.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Inputs the suite does not hold, each with its events (as [`events`] writes them) or the error that
/// rejects it: edges of the scanner and parser that the suite's cases leave untested.
#[test]
fn cases_the_suite_lacks() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        // Escapes by code point, of 2, 4 and 8 hex digits, and one that is not hex.
        ("\"\\x41\\u00e9\\U0001F600\"", Ok("=VAL \"A\u{e9}\u{1F600}")),
        ("\"\\xZZ\"", Err("while parsing a quoted scalar, did not find expected hexadecimal number")),
        // A byte order mark is no character of an anchor's name (YAML 1.2's ns-anchor-char).
        ("&a\u{FEFF}b x", Ok("=VAL &1 :\u{FEFF}b x")),
        // After a quoted scalar: a blank, a line break, the end, a `:` on its line (a key), or inside a
        // flow collection `,`, `]`, `}` and a `:` on a later line; nothing else.
        ("\"a\" b", Err("invalid trailing content after double-quoted scalar")),
        ("a: \"b\", c", Err("invalid trailing content after double-quoted scalar")),
        ("a: 'b'] c", Err("invalid trailing content after double-quoted scalar")),
        ("\"a\n b\": c", Err("invalid trailing content after double-quoted scalar")),
        ("{\"a\n b\"\n: c, 'd': [\"e\"]}", Ok("+MAP\n=VAL \"a b\n=VAL :c\n=VAL 'd\n+SEQ\n=VAL \"e\n-SEQ\n-MAP")),
        ("\"a\\0b\"", Ok("=VAL \"a\u{0}b")),
        // Every escape YAML 1.2 has.
        (r#""\a\b\t\	\n\v\f\r\e\ \"\/\\\N\_\L\P\x41\u0042\U00000043""#, Ok("=VAL \"\u{7}\\b\\t\\t\\n\u{b}\u{c}\\r\u{1b} \"/\\\\\u{85}\u{a0}\u{2028}\u{2029}ABC")),
        // A double-quoted scalar's line continued with `\` may go on with a single quote.
        ("\"a\\\n'b\"", Ok("=VAL \"a'b")),
        // A tab may not indent a plain scalar's next line, only follow its indentation.
        ("a: b\n\tc", Err("while scanning a plain scalar, found a tab")),
        ("a: b\n \tc", Ok("+MAP\n=VAL :a\n=VAL :b c\n-MAP")),
        // A tab after a `:` separates a simple key's value (as libyaml reads it); after an explicit key's
        // `:`, only with a space too; before a block sequence, never.
        ("? a\n:\t b", Ok("+MAP\n=VAL :a\n=VAL :b\n-MAP")),
        ("? a\n:\tb", Err("':' must be followed by a valid YAML whitespace")),
        ("a:\t- b", Err("':' must be followed by a valid YAML whitespace")),
        ("a:\t - b", Err("block sequence entries are not allowed in this context")),
        // Line breaks written CRLF or CR alone fold as LF does.
        ("a: b\r\n  c\r\nd: 'e\r\n\r\n  f'\r\ng: \"h\r\n  i\"\r\n", Ok("+MAP\n=VAL :a\n=VAL :b c\n=VAL :d\n=VAL 'e\\nf\n=VAL :g\n=VAL \"h i\n-MAP")),
        ("a: b\r  c\rd: e\r", Ok("+MAP\n=VAL :a\n=VAL :b c\n=VAL :d\n=VAL :e\n-MAP")),
        ("a: |\r\n  b\r\n\r\n  c\r\n", Ok("+MAP\n=VAL :a\n=VAL |b\\n\\nc\\n\n-MAP")),
        // An explicit key may start on the line after its `?`, in a flow collection too.
        ("{? \n a: b}", Ok("+MAP\n=VAL :a\n=VAL :b\n-MAP")),
        ("[? \n a : b]", Ok("+SEQ\n+MAP\n=VAL :a\n=VAL :b\n-MAP\n-SEQ")),
        ("{ ? # c\n a }", Ok("+MAP\n=VAL :a\n=VAL :\n-MAP")),
        ("? # c\n  a\n: b", Ok("+MAP\n=VAL :a\n=VAL :b\n-MAP")),
        // A version number has at most 9 digits.
        ("%YAML 1.123456789\n--- a", Ok("=VAL :a")),
        ("%YAML 1.1234567890\n--- a", Err("while scanning a YAML directive, found extremely long version number")),
        // A block sequence entry is no entry in a flow collection; one whose node starts on the next line.
        ("[- a]", Err("\"-\" is only valid inside a block")),
        ("-\n a\n b\n", Ok("+SEQ\n=VAL :a b\n-SEQ")),
        ("-\n a: 1\n b: 2\n", Ok("+SEQ\n+MAP\n=VAL :a\n=VAL :1\n=VAL :b\n=VAL :2\n-MAP\n-SEQ")),
        // A `-` with nothing after it on its line still indents what follows: a tab there is indentation.
        ("-\n -\n \tx", Err("tabs disallowed within this context (block indentation)")),
        // An anchor on its own line at a mapping's column, then a sequence (the suite's G9HC): the anchor
        // starts a key that must have its `:` on the same line.
        ("---\nseq:\n&anchor\n- a\n- b\n", Err("simple key expect ':'")),
        // Indicators reserved for future use start no node, nor do block scalar indicators in a flow
        // collection; inside a plain scalar, they are characters.
        ("[|a]", Err("unexpected character: `|'")),
        ("{a: >b}", Err("unexpected character: `>'")),
        ("[a|b, c>d]", Ok("+SEQ\n=VAL :a|b\n=VAL :c>d\n-SEQ")),
        ("a: @b", Err("unexpected character: `@'")),
        ("a: `b", Err("unexpected character: `\u{60}'")),
        ("a: %b", Err("unexpected character: `%'")),
        // Block scalars that end with the text, right after their header or after blank lines.
        // Clipped, nothing is left (as libyaml reads it); kept, the line breaks after the header are.
        ("- |\n- |+\n- |-\n- >+", Ok("+SEQ\n=VAL |\n=VAL |\n=VAL |\n=VAL >\n-SEQ")),
        ("a: |\n", Ok("+MAP\n=VAL :a\n=VAL |\n-MAP")),
        ("a: |\n\n", Ok("+MAP\n=VAL :a\n=VAL |\n-MAP")),
        ("a: |+\n", Ok("+MAP\n=VAL :a\n=VAL |\\n\n-MAP")),
        ("a: |+\n\n", Ok("+MAP\n=VAL :a\n=VAL |\\n\n-MAP")),
        // Only `---` and `...` then a blank are markers, not other lines that start with `-` or `.`.
        (".ab\n", Ok("=VAL :.ab")),
        (".a.\n", Ok("=VAL :.a.")),
        ("-ab\n", Ok("=VAL :-ab")),
        ("-a-\n", Ok("=VAL :-a-")),
        ("a\n.a.\n-a-\n..a\n--a\n", Ok("=VAL :a .a. -a- ..a --a")),
        // Characters of 2, 3 and 4 bytes wherever a character may be.
        ("&\u{e9}\u{20ac}\u{1F600} k\u{20ac}: !t%E2%82%AC%F0%9F%98%80 \"d\u{20ac}\u{1F600}\\t\u{e9}\"\n'\u{20ac}': [\u{20ac}\u{1F600}, '\u{1F600}''\u{20ac}'] # \u{20ac}\n\u{e9}: |\n  \u{20ac}\u{1F600}\n  \u{e9}\n\u{1F600}: *\u{e9}\u{20ac}\u{1F600}\n", Ok("+MAP\n=VAL &1 :k\u{20ac}\n=VAL <!t\u{20ac}\u{1F600}> \"d\u{20ac}\u{1F600}\\t\u{e9}\n=VAL '\u{20ac}\n+SEQ\n=VAL :\u{20ac}\u{1F600}\n=VAL '\u{1F600}'\u{20ac}\n-SEQ\n=VAL :\u{e9}\n=VAL |\u{20ac}\u{1F600}\\n\u{e9}\\n\n=VAL :\u{1F600}\n=ALI *1\n-MAP")),
        // A tag ends at a blank, or at a flow indicator inside a flow collection only.
        ("!a[b]", Err("while scanning a tag, did not find expected whitespace or line break")),
        ("[!a]", Ok("+SEQ\n=VAL <!a> :\n-SEQ")),
        // A tag's %-escapes are UTF-8, checked as such.
        ("!a%C3%A9%21 x", Ok("=VAL <!a\u{e9}!> :x")),
        ("!a%C3 x", Err("while parsing a tag, did not find URI escaped octet")),
        ("!a%G1 x", Err("while parsing a tag, did not find URI escaped octet")),
        ("!a%1G x", Err("while parsing a tag, did not find URI escaped octet")),
        ("!a%FF x", Err("while parsing a tag, found an incorrect leading UTF-8 octet")),
        ("!a%C3%41 x", Err("while parsing a tag, found an incorrect trailing UTF-8 octet")),
        ("!a%ED%A0%80 x", Err("while parsing a tag, found an invalid UTF-8 codepoint")),
        ("!a%C0%80 x", Err("while parsing a tag, found an invalid UTF-8 codepoint")),
        // A simple key is at most 1024 characters long, counted as characters (of 2 and 3 bytes here).
        (&format!("{}: v", "k".repeat(1024)), Ok(&format!("+MAP\n=VAL :{}\n=VAL :v\n-MAP", "k".repeat(1024)))),
        (&format!("{}: v", "\u{e9}".repeat(1025)), Err("mapping values are not allowed in this context")),
        (&format!("{}: v", "\u{20ac}".repeat(1000)), Ok(&format!("+MAP\n=VAL :{}\n=VAL :v\n-MAP", "\u{20ac}".repeat(1000)))),
    ];
    let mut problems = Vec::new();
    for (text, expected) in cases {
        let read = events(text).map(|all| all.lines().filter(|l| !matches!(*l, "+STR" | "-STR" | "+DOC" | "-DOC")).collect::<Vec<_>>().join("\n"));
        let expected = expected.map(str::to_string).map_err(|why| format!("events: {why}"));
        if read != expected {
            problems.push(format!("{text:?}: read {read:?}, expected {expected:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The list's lines: `CASE  reason`; `#` starts a comment line.
fn expected_failures(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut listed = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        assert!(!reason.trim().is_empty(), "{}: {name} has no reason", path.display());
        assert!(listed.insert(name.to_string(), reason.trim().to_string()).is_none(), "{}: {name} is listed twice", path.display());
    }
    listed
}

/// Every folder holding an `in.yaml`, named by its path in the suite (`2G84/00` for a case with variants).
fn cases(suite: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut folders = vec![suite.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if entry.file_name() == "in.yaml" {
                let name = folder.strip_prefix(suite).unwrap().to_string_lossy().replace('\\', "/");
                found.push((name, folder.clone()));
            }
        }
    }
    found.sort();
    found
}

/// Ok when fixity agrees with the case: rejects it when it has `error`, else reads the data of `in.json`
/// (when the case has one; without it, reading the text without error is what is checked).
fn run_case(dir: &Path) -> Result<(), String> {
    let text = std::fs::read(dir.join("in.yaml")).map_err(|e| e.to_string())?;
    let Ok(text) = String::from_utf8(text) else { return Err("in.yaml is not UTF-8".into()) };
    let must_reject = dir.join("error").exists();
    let mut documents = Vec::new();
    let read = yaml::for_each_document(&text, |doc| documents.push(doc.root().map_or(Value::Null, |root| to_json(doc, root, 0))));
    match (read, must_reject) {
        (Ok(()), true) => return Err("read without error, but the suite says it is invalid".into()),
        (Err(_), true) => return Ok(()),
        (Err(e), false) => return Err(format!("rejected at byte {}: {}", e.span.start, e.message)),
        (Ok(()), false) => {}
    }
    if let Ok(expected) = std::fs::read_to_string(dir.join("test.event")) {
        let (expected, read) = (expected_events(&expected), events(&text)?);
        if read != expected {
            return Err(format!("events\n{read}\nexpected\n{expected}"));
        }
    }
    let Ok(json) = std::fs::read_to_string(dir.join("in.json")) else { return Ok(()) };
    let expected: Vec<Value> = serde_json::Deserializer::from_str(&json).into_iter::<Value>().collect::<Result<_, _>>().map_err(|e| format!("in.json: {e}"))?;
    if documents.len() != expected.len() || documents.iter().zip(&expected).any(|(a, b)| !same(a, b)) {
        return Err(format!("read {}\nexpected {}", Value::Array(documents), Value::Array(expected)));
    }
    Ok(())
}

/// The parser's events in the suite's notation, anchors numbered as the parser numbers them.
fn events(text: &str) -> Result<String, String> {
    let mut parser = Parser::new_from_str(text);
    let mut out = String::new();
    loop {
        let (event, _) = parser.next_token().map_err(|e| format!("events: {}", e.info()))?;
        let anchor = |id: usize| if id == 0 { String::new() } else { format!("&{id} ") };
        let tag = |tag: &Option<Box<fixity::yaml::syntax::parser::Tag>>| tag.as_ref().map_or(String::new(), |t| format!("<{}{}> ", t.handle, t.suffix));
        let line = match &event {
            Event::StreamStart => "+STR".to_string(),
            Event::StreamEnd => "-STR".to_string(),
            Event::DocumentStart => "+DOC".to_string(),
            Event::DocumentEnd => "-DOC".to_string(),
            Event::Alias(id) => format!("=ALI *{id}"),
            Event::Scalar(value, style, id, t) => {
                let indicator = match style {
                    TScalarStyle::Plain => ':',
                    TScalarStyle::SingleQuoted => '\'',
                    TScalarStyle::DoubleQuoted => '"',
                    TScalarStyle::Literal => '|',
                    TScalarStyle::Folded => '>',
                };
                let escaped = value.replace('\\', "\\\\").replace('\u{8}', "\\b").replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t");
                format!("=VAL {}{}{indicator}{escaped}", anchor(*id), tag(t))
            }
            Event::SequenceStart(id, t) => format!("+SEQ {}{}", anchor(*id), tag(t)).trim_end().to_string(),
            Event::SequenceEnd => "-SEQ".to_string(),
            Event::MappingStart(id, t) => format!("+MAP {}{}", anchor(*id), tag(t)).trim_end().to_string(),
            Event::MappingEnd => "-MAP".to_string(),
            Event::Nothing => continue,
        };
        out.push_str(&line);
        out.push('\n');
        if matches!(event, Event::StreamEnd) {
            return Ok(out);
        }
    }
}

/// A `test.event` as [`events`] writes it: anchors numbered in the order they are defined (an alias names
/// the latest definition of its anchor), without what the parser does not tell (explicit `---` and `...`,
/// flow `{}` and `[]`).
fn expected_events(text: &str) -> String {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut defined = 0;
    let mut out = String::new();
    for line in text.lines() {
        let line = line.strip_suffix(" ---").or_else(|| line.strip_suffix(" ...")).unwrap_or(line);
        let unflowed = line.replacen("+MAP {}", "+MAP", 1).replacen("+SEQ []", "+SEQ", 1);
        let line = unflowed.as_str();
        let mut written = Vec::new();
        let mut rest = line;
        // The event's name, then its properties (`&anchor`, `<tag>`), then a scalar's value (which may hold spaces).
        while let Some((word, after)) = rest.split_once(' ').map_or(Some((rest, "")), Some).filter(|(w, _)| !w.is_empty()) {
            if let Some(name) = word.strip_prefix('&') {
                defined += 1;
                numbers.insert(name.to_string(), defined);
                written.push(format!("&{defined}"));
            } else if let Some(name) = word.strip_prefix('*') {
                written.push(format!("*{}", numbers.get(name).copied().unwrap_or(0)));
            } else if written.is_empty() || word.starts_with('<') {
                written.push(word.to_string());
            } else {
                written.push(rest.to_string());
                break;
            }
            rest = after;
        }
        out.push_str(&written.join(" "));
        out.push('\n');
    }
    out
}

/// A node as JSON, scalars typed by YAML 1.2's core schema (the suite's `in.json` is written with it).
fn to_json(doc: &Document, id: NodeId, depth: usize) -> Value {
    if depth > yaml::MAX_DEPTH {
        return Value::String("<too deep>".into());
    }
    let node = doc.node(id);
    match &node.kind {
        Kind::Scalar(text, style) => core_scalar(doc.text(*text), *style, node.tag.as_deref()),
        Kind::Seq(_) => Value::Array(doc.seq(id).unwrap_or(&[]).iter().map(|&item| to_json(doc, item, depth + 1)).collect()),
        Kind::Map(_) => Value::Object(
            doc.own_entries(id)
                .unwrap_or(&[])
                .iter()
                .map(|&(k, v)| {
                    let key = match to_json(doc, k, depth + 1) {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (key, to_json(doc, v, depth + 1))
                })
                .collect(),
        ),
    }
}

fn core_scalar(text: &str, style: Style, tag: Option<&str>) -> Value {
    let tag = tag.map(|t| t.strip_prefix("tag:yaml.org,2002:").unwrap_or(t));
    if style != Style::Plain || tag.is_some_and(|t| t != "int" && t != "float" && t != "bool" && t != "null") {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::from(n);
        }
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(n) = i64::from_str_radix(hex, 16) {
            return Value::from(n);
        }
    }
    if let Some(octal) = text.strip_prefix("0o") {
        if let Ok(n) = i64::from_str_radix(octal, 8) {
            return Value::from(n);
        }
    }
    let looks_like_float = digits.bytes().any(|b| b.is_ascii_digit()) && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    match text.parse::<f64>() {
        Ok(n) if looks_like_float => serde_json::Number::from_f64(n).map_or(Value::String(text.to_string()), Value::Number),
        _ => Value::String(text.to_string()),
    }
}

/// Equal as data: numbers by value (`1` and `1.0` are one number in JSON).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}
