//! What a Dockerfile `ADD` source is, read as BuildKit reads it: a git repository (`git@…`, `git://…`,
//! `ssh://…`, or an HTTP(S) URL whose path ends in `.git`), with the ref it names in its fragment
//! (`#<ref>[:<subdir>]`) or its `ref=` query; another HTTP(S) URL, a file downloaded at build time; or a
//! path in the build context.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<'a> {
    /// A path in the build context (or a heredoc): part of the repository.
    Local,
    /// A file fetched over HTTP(S).
    Http,
    /// A git repository, at the ref written, if any.
    Git { git_ref: Option<&'a str> },
}

pub fn parse(source: &str) -> Source<'_> {
    let lower = source.to_ascii_lowercase();
    let http = lower.starts_with("http://") || lower.starts_with("https://");
    let (address, fragment) = source.split_once('#').map_or((source, None), |(a, f)| (a, Some(f)));
    let (path, query) = address.split_once('?').map_or((address, None), |(p, q)| (p, Some(q)));
    let git = ["git@", "git://", "ssh://"].iter().any(|p| lower.starts_with(p)) || (http && path.ends_with(".git"));
    if !git {
        return if http { Source::Http } else { Source::Local };
    }
    let from_fragment = fragment.map(|f| f.split(':').next().unwrap_or(f));
    let from_query = query.and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("ref=")));
    Source::Git { git_ref: from_fragment.or(from_query).filter(|r| !r.is_empty()) }
}

/// A checksum BuildKit verifies a download by: `sha256:`, `sha384:` or `sha512:` with the algorithm's
/// length of lowercase hex; otherwise why not.
pub fn checksum_problem(checksum: &str) -> Option<String> {
    let Some((algorithm, hex)) = checksum.split_once(':') else { return Some("it has no `sha256:` algorithm prefix".into()) };
    let length = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return Some(format!("`{algorithm}` is not an algorithm BuildKit verifies (sha256, sha384, sha512)")),
    };
    if hex.len() != length || !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Some(format!("a {algorithm} checksum is {length} lowercase hex characters"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sources_as_buildkit_does() {
        assert_eq!(parse("https://example.com/tool.tgz"), Source::Http);
        assert_eq!(parse("HTTP://example.com/a"), Source::Http);
        assert_eq!(parse("./vendor/tool.tgz"), Source::Local);
        assert_eq!(parse("https://github.com/moby/buildkit.git#v0.12.0:docs"), Source::Git { git_ref: Some("v0.12.0") });
        assert_eq!(parse("https://github.com/moby/buildkit.git"), Source::Git { git_ref: None });
        assert_eq!(parse("https://github.com/moby/buildkit.git?ref=main&subdir=docs"), Source::Git { git_ref: Some("main") });
        assert_eq!(parse("git@github.com:moby/buildkit.git#abc"), Source::Git { git_ref: Some("abc") });
        assert_eq!(parse("ssh://git@example.com/x"), Source::Git { git_ref: None });
        assert_eq!(checksum_problem(&format!("sha256:{}", "a".repeat(64))), None);
        assert!(checksum_problem("sha256:abc").unwrap().contains("64 lowercase hex"));
        assert!(checksum_problem("md5:abc").unwrap().contains("not an algorithm"));
    }

    #[test]
    fn checksums_of_each_algorithm_buildkit_verifies() {
        for (algorithm, length) in [("sha256", 64), ("sha384", 96), ("sha512", 128)] {
            let message = format!("a {algorithm} checksum is {length} lowercase hex characters");
            assert_eq!(checksum_problem(&format!("{algorithm}:{}", "0f".repeat(length / 2))), None);
            assert_eq!(checksum_problem(&format!("{algorithm}:{}", "0".repeat(length - 1))), Some(message.clone()));
            assert_eq!(checksum_problem(&format!("{algorithm}:{}", "F".repeat(length))), Some(message));
        }
        assert_eq!(checksum_problem("0f0f"), Some("it has no `sha256:` algorithm prefix".into()));
        assert_eq!(checksum_problem("md5:0f"), Some("`md5` is not an algorithm BuildKit verifies (sha256, sha384, sha512)".into()));
    }
}
