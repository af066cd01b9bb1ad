//! A container image that is not pinned by a digest.
//!
//! ## Why
//! A tag is a pointer that the registry lets anyone with push access move. `nginx:1.25` today and
//! `nginx:1.25` tomorrow can be different bytes; `latest` (or no tag at all, which means `latest`) moves
//! with every push. Only a digest (`@sha256:` and 64 lowercase hex characters, or `@sha512:` and 128) names
//! exactly one image, so only a digest makes a deployment reproducible and reviewable.
//!
//! fixity looks wherever an image is named: Kubernetes pod specs (containers, init and ephemeral
//! containers, pod templates in custom resources), Kustomize `images:`, Compose services, Dockerfile
//! `FROM`, `COPY --from`, `RUN --mount=from=` and the `# syntax=` directive, GitHub workflow jobs'
//! `container` and `services`, `uses: docker://…` steps and Docker actions' `runs.image`, and GitLab CI
//! `image:` and `services:` (in jobs, hidden jobs and `default:`), CircleCI `docker:` images, Bitbucket
//! Pipelines `image:` and `pipe:`, Google Cloud Build `steps[].name`, Azure Pipelines `container:`,
//! `services:` and `resources.containers`, Tekton step, sidecar and `stepTemplate` images and bundles
//! (`taskRef`/`pipelineRef` `bundle:` and `resolver: bundles`), Flux `Kustomization` `spec.images`, and the
//! `image:` blocks of Helm values files beside a `Chart.yaml` (`registry`/`repository`/`tag`/`digest`, an
//! empty tag meaning the chart's `appVersion`). A GitHub `${{ matrix.… }}` or GitLab
//! `parallel: matrix:` image is checked once per matrix value, and the finding points at the value.
//! An image that another keyword overrides (a GitLab top-level `image:` beside `default: image:`, a
//! hidden job's image that every job extending it replaces) is checked all the same, and the message
//! says what overrides it: the file names it, and a reader or a later edit may rely on it.
//!
//! ## Example
//! ```yaml
//! containers:
//!   - name: web
//!     image: nginx:1.25
//! ```
//!
//! ## Fix
//! Resolve the tag to its digest (`docker buildx imagetools inspect nginx:1.25`, `crane digest nginx:1.25`)
//! and write both; the tag stays as a readable label:
//! ```yaml
//!     image: nginx:1.25@sha256:<64 hex>
//! ```
//! Where a registry is trusted to keep tags immutable, a `.fixity.yml` policy can accept tags for it:
//! `rules: {unpinned-image: {policies: {"registry.internal/*": tag}}}`.

use super::{shown, Movable, Policy, Rule, Verdict, Why};
use crate::config::{Config, ImagePolicy};
use crate::model::{Policies, Severity};
use crate::reference::image::{ImageRef, Pinning};
use crate::reference::{variables, RefKind, Reference};

pub const RULE: Rule = Rule::judging("unpinned-image", Severity::Error, "unpinned_image", message).with_policies(Policies::Image);

pub fn check(value: &str, image: &ImageRef, config: &Config) -> Option<Verdict> {
    let pinning = image.pinning();
    // The normalized name is made only for a configuration that has image policies to match it against.
    let policy = if config.has_image_policies() { config.image_policy(&image.normalized_name()) } else { ImagePolicy::Digest };
    let allowed = match policy {
        ImagePolicy::Any => true,
        ImagePolicy::Tag => matches!(pinning, Pinning::Digest | Pinning::Tag(_)),
        ImagePolicy::Digest => pinning == Pinning::Digest,
    };
    let why = match pinning {
        _ if allowed => return None,
        Pinning::None => Why::NoPin,
        Pinning::Latest => Why::Latest,
        Pinning::Tag(tag) => Why::Movable(Movable::Tag(tag.to_string())),
        Pinning::Digest => return None,
    };
    Some(Verdict::new(&RULE, value, why, Policy::Image(policy)))
}

/// An image built from unknown variables is still certainly unpinned when the text written after the last
/// variable holds no `@`: no digest can follow it (`$CI_REGISTRY_IMAGE/app:1.0`, `${BASE}-slim`).
pub fn check_unresolved(reference: &Reference, names: &[String]) -> Option<Verdict> {
    let tail = variables::literal_tail(&reference.written);
    let has_variable = tail.len() < reference.written.len();
    if reference.kind != RefKind::Image || !has_variable || tail.is_empty() || tail.contains('@') {
        return None;
    }
    Some(Verdict::new(&RULE, &reference.written, Why::UnpinnedWhatever(names.to_vec()), Policy::Image(ImagePolicy::Digest)))
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let what = shown(reference, &verdict.value);
    match &verdict.why {
        // Joined, not formatted: most findings are these.
        Why::NoPin => ["image ", &what, " is not pinned by digest; with no tag it pulls `latest`, which moves"].concat(),
        Why::Latest => ["image ", &what, " is not pinned by digest; `latest` moves with every push"].concat(),
        Why::UnpinnedWhatever(names) => {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("image `{}` is not pinned by digest, whatever {} holds", reference.written, names.join(" and "))
        }
        _ => ["image ", &what, " is not pinned by digest"].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::image;

    /// What an image policy allows is no finding; what it does not is the case the reference is in.
    #[test]
    fn the_image_policy_decides_what_is_pinned_enough() {
        let config = Config::parse("rules:\n  unpinned-image:\n    policies:\n      \"registry.internal/*\": tag\n      \"dev.internal/*\": any\n", &crate::rules::knobs).expect("config");
        let digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let tag = |t: &str| Some((Why::Movable(Movable::Tag(t.into())), Policy::Image(ImagePolicy::Digest)));
        let cases = [
            ("registry.internal/app:1.0".to_string(), None),
            ("registry.internal/app".to_string(), Some((Why::NoPin, Policy::Image(ImagePolicy::Tag)))),
            ("registry.internal/app:latest".to_string(), Some((Why::Latest, Policy::Image(ImagePolicy::Tag)))),
            ("dev.internal/app".to_string(), None),
            ("dev.internal/app:latest".to_string(), None),
            ("nginx:1.25".to_string(), tag("1.25")),
            ("nginx".to_string(), Some((Why::NoPin, Policy::Image(ImagePolicy::Digest)))),
            (format!("nginx:1.25{digest}"), None),
        ];
        for (value, expected) in cases {
            let parsed = image::parse(&value).expect("a valid reference");
            assert_eq!(check(&value, &parsed, &config).map(|v| (v.why, v.policy)), expected, "{value}");
        }
    }
}
