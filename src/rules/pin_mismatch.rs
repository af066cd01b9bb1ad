//! Only with `--online`: a commit SHA whose version comment names a tag that points to another commit.
//!
//! ## Why
//! `uses: actions/checkout@<sha> # v4.2.2` is reviewed as "v4.2.2", but nothing offline proves that the
//! SHA is that release: a typo, a hand edit, a bad merge or a deliberate swap leaves a comment that lies.
//! With `fixity check --online`, fixity asks the repository (git's smart HTTP protocol, no API) which
//! commit the tag names, annotated tags peeled, and reports a pin whose SHA is another one. It checks
//! every SHA pin with a version comment: actions and reusable workflows, GitLab `include: project:` `ref:`
//! and components, Terraform git module sources (`?ref=<sha> # v1.2.0`) and pre-commit `rev:`
//! (`# frozen: v4.5.0`). A comment naming a branch is not checked: branches move by design.
//!
//! Off without `--online`, which needs the network; the credentials are those of `fixity pin`.
//!
//! ## Example
//! ```yaml
//! - uses: actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab # v4.2.2
//! ```
//!
//! ## Fix
//! Find out which of the two is meant. If the tag is, `fixity update` rewrites the SHA to the tag's
//! commit; if the SHA is, correct the comment.

use super::Rule;
use crate::model::{Diagnostic, Severity};
use crate::reference::Reference;

pub const RULE: Rule = Rule::new("pin-mismatch", Severity::Error, "pin_mismatch");

/// `reference` (in the file at `path`) is pinned to `pinned`, but its comment's `tag` points to `actual`.
pub fn diagnostic(path: &str, reference: &Reference, pinned: &str, tag: &str, actual: &str) -> Diagnostic {
    let message = format!("`{}` is pinned to {pinned}, but its comment's tag `{tag}` points to {actual}; `fixity update` pins the tag's commit, or correct the comment", reference.written);
    Diagnostic::new(RULE.name, path, reference.span, &reference.location, &reference.written, message)
}
