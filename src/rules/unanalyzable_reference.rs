//! A reference built from variables or template expressions that the file itself does not define, so
//! fixity cannot tell whether it is pinned.
//!
//! ## Why
//! `FROM node:${NODE_VERSION}` with no `ARG NODE_VERSION=…` default, `image: {{ .Values.image }}`, a
//! workflow's `container: ${{ inputs.image }}` or a matrix from `fromJSON(…)`, a GitLab
//! `image: $BUILD_IMAGE` set in the project's CI/CD settings or a `!reference` to a job in another file:
//! each is whatever the build, the renderer or the pipeline passes in. fixity never treats that as a
//! pass: it is reported so that someone checks where the value comes from. A reference whose written part
//! already ends in a valid digest (`$REGISTRY/app@sha256:…`) is pinned whatever the variables hold, and
//! is not reported; an image whose text after the last variable holds no `@` (`$REGISTRY/app:1.0`) is
//! certainly not pinned, and is reported as `unpinned-image`.
//!
//! ## Example
//! ```dockerfile
//! ARG NODE_VERSION
//! FROM node:${NODE_VERSION}
//! ```
//!
//! ## Fix
//! Give the value in the file (an `ARG` default, a Compose `${VAR:-default}`), pin the digest in the
//! written part, or check the rendered output instead (`helm template … | fixity check -`). Where the
//! value is known to be safe, suppress the finding with `# fixity: ignore[unanalyzable-reference] why`.

use super::Rule;
use crate::model::Severity;
use crate::reference::{image, Reference};

pub const RULE: Rule = Rule::new("unanalyzable-reference", Severity::Warning, "unanalyzable_reference");

pub fn check(reference: &Reference, names: &[String]) -> Option<String> {
    if ends_in_digest(&reference.written) {
        return None;
    }
    let noun = reference.kind.noun();
    let written = &reference.written;
    if names.iter().any(|n| n.starts_with("{{")) {
        return Some(format!("{noun} `{written}` is a template expression, known only once rendered; fixity cannot tell whether it is pinned"));
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Some(format!("{noun} `{written}` depends on {}, which this file does not define; fixity cannot tell whether it is pinned", names.join(", ")))
}

/// Whether the literal text after the last variable is a complete, valid digest.
fn ends_in_digest(written: &str) -> bool {
    let Some((before, digest)) = written.rsplit_once('@') else { return false };
    if digest.contains(['$', '{', '}']) || before.is_empty() {
        return false;
    }
    image::parse(&format!("pinned@{digest}")).is_ok()
}
