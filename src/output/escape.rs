//! Text taken from files (paths, references, the messages that quote them, source lines) made safe to show.
//!
//! A report is read in a terminal, in a CI log that obeys commands written into it, or on a page: a hostile
//! file name or image value must not move the cursor, ring the bell, forge a GitHub workflow command
//! (`::error …`, `::add-mask::` at the start of a line, the legacy `##[error]` anywhere in one), or reorder
//! what is shown around it. Every renderer shows such text through [`visible`], or [`json`] for the JSON
//! formats, which keep values exact.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` acts on a terminal or log instead of being shown, hides, or reorders the text around it:
/// C0 and C1 controls and DEL, line and paragraph separators, zero-width characters and the byte-order
/// mark, bidirectional marks, embeddings, overrides and isolates, and the two non-characters XML cannot hold.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Appends `c` to `out`, the text so far on its line: as an escape (`\n`, `\u{1b}`) when it is hidden, and
/// as `\u{5b}` when it is the `[` that would complete `##[`, which GitHub's runner obeys as a legacy
/// workflow command anywhere in a line.
pub fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '[' if out.ends_with("##") => out.push_str("\\u{5b}"),
        c if is_hidden(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// `s` on one line, written with [`push_visible`].
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) && !s.contains(LEGACY_COMMAND) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// A path that begins a line, with `./` in front when it starts with `:` or a space: GitHub's runner reads a
/// line that starts with `::` after spaces as a workflow command (`::error …`, `::add-mask::`).
pub fn line_start(path: &str) -> Cow<'_, str> {
    if path.starts_with(|c: char| c == ':' || c.is_whitespace()) {
        Cow::Owned(format!("./{path}"))
    } else {
        Cow::Borrowed(path)
    }
}

/// How GitHub's runner recognizes a legacy workflow command, anywhere in a line.
const LEGACY_COMMAND: &str = "##[";

/// Serialized JSON made safe to print: hidden characters in strings become `\uXXXX` escapes, and so does
/// the `[` of `##[`; the document parses to exactly the same values.
pub fn json(serialized: String) -> String {
    // The usual report: ASCII with no DEL and no `[`, so neither a hidden character nor `##[` (three of the
    // standard library's word-at-a-time searches cost less than one pass byte by byte).
    let bytes = serialized.as_bytes();
    if serialized.is_ascii() && !bytes.contains(&0x7f) && !bytes.contains(&b'[') {
        return serialized;
    }
    // The serializer already escapes C0 controls in strings, so the ones left are layout between tokens.
    let in_string = |c: char| is_hidden(c) && c >= ' ';
    // Every hidden character from ' ' up is DEL or beyond ASCII: most reports are checked byte by byte.
    let plain = !serialized.bytes().any(|b| b >= 0x7f) || !serialized.chars().any(in_string);
    if plain && !serialized.contains(LEGACY_COMMAND) {
        return serialized;
    }
    let mut out = String::with_capacity(serialized.len() + 16);
    for c in serialized.chars() {
        // Every hidden character is in the Basic Multilingual Plane, so one `\uXXXX` escape holds it.
        if in_string(c) || (c == '[' && out.ends_with("##")) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_on_one_line() {
        assert_eq!(visible("a\nb\r\tc\u{1b}[31m\u{7}\u{7f}\u{9b}\u{202e}\u{2066}\u{200b}\u{2028}é"), "a\\nb\\r\\tc\\u{1b}[31m\\u{7}\\u{7f}\\u{9b}\\u{202e}\\u{2066}\\u{200b}\\u{2028}é");
        assert!(matches!(visible("nginx:1.25 `é` ::x #[y] #"), Cow::Borrowed(_)));
    }

    #[test]
    fn legacy_workflow_commands_are_broken_up() {
        assert_eq!(visible("x ##[error]y ###[z"), "x ##\\u{5b}error]y ###\\u{5b}z");
        assert_eq!(json(r#"{"a":"x ##[error]y"}"#.into()), r#"{"a":"x ##\u005berror]y"}"#);
    }

    #[test]
    fn json_keeps_its_values() {
        let value = "a\u{1b}\u{7f}\u{85}\u{202e}\u{feff}##[stop-commands]b\"\\";
        let out = json(serde_json::to_string_pretty(&[value]).unwrap());
        assert_eq!(out, "[\n  \"a\\u001b\\u007f\\u0085\\u202e\\ufeff##\\u005bstop-commands]b\\\"\\\\\"\n]");
        assert_eq!(serde_json::from_str::<[String; 1]>(&out).unwrap(), [value]);
    }
}
