//! An image reference that is not valid OCI / Docker reference grammar.
//!
//! ## Why
//! A registry or runtime rejects such a reference at deploy time, or worse, reads it differently from what
//! its author meant: a digest with the wrong length or uppercase hex, an unsupported digest algorithm, an
//! uppercase repository path, a bad tag, a name over 255 characters. A broken digest also means the image
//! only looks pinned.
//!
//! ## Example
//! ```dockerfile
//! FROM alpine@sha256:1234abcd
//! ```
//!
//! ## Fix
//! Write the reference as `[registry[:port]/]path[:tag][@sha256:<64 lowercase hex>]`, with a lowercase
//! path, and copy digests whole from `docker buildx imagetools inspect` or `crane digest`.

use super::{shown, Rule, Verdict, Why};
use crate::model::Severity;
use crate::reference::Reference;

pub const RULE: Rule = Rule::judging("invalid-image-reference", Severity::Error, "invalid_image_reference", message);

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let problem = match &verdict.why {
        Why::Invalid(problem) => problem.as_str(),
        _ => "",
    };
    format!("image {} is not a valid image reference: {problem}", shown(reference, &verdict.value))
}
