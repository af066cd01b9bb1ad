//! A file that fixity could not read as the kind of manifest its name or content says it is.
//!
//! ## Why
//! A file that cannot be parsed cannot be checked, and a check that silently skips it would be a false
//! pass. Invalid YAML, a binary file named `Dockerfile`, invalid UTF-8, a file over the size limit,
//! nesting deeper than 256 levels and YAML aliases that expand without bound (an "alias bomb") are all
//! reported here, with the line where reading stopped. Everything before that point, and every other file,
//! is still checked.
//!
//! ## Example
//! ```yaml
//! spec:
//!   containers:
//!   - name: web
//!      image: nginx   # inconsistent indentation
//! ```
//!
//! ## Fix
//! Fix the syntax (your editor's YAML support or `kubectl apply --dry-run=client -f FILE` shows the same
//! error), or exclude the file in `.fixity.yml` if it is not a manifest.

use super::Rule;
use crate::model::Severity;

pub const RULE: Rule = Rule::new("parse-error", Severity::Error, "parse_error");
