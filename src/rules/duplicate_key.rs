//! A mapping key written twice (consumers disagree on which value wins); every value is still judged.
//!
//! ## Why
//! YAML says a mapping's keys are unique, but parsers do not agree on what to do when one is not: GitLab,
//! Kubernetes' go-yaml and many libraries keep the last value, others the first, and GitHub Actions and
//! Docker Compose reject the file. A reviewer reads one value while the pipeline runs another: an
//! `image:` pinned by digest followed, further down the same job, by `image: alpine:3` is a tag that
//! runs. fixity reports the repeat, and judges every value written (each `image:`, `uses:`, `ref:` or
//! `digest:`), whichever one the consumer keeps. Merge keys (`<<: *base`) overridden by a key of the
//! mapping itself are not repeats: that is what they are for.
//!
//! ## Example
//! ```yaml
//! build:
//!   image: alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
//!   script: make
//!   image: alpine:3
//! ```
//!
//! ## Fix
//! Delete all but one of the keys, and make that one say what should run.

use super::Rule;
use crate::model::{Diagnostic, LineIndex, Severity};
use crate::sources::DuplicateKey;

pub const RULE: Rule = Rule::new("duplicate-key", Severity::Error, "duplicate_key");

/// The finding for a repeated key of the file at `path`, at the repeat.
pub fn diagnostic(path: &str, duplicate: &DuplicateKey, lines: &LineIndex) -> Diagnostic {
    let first = lines.place(duplicate.first).line;
    let message = format!("key `{}` is written twice in one mapping (first on line {first}): consumers disagree on which value wins", duplicate.key);
    Diagnostic::new(RULE.name, path, duplicate.span, &duplicate.location, &duplicate.key, message)
}
