//! Only with `--online`: an image pinned as `tag@digest` whose tag now names another manifest.
//!
//! ## Why
//! `nginx:1.25@sha256:…` pulls the digest, whatever the tag says, so the pin is safe; but the tag a
//! reader sees has moved on (a rebuild with security fixes, usually), and the pin no longer is what its
//! tag suggests. This is a `note`: nothing is wrong yet, and refreshing is a decision.
//!
//! With `fixity check --online`, fixity asks the registry which manifest the tag names now (the image
//! index for a multi-platform image, as `fixity pin` does) and compares the digests. A tag the registry
//! no longer has is reported too.
//!
//! Off without `--online`, which needs the network.
//!
//! ## Example
//! ```yaml
//! image: nginx:1.25@sha256:a484819eb60211f5299034ac80f6a681b06f89e65866ce91f356ed7c72af059c
//! ```
//!
//! ## Fix
//! `fixity update` rewrites each `tag@digest` to the tag's current digest; review and test as for any
//! image update.

use super::Rule;
use crate::model::{Diagnostic, Severity};
use crate::reference::Reference;

pub const RULE: Rule = Rule::new("stale-pin", Severity::Note, "stale_pin");

/// The tag of `reference`'s `tag@digest` names `now` (or, `None`, is gone: `reason`).
pub fn diagnostic(path: &str, reference: &Reference, tag: &str, now: Result<&str, &str>) -> Diagnostic {
    let message = match now {
        Ok(digest) => format!("tag `{tag}` has moved on to {digest}; `fixity update` refreshes the pin"),
        Err(reason) => format!("tag `{tag}` is no longer in the registry ({reason}); the pin still pulls its digest"),
    };
    Diagnostic::new(RULE.name, path, reference.span, &reference.location, &reference.written, message)
}
