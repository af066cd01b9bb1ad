//! A GitHub action or reusable workflow pinned to a commit SHA with no comment saying which version it is.
//!
//! ## Why
//! `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683` is safely pinned, but nobody reading
//! the workflow can tell whether that is v4.2.2 or a commit from a fork's branch, and review of an update
//! that changes the SHA shows forty characters of noise. A version comment on the same line
//! (`# v4.2.2`) makes the pin reviewable, and Dependabot and Renovate update SHA and comment together.
//!
//! fixity reads the comment that follows the `uses:` value in the forms the pinning tools write:
//! `# v4.2.2`, `# 4.2.2`, `# tag=v4.2.2` and `# ratchet:actions/checkout@v4.2.2` (a comment whose first
//! word has no digit, such as `# ratchet:exclude`, names no version). This rule is a `note`, separate
//! from `unpinned-action` so that it can be switched off on its own (`severity: off`); the version a
//! comment names is also shown in `unpinned-action` messages. fixity cannot check offline that the comment
//! matches the SHA.
//!
//! ## Example
//! ```yaml
//! - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
//! ```
//!
//! ## Fix
//! Add the version the SHA belongs to as a comment (`pinact run` and `ratchet pin` write it for you):
//! ```yaml
//! - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
//! ```

use super::{shown, Policy, Rule, Verdict, Why};
use crate::model::Severity;
use crate::reference::{action, git, Reference};

pub const RULE: Rule = Rule::judging("missing-version-comment", Severity::Note, "missing_version_comment", message);

pub fn check(value: &str, version: Option<&str>) -> Option<Verdict> {
    let parsed = action::parse(value).ok()?;
    let pinned = parsed.git_ref.is_some_and(|r| git::pin(r) == git::Pin::Commit);
    (pinned && version.is_none()).then(|| Verdict::new(&RULE, value, Why::NoVersionComment, Policy::None))
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let noun = action::parse(&verdict.value).map_or("action", |parsed| parsed.noun());
    format!("{noun} {} is pinned to a commit SHA with no version comment; add one (`# v1.2.3`) so readers can tell what it is", shown(reference, &verdict.value))
}
