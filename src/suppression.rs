//! Inline suppressions: `# fixity: ignore[rule-a,rule-b] reason` silences those rules' findings on the same
//! line and on the line directly below. One that silences nothing is reported (`unused-suppression`).
//! Only a real comment of the file's syntax counts, as its reader found it: the same words in a string,
//! a block scalar or a heredoc are data, and a pull request must not be able to hide findings with data.

use crate::model::{LineIndex, Located, Span};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suppression {
    /// The comment, from its opening `#` (or `//`, `/*`) to the end of its first line.
    pub span: Span,
    pub located: Located,
    pub rules: Vec<String>,
    pub used: bool,
}

const MARKER: &str = "fixity: ignore[";

/// Every suppression in a file: each of its `comments` (as its reader found them) that starts with the
/// marker.
pub fn scan(text: &str, lines: &LineIndex, comments: &[Span]) -> Vec<Suppression> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    comments
        .iter()
        .filter_map(|comment| {
            let written = text.get(comment.start as usize..comment.end as usize)?;
            let first_line = written.split('\n').next().unwrap_or("").trim_end();
            let rest = first_line.trim_start_matches(['#', '/', '*']).trim_start().strip_prefix(MARKER)?;
            let close = rest.find(']')?;
            let rules = rest[..close].split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
            let span = Span::new(comment.start as usize, comment.start as usize + first_line.len());
            Some(Suppression { span, located: lines.locate(span), rules, used: false })
        })
        .collect()
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
    fn finds_markers_at_the_start_of_comments_only() {
        let text = "a: b # fixity: ignore[unpinned-image, parse-error] ok\nmsg: 'fixity: ignore[x]' # see fixity: ignore[y]\n  # fixity: ignore[unpinned-image]\n";
        let comments = [Span::new(5, 53), Span::new(79, 102), Span::new(105, 137)];
        let s = scan(text, &LineIndex::new(text), &comments);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].located.place.line, &text[s[0].span.start as usize..s[0].span.end as usize], s[0].rules.clone()), (1, "# fixity: ignore[unpinned-image, parse-error] ok", vec!["unpinned-image".to_string(), "parse-error".to_string()]));
        assert_eq!((s[1].located.place.line, s[1].located.place.column, s[1].span.start), (3, 3, 105));
    }
}
