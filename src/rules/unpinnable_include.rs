//! A GitLab `include: template:`, which GitLab serves from its own release and which cannot be pinned.
//!
//! ## Why
//! `include: template: Jobs/SAST.gitlab-ci.yml` takes the template that ships with the GitLab instance
//! running the pipeline, so its content changes whenever the instance is upgraded (on GitLab.com, every
//! month), with no change to this repository. There is no `ref` or hash to pin it with, so fixity
//! reports it as a `note` rather than an error: something to know about, and to replace where the
//! pipeline must be reproducible.
//!
//! ## Example
//! ```yaml
//! include:
//!   - template: Jobs/SAST.gitlab-ci.yml
//! ```
//!
//! ## Fix
//! Use the equivalent CI/CD catalog component at a commit SHA (`component: …/sast@<sha>`), or copy the
//! template into the repository and include it with `local:`. Where following GitLab's release is
//! intended, switch the rule off in `.fixity.yml` (`unpinnable-include: {severity: off}`) or suppress the
//! line with `# fixity: ignore[unpinnable-include] reason`.

use super::{shown, Rule, Verdict};
use crate::model::Severity;
use crate::reference::Reference;

pub const RULE: Rule = Rule::judging("unpinnable-include", Severity::Note, "unpinnable_include", message);

fn message(verdict: &Verdict, reference: &Reference) -> String {
    format!("template include {} comes with the GitLab instance and changes when it is upgraded; it cannot be pinned", shown(reference, &verdict.value))
}
