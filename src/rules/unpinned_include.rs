//! A GitLab `include:` whose content can change without a change to this repository: a project without
//! a commit SHA `ref`, a remote file without an `integrity` hash, a component not at a commit SHA.
//!
//! ## Why
//! Included configuration runs with the pipeline's variables, tokens and deploy keys. `include: project:`
//! with no `ref:` follows the other project's default branch, and a tag or branch ref follows whoever can
//! push there; a `remote:` URL serves whatever its server returns today; a component at `~latest`, at a
//! partial version (`1`, `1.2`) or at a release tag (`1.2.3`, which can be deleted and re-created) or a
//! branch runs code that nobody reviewed in this repository. Only a commit SHA (40 lowercase hex
//! characters) or, for a remote file, `integrity: sha256-…` fixes what is included.
//!
//! fixity checks every entry of the top-level `include:` (string form too: a string URL is a remote
//! include without `integrity`) and of child pipelines' `trigger: include:`. An `integrity` that is not
//! `sha256-` and the base64 of 32 bytes is reported as well. Local includes need no pin, and
//! `include: template:` is reported by `unpinnable-include`. Variables are substituted from the file's
//! top-level `variables:` and component inputs from the `spec:` header's defaults; a value that depends on
//! anything else is `unanalyzable-reference` (the instance's own host, `$CI_SERVER_FQDN`, does not affect
//! a component's pin and is accepted in its path).
//!
//! ## Example
//! ```yaml
//! include:
//!   - project: my-group/ci-templates
//!     ref: v2.3
//!     file: /templates/build.yml
//!   - remote: https://example.com/ci/lint.yml
//!   - component: $CI_SERVER_FQDN/my-group/components/sast@~latest
//! ```
//!
//! ## Fix
//! Pin each include: `ref:` and the component version to the commit SHA
//! (`git ls-remote https://gitlab.com/my-group/ci-templates refs/tags/v2.3`), keeping the version as a
//! comment, and add the remote file's hash
//! (`curl -s URL | openssl dgst -sha256 -binary | openssl base64 -A`):
//! ```yaml
//! include:
//!   - project: my-group/ci-templates
//!     ref: 5f1c2d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d # v2.3
//!     file: /templates/build.yml
//!   - remote: https://example.com/ci/lint.yml
//!     integrity: sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=
//! ```
//! Where a group's own templates are trusted, a `.fixity.yml` policy relaxes the rule for project and
//! component paths (a component's path without its host): `hash-pin` (the default), `ref-pin` (any
//! `ref` or version but `~latest`) or `any`; the most specific pattern wins. Remote includes always need
//! `integrity`.
//! ```yaml
//! rules:
//!   unpinned-include:
//!     policies:
//!       "my-group/*": ref-pin
//! ```

use super::{shown, Movable, Policy, Rule, Verdict, Why};
use crate::config::{Config, PinPolicy};
use crate::model::{Policies, Severity};
use crate::reference::include::{self, ComponentVersion, IncludeKind};
use crate::reference::{git, Reference};

pub const RULE: Rule = Rule::judging("unpinned-include", Severity::Error, "unpinned_include", message)
    .with_policies(Policies::Pin { patterns: "`group/*`, `group/project`, `group/project/*` or a component's `group/project/name`" });

pub fn check(value: &str, kind: &IncludeKind, config: &Config) -> Option<Verdict> {
    let verdict = |why, policy| Some(Verdict::new(&RULE, value, why, policy));
    match kind {
        IncludeKind::Remote { integrity: None } => verdict(Why::NoPin, Policy::None),
        IncludeKind::Remote { integrity: Some(integrity) } => include::integrity_problem(integrity).and_then(|problem| verdict(Why::Movable(Movable::MalformedIntegrity(problem)), Policy::None)),
        IncludeKind::Project => {
            let (project, git_ref) = include::split_version(value);
            let policy = config.pin_policy(RULE.name, project);
            let allowed = match policy {
                PinPolicy::Any => true,
                PinPolicy::RefPin => git_ref.is_some(),
                PinPolicy::HashPin => git_ref.is_some_and(|r| git::pin(r) == git::Pin::Commit),
            };
            match git_ref {
                _ if allowed => None,
                Some(r) => verdict(Why::Movable(Movable::GitRef(r.to_string())), Policy::Pin(policy)),
                None => verdict(Why::NoPin, Policy::Pin(policy)),
            }
        }
        IncludeKind::Component => {
            let (path, version) = include::split_version(value);
            let version_kind = version.map(include::component_version);
            let policy = config.pin_policy(RULE.name, include::component_path(path));
            let allowed = match policy {
                PinPolicy::Any => true,
                PinPolicy::RefPin => version_kind.is_some_and(|v| v != ComponentVersion::Latest),
                PinPolicy::HashPin => version_kind == Some(ComponentVersion::Ref(git::Pin::Commit)),
            };
            let why = match (version, version_kind) {
                _ if allowed => return None,
                (Some(_), Some(ComponentVersion::Latest)) => Why::Latest,
                (Some(v), Some(ComponentVersion::Partial)) => Why::Movable(Movable::PartialVersion(v.to_string())),
                (Some(v), Some(ComponentVersion::Release)) => Why::Movable(Movable::Release(v.to_string())),
                (Some(v), _) => Why::Movable(Movable::GitRef(v.to_string())),
                (None, _) => Why::NoPin,
            };
            verdict(why, Policy::Pin(policy))
        }
        // Reported by `unpinnable-include`: there is nothing to pin.
        IncludeKind::Template => None,
    }
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let what = shown(reference, &verdict.value);
    let component = matches!(reference.kind, crate::reference::RefKind::Include(IncludeKind::Component));
    match &verdict.why {
        Why::NoPin if component => format!("component {what} has no `@version`; pin it to a commit SHA"),
        Why::NoPin if matches!(reference.kind, crate::reference::RefKind::Include(IncludeKind::Project)) => {
            format!("include of project {what} has no `ref`, so it follows the default branch; pin `ref:` to a commit SHA")
        }
        Why::NoPin => format!("remote include {what} has no `integrity`, so what it serves can change; add `integrity: sha256-…`"),
        Why::Movable(Movable::MalformedIntegrity(problem)) => format!("remote include {what} has an `integrity` that is not well formed: {problem}"),
        Why::Latest => format!("component {what} is not pinned: `~latest` is whatever release is newest"),
        Why::Movable(Movable::PartialVersion(v)) => format!("component {what} is not pinned: `{v}` is a partial version, which moves to each new release in its range"),
        Why::Movable(Movable::Release(v)) => format!("component {what} is not pinned to a commit SHA: release tag `{v}` can be deleted and re-created"),
        Why::Movable(Movable::GitRef(r)) if component => format!("component {what} is not pinned to a commit SHA: {}", git::weakness(r).unwrap_or_default()),
        Why::Movable(Movable::GitRef(r)) => format!("include of project {what} is not pinned to a commit SHA: {}", git::weakness(r).unwrap_or_default()),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a pinning policy allows is no finding; what it does not is the case the include is in, under
    /// the policy it was held to (`hash-pin` unless configured).
    #[test]
    fn the_pin_policy_decides_what_is_pinned_enough() {
        let config = Config::parse("rules:\n  unpinned-include:\n    policies:\n      \"acme/*\": ref-pin\n      \"free/*\": any\n", &crate::rules::knobs).expect("config");
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let (hash, by_ref) = (Policy::Pin(PinPolicy::HashPin), Policy::Pin(PinPolicy::RefPin));
        let git_ref = |r: &str| Why::Movable(Movable::GitRef(r.into()));
        let cases = [
            (IncludeKind::Project, "acme/ci@main".to_string(), None),
            (IncludeKind::Project, "acme/ci".to_string(), Some((Why::NoPin, by_ref))),
            (IncludeKind::Project, "free/ci".to_string(), None),
            (IncludeKind::Project, "other/ci@main".to_string(), Some((git_ref("main"), hash))),
            (IncludeKind::Project, "other/ci".to_string(), Some((Why::NoPin, hash))),
            (IncludeKind::Project, format!("other/ci@{sha}"), None),
            (IncludeKind::Component, "gitlab.com/acme/ci/build@1.2.3".to_string(), None),
            (IncludeKind::Component, "gitlab.com/acme/ci/build@~latest".to_string(), Some((Why::Latest, by_ref))),
            (IncludeKind::Component, "gitlab.com/acme/ci/build".to_string(), Some((Why::NoPin, by_ref))),
            (IncludeKind::Component, "gitlab.com/free/ci/build@~latest".to_string(), None),
            (IncludeKind::Component, "gitlab.com/other/ci/build@1".to_string(), Some((Why::Movable(Movable::PartialVersion("1".into())), hash))),
            (IncludeKind::Component, "gitlab.com/other/ci/build@1.2.3".to_string(), Some((Why::Movable(Movable::Release("1.2.3".into())), hash))),
            (IncludeKind::Component, "gitlab.com/other/ci/build@main".to_string(), Some((git_ref("main"), hash))),
            (IncludeKind::Component, "gitlab.com/other/ci/build".to_string(), Some((Why::NoPin, hash))),
            (IncludeKind::Component, format!("gitlab.com/other/ci/build@{sha}"), None),
        ];
        for (kind, value, expected) in cases {
            assert_eq!(check(&value, &kind, &config).map(|v| (v.why, v.policy)), expected, "{value}");
        }
    }
}
