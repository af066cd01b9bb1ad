//! Inline suppressions: `# fixity: ignore[rule-a,rule-b] reason` silences those rules' findings on the same
//! line and on the line directly below. One that silences nothing is reported (`unused-suppression`).

pub struct Suppression {
    pub line: u32,
    pub column: u32,
    pub rules: Vec<String>,
    pub used: bool,
}

const MARKER: &str = "fixity: ignore[";

/// Every suppression comment in a file. Only comments count: the marker must follow a `#`.
pub fn scan(text: &str) -> Vec<Suppression> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find(MARKER) else { continue };
        let Some(hash) = line[..at].rfind('#') else { continue };
        if !line[hash + 1..at].trim().is_empty() {
            continue;
        }
        let rest = &line[at + MARKER.len()..];
        let Some(close) = rest.find(']') else { continue };
        let rules = rest[..close].split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let column = line[..hash].chars().count() as u32 + 1;
        out.push(Suppression { line: i as u32 + 1, column, rules, used: false });
    }
    out
}

/// Marks and reports whether a finding of `rule` on `line` is suppressed.
pub fn suppresses(suppressions: &mut [Suppression], rule: &str, line: u32) -> bool {
    for s in suppressions.iter_mut() {
        if (s.line == line || s.line + 1 == line) && s.rules.iter().any(|r| r == rule) {
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
        let s = scan("a: b # fixity: ignore[unpinned-image, parse-error] ok\nmsg: 'fixity: ignore[x]'\n  # fixity: ignore[unpinned-image]\n");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].line, s[0].column, s[0].rules.clone()), (1, 6, vec!["unpinned-image".to_string(), "parse-error".to_string()]));
        assert_eq!((s[1].line, s[1].column), (3, 3));
    }
}
