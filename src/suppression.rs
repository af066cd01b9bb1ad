//! Inline suppressions: `# fixity: ignore[rule-a,rule-b] reason` silences those rules' findings on the same
//! line and on the line directly below. One that silences nothing is reported (`unused-suppression`).

use crate::model::{LineIndex, Located, Span};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Suppression {
    /// The comment, from its `#` to the end of its line.
    pub span: Span,
    pub located: Located,
    pub rules: Vec<String>,
    pub used: bool,
}

const MARKER: &str = "fixity: ignore[";

/// Every suppression comment in a file. Only comments count: the marker must follow a `#`.
pub fn scan(text: &str, lines: &LineIndex) -> Vec<Suppression> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(at) = line.find(MARKER) else { continue };
        let Some(hash) = line[..at].rfind('#') else { continue };
        if !line[hash + 1..at].trim().is_empty() {
            continue;
        }
        let rest = &line[at + MARKER.len()..];
        let Some(close) = rest.find(']') else { continue };
        let rules = rest[..close].split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let span = Span::new(start + hash, start + line.trim_end().len());
        out.push(Suppression { span, located: lines.locate(span), rules, used: false });
    }
    out
}

/// Marks and reports whether a finding of `rule` on `line` is suppressed.
pub fn suppresses(suppressions: &mut [Suppression], rule: &str, line: u32) -> bool {
    for s in suppressions.iter_mut() {
        let at = s.located.place.line;
        if (at == line || at + 1 == line) && s.rules.iter().any(|r| r == rule) {
            s.used = true;
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comment_markers_only() {
        let text = "a: b # fixity: ignore[unpinned-image, parse-error] ok\nmsg: 'fixity: ignore[x]'\n  # fixity: ignore[unpinned-image]\n";
        let s = scan(text, &LineIndex::new(text));
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].located.place.line, &text[s[0].span.start as usize..s[0].span.end as usize], s[0].rules.clone()), (1, "# fixity: ignore[unpinned-image, parse-error] ok", vec!["unpinned-image".to_string(), "parse-error".to_string()]));
        assert_eq!((s[1].located.place.line, s[1].located.place.column, s[1].span.start), (3, 3, 81));
    }
}
