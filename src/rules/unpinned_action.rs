//! A GitHub action or reusable workflow (`uses:`) that is not pinned to a full commit SHA.
//!
//! ## Why
//! `uses: actions/checkout@v4` runs whatever commit the tag `v4` points at when the job starts, with the
//! job's token and secrets. Tags and branches can be moved by anyone who can push to the action's
//! repository, or by whoever compromises it; that is how the `tj-actions/changed-files` compromise of
//! 2025 reached thousands of workflows. Only a full commit SHA, exactly 40 lowercase hex characters, names
//! one commit for good.
//!
//! fixity checks every step `uses:` and every job-level reusable workflow `uses:` in
//! `.github/workflows/*.yml`, and the steps of composite actions (`action.yml`). It reports tags and
//! branches (including ones with `/`, such as `release/v1`), short SHAs, uppercase SHAs (not the canonical
//! form), hex strings longer than 40 characters (those are ref names), a missing `@ref`, and values that
//! are not action references at all (`uses: 42`). Subpath actions (`owner/repo/path@ref`) count. Local
//! actions (`./path`, `$/path`) need no pin; `docker://` images are checked by `unpinned-image`. A
//! `${{ matrix.… }}` expression is resolved against a static matrix, one finding per value; anything
//! else is `unanalyzable-reference`. A version comment on the line (`# v4.2.2`) is shown in the message.
//!
//! ## Example
//! ```yaml
//! steps:
//!   - uses: actions/checkout@v4
//!   - uses: github/codeql-action/upload-sarif@main
//! ```
//!
//! ## Fix
//! Pin the commit SHA the tag points at, and keep the tag as a comment so readers and update bots (Dependabot,
//! Renovate) know the version: `git ls-remote https://github.com/actions/checkout refs/tags/v4.2.2`, or
//! `pinact run`, `ratchet pin`, `gh api repos/actions/checkout/commits/v4.2.2 --jq .sha`.
//! ```yaml
//!   - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
//! ```
//! Where a publisher is trusted, a `.fixity.yml` policy relaxes the rule for it: `hash-pin` (the default),
//! `ref-pin` (any tag, branch or SHA) or `any`, by pattern `owner/*`, `owner/repo` (its root action only),
//! `owner/repo/*` (the repository's root action and its subpaths) or `owner/repo/path`; the most specific
//! pattern wins, and a pattern without `*` beats every pattern with one:
//! ```yaml
//! rules:
//!   unpinned-action:
//!     policies:
//!       "actions/*": ref-pin
//!       "my-org/*": any
//! ```

use super::{shown, Movable, Policy, Rule, Verdict, Why};
use crate::config::{Config, PinPolicy};
use crate::model::{Policies, Severity};
use crate::reference::{action, git, RefKind, Reference};

pub const RULE: Rule = Rule::judging("unpinned-action", Severity::Error, "unpinned_action", message)
    .with_policies(Policies::Pin { patterns: "`owner/*`, `owner/repo`, `owner/repo/*` or `owner/repo/path`" });

pub fn check(value: &str, config: &Config) -> Option<Verdict> {
    let parsed = match action::parse(value) {
        Ok(parsed) => parsed,
        Err(problem) => return Some(Verdict::new(&RULE, value, Why::Invalid(problem), Policy::None)),
    };
    let policy = config.pin_policy(RULE.name, parsed.name);
    let allowed = match policy {
        PinPolicy::Any => true,
        PinPolicy::RefPin => parsed.git_ref.is_some(),
        PinPolicy::HashPin => parsed.git_ref.is_some_and(|r| git::pin(r) == git::Pin::Commit),
    };
    let why = match parsed.git_ref {
        _ if allowed => return None,
        Some(r) => Why::Movable(Movable::GitRef(r.to_string())),
        None => Why::NoPin,
    };
    Some(Verdict::new(&RULE, value, why, Policy::Pin(policy)))
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let value = &verdict.value;
    let noun = action::parse(value).map_or("action", |parsed| parsed.noun());
    let what = shown(reference, value);
    let mut message = match &verdict.why {
        Why::Invalid(problem) => return format!("`uses: {}` is not an action reference: {problem}", reference.written),
        Why::Movable(Movable::GitRef(r)) => format!("{noun} {what} is not pinned to a commit SHA: {}", git::weakness(r).unwrap_or_default()),
        _ => format!("{noun} {what} has no `@ref`; pin it to a full commit SHA"),
    };
    if let RefKind::Action { version: Some(version) } = &reference.kind {
        message.push_str(&format!(" (version comment `{version}`)"));
    }
    message
}
