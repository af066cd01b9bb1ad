//! Git's smart HTTP protocol, version 2: one `ls-refs` command lists a repository's tags (annotated ones
//! peeled to their commit) and branches, with no API and no API rate limit.

use super::Answer;
use crate::reference::git::{self, Pin};

/// Which forge's credentials a repository may get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Forge {
    GitHub,
    GitLab,
    /// Another server: no credentials.
    Other,
}

/// A repository, by its URL without `.git` (`https://github.com/actions/checkout`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Repository {
    pub url: String,
    pub forge: Forge,
}

/// A repository's tags and branches, each with the commit it points to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refs {
    pub tags: Vec<(String, String)>,
    pub branches: Vec<(String, String)>,
}

/// What a ref name turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<'r> {
    Tag(&'r str),
    Branch(&'r str),
    Missing,
}

impl Refs {
    /// The commit of a tag, else of a branch (git prefers the tag when both exist).
    pub fn find(&self, name: &str) -> Found<'_> {
        match (commit_of(&self.tags, name), commit_of(&self.branches, name)) {
            (Some(commit), _) => Found::Tag(commit),
            (None, Some(commit)) => Found::Branch(commit),
            (None, None) => Found::Missing,
        }
    }

    /// The most specific version tag on `commit` that refines `tag` (pinact's rule): `v4` on the commit of
    /// `v4.2.2` reads `v4.2.2`. A tag that is no version, or has no refinement there, stays as it is.
    pub fn most_specific(&self, tag: &str, commit: &str) -> String {
        self.tags
            .iter()
            .filter(|(name, c)| c == commit && name.strip_prefix(tag).is_some_and(|rest| rest.starts_with('.')))
            .map(|(name, _)| name.as_str())
            .filter(|name| name[tag.len()..].split('.').skip(1).all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())))
            .max_by_key(|name| (name.matches('.').count(), std::cmp::Reverse(name.len())))
            .unwrap_or(tag)
            .to_string()
    }

    /// The newest `X.Y.Z` release tag (no pre-release) and its commit, within `within` (`1`, `1.2`) if
    /// given: what a GitLab component's `~latest` or partial version resolves to.
    pub fn newest_release(&self, within: Option<&str>) -> Option<(&str, &str)> {
        let numbers = |name: &str| -> Option<[u64; 3]> {
            let mut parts = name.split('.').map(|p| if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) { p.parse().ok() } else { None });
            let version = [parts.next()??, parts.next()??, parts.next()??];
            parts.next().is_none().then_some(version)
        };
        self.tags
            .iter()
            .filter(|(name, _)| within.is_none_or(|w| name.strip_prefix(w).is_some_and(|rest| rest.starts_with('.'))))
            .filter_map(|(name, commit)| Some((numbers(name)?, name.as_str(), commit.as_str())))
            .max_by_key(|(version, _, _)| *version)
            .map(|(_, name, commit)| (name, commit))
    }

    /// Whether some tag or branch points at `commit`.
    pub fn holds(&self, commit: &str) -> bool {
        self.tags.iter().chain(&self.branches).any(|(_, c)| c == commit)
    }
}

fn commit_of<'r>(refs: &'r [(String, String)], name: &str) -> Option<&'r str> {
    refs.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_str())
}

impl Repository {
    /// Where the `ls-refs` request goes: what a credential for it is judged by (`https://github.com` alone
    /// would become `https://github.com.git/…`, another host).
    pub fn upload_pack_url(&self) -> String {
        format!("{}.git/git-upload-pack", self.url.trim_end_matches('/'))
    }
}

/// The `ls-refs` request: URL, headers and the pkt-line body.
pub fn ls_refs_request(repository: &Repository, authorization: Option<String>) -> (String, Vec<(String, String)>, String) {
    let url = repository.upload_pack_url();
    let mut headers = vec![
        ("Content-Type".to_string(), "application/x-git-upload-pack-request".to_string()),
        ("Accept".to_string(), "application/x-git-upload-pack-result".to_string()),
        ("Git-Protocol".to_string(), "version=2".to_string()),
    ];
    headers.extend(authorization.map(|a| ("Authorization".to_string(), a)));
    let body = [pkt_line("command=ls-refs\n"), "0001".to_string(), pkt_line("peel\n"), pkt_line("ref-prefix refs/tags/\n"), pkt_line("ref-prefix refs/heads/\n"), "0000".to_string()].concat();
    (url, headers, body)
}

fn pkt_line(payload: &str) -> String {
    format!("{:04x}{payload}", payload.len() + 4)
}

/// Reads the `ls-refs` answer: `<oid> <ref>[ peeled:<oid>]` lines up to a flush packet.
pub fn read_ls_refs(answer: &Answer) -> Result<Refs, String> {
    match answer.status {
        200 => {}
        401 | 403 => return Err(format!("git server answered {}: the repository is private or does not exist", answer.status)),
        404 => return Err("git server answered 404: no such repository".into()),
        status => return Err(format!("git server answered {status}")),
    }
    let garbage = |why: &str| format!("git server's answer is not a protocol v2 ref list ({why})");
    let mut refs = Refs::default();
    let mut rest: &[u8] = &answer.body;
    loop {
        let length = rest.get(..4).and_then(|l| std::str::from_utf8(l).ok()).and_then(|l| usize::from_str_radix(l, 16).ok()).ok_or_else(|| garbage("bad packet length"))?;
        if length == 0 {
            break;
        }
        if length < 4 || length > rest.len() {
            return Err(garbage("truncated packet"));
        }
        let line = std::str::from_utf8(&rest[4..length]).map_err(|_| garbage("not UTF-8"))?.trim_end_matches('\n');
        rest = &rest[length..];
        let mut words = line.split(' ');
        let (Some(oid), Some(name)) = (words.next(), words.next()) else { return Err(garbage("a line without a ref")) };
        // The peeled id is what `pin` writes into a file: a hostile server's must not pass unchecked.
        let commit = words.find_map(|w| w.strip_prefix("peeled:")).unwrap_or(oid);
        if [oid, commit].iter().any(|id| git::pin(id) != Pin::Commit) {
            return Err(garbage("an object id that is not a SHA-1 of 40 lowercase hex characters"));
        }
        let commit = commit.to_string();
        if let Some(tag) = name.strip_prefix("refs/tags/") {
            refs.tags.push((tag.to_string(), commit));
        } else if let Some(branch) = name.strip_prefix("refs/heads/") {
            refs.branches.push((branch.to_string(), commit));
        }
    }
    Ok(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Answer {
        Answer { status: 200, headers: Vec::new(), body: body.as_bytes().to_vec() }
    }

    #[test]
    fn request_is_protocol_v2_ls_refs() {
        let repository = Repository { url: "https://github.com/actions/checkout".into(), forge: Forge::GitHub };
        let (url, _, body) = ls_refs_request(&repository, None);
        assert_eq!(url, "https://github.com/actions/checkout.git/git-upload-pack");
        assert_eq!(body, "0014command=ls-refs\n00010009peel\n001aref-prefix refs/tags/\n001bref-prefix refs/heads/\n0000");
    }

    #[test]
    fn reads_peeled_tags_and_the_most_specific_one() {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let t = "c".repeat(40);
        let lines = [format!("{a} refs/heads/main\n"), format!("{a} refs/tags/v4\n"), format!("{t} refs/tags/v4.2.2 peeled:{a}\n"), format!("{a} refs/tags/v4.2\n"), format!("{b} refs/tags/v4.1.0\n")];
        let body: String = lines.iter().map(|l| pkt_line(l)).chain(["0000".to_string()]).collect();
        let refs = read_ls_refs(&answer(&body)).unwrap();
        assert_eq!(refs.find("v4.2.2"), Found::Tag(&a));
        assert_eq!(refs.find("main"), Found::Branch(&a));
        assert_eq!(refs.find("v5"), Found::Missing);
        assert_eq!(refs.most_specific("v4", &a), "v4.2.2");
        assert_eq!(refs.most_specific("v4.1.0", &b), "v4.1.0");
        assert_eq!(refs.most_specific("main", &a), "main");
        assert!(refs.holds(&b) && !refs.holds(&t));
        let releases = Refs { tags: [("1.2.3", "a"), ("1.10.0", "b"), ("2.0.0-rc.1", "c"), ("v3.0.0", "d"), ("1.2.10", "e")].map(|(n, c)| (n.to_string(), c.to_string())).to_vec(), branches: Vec::new() };
        assert_eq!(releases.newest_release(None), Some(("1.10.0", "b")));
        assert_eq!(releases.newest_release(Some("1.2")), Some(("1.2.10", "e")));
        assert_eq!(releases.newest_release(Some("2")), None);
        assert!(read_ls_refs(&answer("<html>rate limited</html>")).unwrap_err().contains("not a protocol v2 ref list"));
        assert!(read_ls_refs(&answer("0040short")).unwrap_err().contains("truncated"));
        let peeled_to_a_name = pkt_line(&format!("{t} refs/tags/v1 peeled:main\n")) + "0000";
        assert!(read_ls_refs(&answer(&peeled_to_a_name)).unwrap_err().contains("not a SHA-1"));
        let uppercase = pkt_line(&format!("{} refs/tags/v1\n", "C".repeat(40))) + "0000";
        assert!(read_ls_refs(&answer(&uppercase)).unwrap_err().contains("not a SHA-1"));
    }
}
