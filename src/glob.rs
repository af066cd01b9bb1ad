//! Glob patterns for `exclude` (paths) and pinning policies (image names, action and include paths).
//!
//! Paths: `*` and `?` stay within one path component, `**` crosses them, and `**/` as a whole component
//! matches zero or more folders (`**/*.yaml` covers `a.yaml` and `deploy/a/b.yaml`); a pattern without `/`
//! matches any single component (`vendor`, `*.tmp`), and a pattern that matches a folder excludes all
//! below it.
//! Names: `*` matches anything, `/` included (`ghcr.io/my-org/*` covers `ghcr.io/my-org/team/app`).

/// Whether `path` (relative, `/`-separated) or one of the folders it is in matches `pattern`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
    let tokens = tokens(pattern);
    if pattern.contains('/') {
        matches(&tokens, path, Mode::Path { or_a_folder: true })
    } else {
        path.split('/').any(|component| matches(&tokens, component, Mode::Path { or_a_folder: false }))
    }
}

/// Whether `path` is `root` or below it (`.` and the empty root contain everything).
pub fn is_within(root: &str, path: &str) -> bool {
    let root = root.trim_start_matches("./").trim_end_matches('/');
    root.is_empty() || root == "." || path == root || path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a name such as `docker.io/library/nginx` matches a policy pattern.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    matches(&tokens(pattern), name, Mode::Name)
}

/// How specific a pattern is: the more literal characters, the more specific ("most specific wins").
pub fn specificity(pattern: &str) -> usize {
    pattern.chars().filter(|c| !matches!(c, '*' | '?')).count()
}

/// One piece of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `?`: one character (not `/` in a path).
    One,
    /// `*`: any run of characters (within one component of a path).
    Star,
    /// `**`: any run of characters, `/` included.
    AnyRun,
    /// `**/` at the start or after a `/` is written `Optional, AnyRun, Char('/')`: it matches zero folders too.
    Optional,
}

/// What is matched: a path, where `*` and `?` stay within a component, or a name, where they do not.
#[derive(Clone, Copy)]
enum Mode {
    /// `or_a_folder`: a folder of the path that matches is enough (`deploy` for `deploy/a.yaml`).
    Path { or_a_folder: bool },
    Name,
}

fn tokens(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '*' && chars.get(i + 1) == Some(&'*') {
            let starts_a_component = i == 0 || chars[i - 1] == '/';
            if starts_a_component && chars.get(i + 2) == Some(&'/') {
                out.extend([Token::Optional, Token::AnyRun, Token::Char('/')]);
                i += 3;
            } else {
                out.push(Token::AnyRun);
                i += 2;
            }
            continue;
        }
        out.push(match chars[i] {
            '*' => Token::Star,
            '?' => Token::One,
            c => Token::Char(c),
        });
        i += 1;
    }
    out
}

/// Runs the pattern as a nondeterministic automaton, one state per token (plus the accepting end), over
/// the text one character at a time: time is at most the text's length times the pattern's, whatever the
/// stars, where backtracking is exponential in the number of `**`.
fn matches(tokens: &[Token], text: &str, mode: Mode) -> bool {
    let end = tokens.len();
    let mut live = vec![false; end + 1];
    let mut next = vec![false; end + 1];
    live[0] = true;
    follow_empty_matches(tokens, &mut live);
    for c in text.chars() {
        if c == '/' && live[end] && matches!(mode, Mode::Path { or_a_folder: true }) {
            return true;
        }
        let within_component = c != '/' || matches!(mode, Mode::Name);
        next.fill(false);
        for (state, token) in tokens.iter().enumerate().filter(|&(state, _)| live[state]) {
            match *token {
                Token::Char(p) if p == c => next[state + 1] = true,
                Token::One if within_component => next[state + 1] = true,
                Token::Star if within_component => next[state] = true,
                Token::AnyRun => next[state] = true,
                _ => {}
            }
        }
        follow_empty_matches(tokens, &mut next);
        std::mem::swap(&mut live, &mut next);
        if !live.contains(&true) {
            return false;
        }
    }
    live[end]
}

/// Adds the states reached by matching nothing: past a star, and past a whole optional `**/`. These only
/// lead forward, so one pass finds them all.
fn follow_empty_matches(tokens: &[Token], live: &mut [bool]) {
    for (state, token) in tokens.iter().enumerate() {
        if live[state] {
            match token {
                Token::Star | Token::AnyRun => live[state + 1] = true,
                Token::Optional => {
                    live[state + 1] = true;
                    live[state + 3] = true;
                }
                Token::Char(_) | Token::One => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let cases = [
            ("examples/**", "examples/a/b.yaml", true),
            ("examples/**", "src/examples.yaml", false),
            ("examples/", "examples/a/b.yaml", true),
            ("./examples", "examples/a.yaml", true),
            ("vendor", "x/vendor/y/Dockerfile", true),
            ("vendor", "x/vendors/Dockerfile", false),
            ("*.tmp.yaml", "a/b/c.tmp.yaml", true),
            ("*.yml", "ci.yml", true),
            ("*.yml", "ci/deploy.yml", true),
            ("*.yml", "ci/deploy.yaml", false),
            ("deploy/*.yaml", "deploy/web.yaml", true),
            ("deploy/*.yaml", "deploy/sub/web.yaml", false),
            ("deploy/?.yaml", "deploy/é.yaml", true),
            ("deploy/?.yaml", "deploy/ab.yaml", false),
            ("**/*.yaml", "deploy/a/b/c.yaml", true),
            ("**/*.yaml", "c.yaml", true),
            ("**/*.yaml", "deploy/c.yml", false),
            ("deploy/**/*.yaml", "deploy/web.yaml", true),
            ("deploy/**/*.yaml", "deploy/a/b/web.yaml", true),
            ("deploy/**/*.yaml", "deployments/web.yaml", false),
            ("**/test/**", "a/b/test/c.yaml", true),
            ("**/fixtures/**", "tests/fixtures/a/b.yaml", true),
            ("**/fixtures/**", "fixtures/b.yaml", true),
            ("**/fixtures/**", "tests/fixtures.yaml", false),
            ("**/fixtures", "fixtures/x", true),
            ("**/**/**/x", "x", true),
            ("a/**b", "a/c/d/eb", true),
            ("a**/b", "ab", false),
        ];
        for (pattern, path, expected) in cases {
            assert_eq!(path_matches(pattern, path), expected, "{pattern} {path}");
        }
    }

    #[test]
    fn many_double_stars_on_deep_paths() {
        // Backtracking tries every way to share 200 folders among 20 `**/`: this would never finish.
        let pattern = format!("{}x/*.yaml", "**/".repeat(20));
        let deep = "a/".repeat(200);
        assert!(!path_matches(&pattern, &format!("{deep}b.yaml")));
        assert!(!path_matches(&pattern, &format!("{deep}x/b/c.yaml")));
        assert!(path_matches(&pattern, &format!("{deep}x/b.yaml")));
        assert!(path_matches(&pattern, "x/b.yaml"));
        let stars = format!("{}b", "*a".repeat(30));
        assert!(!name_matches(&stars, &"a".repeat(5000)));
        assert!(name_matches(&stars, &format!("{}b", "a".repeat(5000))));
    }

    #[test]
    fn within() {
        assert!(is_within(".", "a/b"));
        assert!(is_within("deploy", "deploy/web.yaml"));
        assert!(is_within("deploy/", "deploy/web.yaml"));
        assert!(is_within("deploy/web.yaml", "deploy/web.yaml"));
        assert!(!is_within("deploy", "deployments/web.yaml"));
    }

    #[test]
    fn names() {
        assert!(name_matches("ghcr.io/my-org/*", "ghcr.io/my-org/team/app"));
        assert!(name_matches("docker.io/library/*", "docker.io/library/nginx"));
        assert!(!name_matches("ghcr.io/my-org/*", "ghcr.io/other/app"));
        assert!(specificity("ghcr.io/my-org/app") > specificity("ghcr.io/my-org/*"));
    }
}
