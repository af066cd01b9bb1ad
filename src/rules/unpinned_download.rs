//! A Dockerfile `ADD` that downloads at build time what no digest pins: an HTTP(S) URL without
//! `--checksum=sha256:…`, or a git repository not at a full commit SHA.
//!
//! ## Why
//! `ADD https://example.com/tool.tgz /opt/` builds whatever the server returns that day, and `ADD
//! https://github.com/acme/tool.git#v1.2 /src` whatever the tag points at: the image changes with no
//! change to the repository, and a compromised server or a moved tag reaches the build unreviewed.
//! BuildKit verifies an HTTP download against `--checksum` and fetches a git repository at the commit
//! named, so both can be pinned. Variables in the checksum or the git ref that the Dockerfile does not
//! define are `unanalyzable-reference`.
//!
//! ## Example
//! ```dockerfile
//! ADD https://example.com/tool-1.2.tgz /opt/
//! ADD https://github.com/acme/tool.git#v1.2 /src
//! ```
//!
//! ## Fix
//! Add the file's digest (`sha256sum tool-1.2.tgz`) with `ADD --checksum=sha256:<64 hex> https://…`,
//! and name a git repository's full commit (`git ls-remote https://github.com/acme/tool.git v1.2`) as
//! `#<40 hex>`, keeping the tag in a comment.

use super::{unanalyzable_reference, Movable, Policy, Rule, Verdict, Why};
use crate::model::Severity;
use crate::reference::download::{self, Source};
use crate::reference::{git, Reference, Resolved};

pub const RULE: Rule = Rule::judging("unpinned-download", Severity::Error, "unpinned_download", message);

/// An `ADD` source with the `--checksum` it is verified by, if any.
pub fn check(reference: &Reference, checksum: Option<&Resolved>) -> Option<Verdict> {
    let (source, unresolved) = match &reference.resolved {
        Resolved::Value(value) => (value, None),
        Resolved::Unresolved(names) => (&reference.written, Some(names)),
    };
    let verdict = |why| Some(Verdict::new(&RULE, source, why, Policy::None));
    let unanalyzable = |names: &[String]| Some(Verdict::new(&unanalyzable_reference::RULE, &reference.written, Why::Unresolved(names.to_vec()), Policy::None));
    match (download::parse(source), checksum) {
        (Source::Local, _) => None,
        (_, Some(Resolved::Unresolved(names))) => unanalyzable(names),
        (Source::Http, None) => verdict(Why::NoPin),
        (Source::Http, Some(Resolved::Value(sum))) => download::checksum_problem(sum).and_then(|problem| verdict(Why::Invalid(format!("`--checksum={sum}`: {problem}")))),
        // BuildKit checks a git source's commit against `--checksum`.
        (Source::Git { .. }, Some(Resolved::Value(sum))) if git::pin(sum) == git::Pin::Commit => None,
        (Source::Git { git_ref: Some(r) }, _) if git::pin(r) == git::Pin::Commit => None,
        (Source::Git { git_ref: Some(r) }, _) => match unresolved.filter(|_| r.contains('$')) {
            Some(names) => unanalyzable(names),
            None => verdict(Why::Movable(Movable::GitRef(r.to_string()))),
        },
        (Source::Git { git_ref: None }, _) => verdict(Why::NoPin),
    }
}

fn message(verdict: &Verdict, _: &Reference) -> String {
    let source = &verdict.value;
    let git = matches!(download::parse(source), Source::Git { .. });
    match &verdict.why {
        Why::NoPin if git => format!("`ADD {source}` fetches the repository's default branch at build time; name a full commit SHA (`#<40 hex>`)"),
        Why::NoPin => format!("`ADD {source}` downloads at build time without `--checksum`: the server decides what is built"),
        Why::Movable(Movable::GitRef(r)) => match git::weakness(r) {
            Some(weakness) => format!("`ADD {source}` fetches `{r}` at build time: {weakness}"),
            None => String::new(),
        },
        Why::Invalid(problem) => format!("`ADD {source}` is not verified: {problem}"),
        _ => String::new(),
    }
}
