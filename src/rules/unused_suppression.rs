//! An inline `# fixity: ignore[rule]` comment that suppresses nothing.
//!
//! ## Why
//! Suppressions outlive the findings they were written for: the image gets pinned, the line moves, the
//! rule name is mistyped. A stale suppression silently hides the next real finding on that line, so
//! fixity reports it, as a note, to keep suppressions honest (like ruff's unused-`noqa` check).
//!
//! ## Example
//! ```yaml
//! # fixity: ignore[unpinned-image] vendor pins this for us
//! image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
//! ```
//!
//! ## Fix
//! Delete the comment, or correct the rule name. A suppression applies to findings on its own line and on
//! the line directly below it.

use super::Rule;
use crate::model::Severity;

pub const RULE: Rule = Rule::new("unused-suppression", Severity::Note, "unused_suppression");
