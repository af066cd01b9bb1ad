//! Only with `--online`: a pin the server does not have: an image digest the registry does not serve,
//! or a commit SHA on no branch or tag of its repository while its comment names a tag the repository
//! does not have.
//!
//! ## Why
//! A digest pin is immutable only if the registry still serves it: a deleted digest breaks the next pull
//! or deploy, and a digest that never existed there is a typo or a pin copied from another registry. A
//! commit SHA with a version comment that no tag of the repository names, and that no branch or tag
//! points to, is what a commit from a fork looks like: GitHub serves a fork's commits through the parent
//! repository's name, so `owner/repo@<sha>` can run code the owner never published.
//!
//! With `fixity check --online`, fixity asks each registry for the manifest by digest (`tag@digest` and
//! `name@digest` alike) and each repository for its refs (git's smart HTTP protocol). A server that
//! cannot be reached, or refuses to answer, makes the pin unverifiable: reported under this rule as a
//! warning, with exit code 3 when nothing else fails.
//!
//! Off without `--online`, which needs the network.
//!
//! ## Example
//! ```yaml
//! image: nginx:1.25@sha256:0000000000000000000000000000000000000000000000000000000000000000
//! ```
//!
//! ## Fix
//! Pin again from the tag (`fixity update` for `tag@digest`, `fixity pin` after removing the digest),
//! or, for a commit, check where it comes from before trusting it.

use super::Rule;
use crate::model::{Diagnostic, Severity};
use crate::reference::Reference;

pub const RULE: Rule = Rule::new("unknown-pin", Severity::Error, "unknown_pin");

fn diagnostic(path: &str, reference: &Reference, message: String) -> Diagnostic {
    Diagnostic::new(RULE.name, path, reference.span, &reference.location, &reference.written, message)
}

/// The registry answered that it has no manifest `digest` (`reason` says how).
pub fn missing_digest(path: &str, reference: &Reference, digest: &str, reason: &str) -> Diagnostic {
    diagnostic(path, reference, format!("the registry does not serve `{}`'s digest {digest}: {reason}", reference.written))
}

/// No ref of the repository points at `commit`, and the repository has no tag `tag`.
pub fn unknown_commit(path: &str, reference: &Reference, commit: &str, tag: &str) -> Diagnostic {
    let message = format!("{commit} is on no branch or tag of the repository, and its comment's tag `{tag}` does not exist there: it may be a commit from a fork");
    diagnostic(path, reference, message)
}

/// The pin could not be checked: `reason`. A warning at most, exit code 3.
pub fn unverifiable(path: &str, reference: &Reference, reason: &str) -> Diagnostic {
    diagnostic(path, reference, format!("`{}` could not be verified online: {reason}", reference.written)).unverifiable()
}
