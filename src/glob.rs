//! Glob patterns for `exclude` (paths) and pinning policies (image names, action and include paths).
//!
//! Paths: `*` and `?` stay within one path component, `**` crosses them; a pattern without `/` matches any
//! single component (`vendor`, `*.tmp`), and a pattern that matches a folder excludes all below it.
//! Names: `*` matches anything, `/` included (`ghcr.io/my-org/*` covers `ghcr.io/my-org/team/app`).

/// Whether `path` (relative, `/`-separated) or one of the folders it is in matches `pattern`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
    let anchored = pattern.contains('/');
    let mut end = 0;
    for (i, component) in path.split('/').enumerate() {
        end += component.len() + usize::from(i > 0);
        let matched = if anchored { glob(pattern.as_bytes(), &path.as_bytes()[..end], false) } else { glob(pattern.as_bytes(), component.as_bytes(), false) };
        if matched {
            return true;
        }
    }
    false
}

/// Whether `path` is `root` or below it (`.` and the empty root contain everything).
pub fn is_within(root: &str, path: &str) -> bool {
    let root = root.trim_start_matches("./").trim_end_matches('/');
    root.is_empty() || root == "." || path == root || path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a name such as `docker.io/library/nginx` matches a policy pattern.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    glob(pattern.as_bytes(), name.as_bytes(), true)
}

/// How specific a pattern is: the more literal characters, the more specific ("most specific wins").
pub fn specificity(pattern: &str) -> usize {
    pattern.chars().filter(|c| !matches!(c, '*' | '?')).count()
}

fn glob(p: &[u8], s: &[u8], star_crosses_slash: bool) -> bool {
    // Iterative matcher with one backtrack point per star kind; patterns are short.
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize, bool)> = None;
    while si < s.len() {
        if pi < p.len() {
            if p[pi] == b'*' {
                let double = p.get(pi + 1) == Some(&b'*');
                let next = if double { pi + 2 } else { pi + 1 };
                // `**/` also matches nothing at all.
                let next = if double && p.get(next) == Some(&b'/') && glob(&p[next + 1..], &s[si..], star_crosses_slash) { return true } else { next };
                star = Some((next, si, double || star_crosses_slash));
                pi = next;
                continue;
            }
            if p[pi] == s[si] || (p[pi] == b'?' && (s[si] != b'/' || star_crosses_slash)) {
                pi += 1;
                si += 1;
                continue;
            }
        }
        match star {
            Some((next, start, crosses)) if crosses || s[start] != b'/' => {
                star = Some((next, start + 1, crosses));
                pi = next;
                si = start + 1;
            }
            _ => return false,
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(path_matches("examples/**", "examples/a/b.yaml"));
        assert!(path_matches("examples/", "examples/a/b.yaml"));
        assert!(path_matches("vendor", "x/vendor/y/Dockerfile"));
        assert!(path_matches("*.tmp.yaml", "a/b/c.tmp.yaml"));
        assert!(path_matches("deploy/*.yaml", "deploy/web.yaml"));
        assert!(!path_matches("deploy/*.yaml", "deploy/sub/web.yaml"));
        assert!(path_matches("**/test/**", "a/b/test/c.yaml"));
        assert!(path_matches("**/fixtures", "fixtures/x"));
        assert!(!path_matches("examples/**", "src/examples.yaml"));
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
