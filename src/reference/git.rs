//! Git refs as pins. Only a full commit SHA, 40 lowercase hex characters, names one commit for good: a
//! tag or a branch can be moved to other code, a short SHA can be shadowed by a ref of the same name or a
//! colliding commit, and anything else that looks like a SHA is read as a ref name.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// A full commit SHA: exactly 40 lowercase hex characters.
    Commit,
    /// 7 to 39 hex characters: an abbreviated commit.
    ShortSha,
    /// 40 hex characters with uppercase letters: not the canonical form of a SHA.
    UppercaseSha,
    /// More than 40 hex characters: not a SHA-1 commit, so a ref name.
    LongHex,
    /// A tag or a branch (fixity cannot tell which without asking the server).
    Name,
}

/// Git's default abbreviation length; shorter hex strings (`cafe`, `1234`) read as names.
const MIN_SHORT_SHA: usize = 7;

pub fn pin(git_ref: &str) -> Pin {
    let hex = !git_ref.is_empty() && git_ref.bytes().all(|b| b.is_ascii_hexdigit());
    let lowercase = git_ref.bytes().all(|b| !b.is_ascii_uppercase());
    match git_ref.len() {
        40 if hex && lowercase => Pin::Commit,
        40 if hex => Pin::UppercaseSha,
        n if hex && n > 40 => Pin::LongHex,
        n if hex && n >= MIN_SHORT_SHA => Pin::ShortSha,
        _ => Pin::Name,
    }
}

/// Why `git_ref` does not pin a commit, in words for a message; `None` for a full commit SHA.
pub fn weakness(git_ref: &str) -> Option<String> {
    Some(match pin(git_ref) {
        Pin::Commit => return None,
        Pin::ShortSha => format!("`{git_ref}` is a short SHA; only the full 40 characters name one commit"),
        Pin::UppercaseSha => format!("`{git_ref}` is a SHA in uppercase, not the canonical lowercase form"),
        Pin::LongHex => format!("`{git_ref}` has {} hex characters where a commit SHA has 40, so it is a ref name", git_ref.len()),
        Pin::Name => format!("`{git_ref}` is a tag or branch, which can be moved to other code"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_full_lowercase_sha_is_a_commit() {
        let sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
        assert_eq!(pin(sha), Pin::Commit);
        assert_eq!(pin(&sha.to_uppercase()), Pin::UppercaseSha);
        assert_eq!(pin(&sha[..7]), Pin::ShortSha);
        assert_eq!(pin(&format!("{sha}0")), Pin::LongHex);
        assert_eq!(pin("v4"), Pin::Name);
        assert_eq!(pin("release/v1"), Pin::Name);
        assert_eq!(pin("cafe"), Pin::Name);
        assert_eq!(pin(""), Pin::Name);
        // A branch as long as a SHA, or longer, is still a name.
        assert_eq!(pin(&"release-".repeat(5)), Pin::Name);
        assert_eq!(pin("feature/a-branch-name-longer-than-forty-characters"), Pin::Name);
        assert_eq!(weakness(sha), None);
        assert!(weakness("main").unwrap().contains("tag or branch"));
    }
}
