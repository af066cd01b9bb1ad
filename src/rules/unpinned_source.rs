//! A GitOps source (Argo CD, Flux), Helm chart installed by Terraform, pre-commit repository, CircleCI orb
//! or machine image, Azure Pipelines repository resource or Tekton git resolver revision that can move.
//!
//! ## Why
//! A GitOps controller deploys whatever its source names when it syncs, a pre-commit hook runs the code
//! at its `rev` with the developer's rights, and a CircleCI orb's commands run in every job that uses
//! it. A branch, `HEAD`, a tag or a version range names different content tomorrow: whoever can push to
//! the source's repository changes what is deployed or run, with no change in yours to review.
//!
//! fixity checks:
//! - Argo CD `Application` `spec.source`/`spec.sources[]` and `ApplicationSet` `spec.template` sources:
//!   a git source's `targetRevision` (missing, `HEAD`, a branch, a tag or a semver range moves; a
//!   40-hex commit SHA is pinned); a Helm `chart:` source's `targetRevision` (a range moves; an exact
//!   chart version is pinned only as far as a chart version can be: a chart repository can republish a
//!   version with other contents, and only an OCI chart pulled by digest is immutable).
//! - Flux `GitRepository` `spec.ref` (`branch`, `tag`, `semver` and `name` move, no `ref` follows the
//!   default branch; `commit` is pinned), `OCIRepository` `spec.ref` (`tag` and `semver` move, no `ref`
//!   follows `latest`; `digest` is pinned), `HelmRelease` `spec.chart.spec.version` and `HelmChart`
//!   `spec.version` (no version means the newest; a range moves; an exact version is pinned as far as a
//!   chart version can be). Charts built from a `GitRepository` or `Bucket` take no version: their
//!   source is checked instead.
//! - Terraform's Helm provider: `helm_release` resources and `helm_template` data sources. No `version`
//!   installs the newest chart and a range (`~> 4.10`, `19.x`) moves; an exact version is pinned as far
//!   as a chart version can be. An OCI chart (`oci://` in `repository` or `chart`) whose reference ends
//!   with a digest (`chart = "podinfo@sha256:…"`) is pinned by it. A chart without `repository` that is
//!   not a URL is a path in the repository and needs no pin. `var.x` and `local.x` take the module's
//!   values, as for images.
//! - pre-commit `.pre-commit-config.yaml` `repos[].rev` (a tag or branch moves; a 40-hex SHA is pinned,
//!   and the `# frozen: v1.2.3` comment that `pre-commit autoupdate --freeze` writes is shown as its
//!   version). `local` and `meta` repositories are part of the repository and need no pin.
//! - CircleCI `orbs:` (`ns/orb@1.2.3` is an exact version; `@1`, `@1.2`, `@volatile` and `@dev:…`
//!   move). Orbs cannot be pinned by hash, so an exact version is the strongest pin and satisfies
//!   `hash-pin`. `machine: image:` (`current`, `edge` and `default` move; a dated release such as
//!   `ubuntu-2204:2024.01.1` is fixed).
//! - Azure Pipelines `resources.repositories[]`: the repository every `template: file.yml@alias` and
//!   `checkout: alias` fetches, at its `ref` (`refs/heads/…` and `refs/tags/…` move, no `ref` follows the
//!   default branch; a 40-hex commit SHA is pinned), judged once where the resource is declared. Its
//!   policy name is `github.com/owner/repo` for GitHub, `bitbucket.org/owner/repo` for Bitbucket, and
//!   `project/repo` as written for Azure Repos. (`task: Name@2` steps are not reported: Azure DevOps runs
//!   the newest installed version of a task's major, and nothing pins it further.)
//! - Tekton `taskRef`/`pipelineRef` (and a step's StepAction `ref`) with `resolver: git`: the `revision` parameter (a branch or tag
//!   moves, none takes the resolver's default branch; a 40-hex commit is pinned), named by `url`, or by
//!   `org/repo` through an SCM provider's API.
//!
//! A source written with an ApplicationSet template expression (`{{ .values.rev }}`), an Azure template
//! expression (`${{ variables.ref }}`) or a Tekton parameter (`$(params.revision)`) is
//! `unanalyzable-reference`.
//!
//! ## Example
//! ```yaml
//! spec:
//!   source:
//!     repoURL: https://github.com/acme/deploy.git
//!     targetRevision: main
//! ```
//!
//! ## Fix
//! Pin git sources to the commit (`git ls-remote https://github.com/acme/deploy.git main`), OCI artifacts
//! to their digest (`crane digest ghcr.io/acme/manifests:1.2.3`), charts and orbs to one exact version,
//! pre-commit hooks with `pre-commit autoupdate --freeze`. Where a source is trusted, a `.fixity.yml`
//! policy relaxes the rule for it: `hash-pin` (the default: a commit, a digest, or an exact version
//! where nothing stronger exists), `ref-pin` (any written revision or version) or `any`, by the source's
//! name: its URL without the scheme and `.git` (`github.com/acme/*`; a Terraform chart's is its
//! repository URL and chart, `charts.bitnami.com/bitnami/redis`), an orb's `namespace/orb`:
//! ```yaml
//! rules:
//!   unpinned-source:
//!     policies:
//!       "github.com/acme/*": ref-pin
//! ```

use super::{Movable, Policy, Rule, Verdict, Why};
use crate::config::{Config, PinPolicy};
use crate::model::{Policies, Severity};
use crate::reference::source::{At, PinnedBy, Source};
use crate::reference::{git, RefKind, Reference};

pub const RULE: Rule = Rule::judging("unpinned-source", Severity::Error, "unpinned_source", message)
    .with_policies(Policies::Pin { patterns: "`host/owner/*`, `host/owner/repo` or `namespace/orb`" });

pub fn check(value: &str, source: &Source, config: &Config) -> Option<Verdict> {
    let policy = config.pin_policy(RULE.name, &source.name);
    let allowed = match policy {
        PinPolicy::Any => true,
        PinPolicy::RefPin => source.at.is_some(),
        PinPolicy::HashPin => source.is_fixed(),
    };
    let why = match &source.at {
        _ if allowed => return None,
        None => Why::NoPin,
        Some(At { key, value }) if *key == "semver" || is_range(value) || source.pinned_by == PinnedBy::ChartVersion || source.pinned_by == PinnedBy::OrbVersion => Why::Movable(Movable::Range(value.clone())),
        Some(At { value, .. }) if source.pinned_by == PinnedBy::Commit => Why::Movable(Movable::GitRef(value.clone())),
        Some(At { value, .. }) => Why::Movable(Movable::Tag(value.clone())),
    };
    Some(Verdict::new(&RULE, value, why, Policy::Pin(policy)))
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let RefKind::Source(source) = &reference.kind else { return String::new() };
    let what = super::shown(reference, &verdict.value);
    let key = source.at.as_ref().map_or("", |at| at.key);
    let mut message = match (&verdict.why, source.pinned_by) {
        (Why::NoPin, PinnedBy::Commit) => format!("source {what} names no revision: it follows the default branch; pin a 40-hex commit SHA"),
        (Why::NoPin, PinnedBy::Digest) => format!("source {what} has no `ref`: it follows the `latest` tag; pin its `digest`"),
        (Why::NoPin, PinnedBy::ChartVersion) => format!("chart {what} has no version: the newest release is installed; pin one exact version"),
        (Why::NoPin, _) => format!("{what} names no version; pin one exact version"),
        (Why::Movable(Movable::GitRef(r)), _) if r == "HEAD" => format!("source {what} is at `HEAD`, which follows the default branch; pin a 40-hex commit SHA"),
        (Why::Movable(Movable::GitRef(r)), _) => format!("source {what} is not pinned to a commit SHA: {}", git::weakness(r).unwrap_or_else(|| format!("`{key}: {r}` can move"))),
        (Why::Movable(Movable::Range(v)), PinnedBy::OrbVersion) => format!("orb {what} is at `{v}`, which moves with new releases; pin one exact version (orbs cannot be pinned by hash)"),
        (Why::Movable(Movable::Range(v)), PinnedBy::ChartVersion) => format!("chart {what} version `{v}` is a range, not one exact version"),
        (Why::Movable(Movable::Range(v)), _) => format!("source {what} follows `{key}: {v}`, the newest matching tag, which changes as tags are pushed; pin a {}", pin_noun(source.pinned_by)),
        (Why::Movable(Movable::Tag(t)), PinnedBy::MachineImage) => format!("machine image {what} is at `{}`, which moves; pin a dated release", t.rsplit_once(':').map_or(t.as_str(), |(_, tag)| tag)),
        (Why::Movable(Movable::Tag(t)), _) => format!("source {what} is at `{key}: {t}`, which can be moved; pin a {}", pin_noun(source.pinned_by)),
        _ => String::new(),
    };
    if let Some(version) = &source.version {
        message.push_str(&format!(" (version comment `{version}`)"));
    }
    message
}

/// Argo CD reads a `targetRevision` such as `1.4.*` or `>=1.2.0` as a semver constraint on tags.
fn is_range(value: &str) -> bool {
    value.contains(['*', '^', '~', '<', '>', ' ']) || value.ends_with(".x")
}

fn pin_noun(pinned_by: PinnedBy) -> &'static str {
    match pinned_by {
        PinnedBy::Commit => "40-hex commit SHA",
        PinnedBy::Digest => "`digest`",
        _ => "exact version",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::source::name_of;

    fn git_source(url: &str, at: Option<&'static str>) -> Source {
        Source { pinned_by: PinnedBy::Commit, name: name_of(url), at: at.map(|value| At { key: "targetRevision", value: value.into() }), version: None }
    }

    #[test]
    fn policies_relax_the_rule_by_source_name() {
        let config = Config::parse("rules:\n  unpinned-source:\n    policies:\n      \"github.com/acme/*\": ref-pin\n      \"github.com/acme/sandbox\": any\n", &crate::rules::knobs).unwrap();
        let judge = |url: &str, at| check(url, &git_source(url, at), &config).map(|v| (v.why, v.policy));
        assert_eq!(judge("https://github.com/acme/deploy.git", Some("main")), None);
        assert_eq!(judge("https://github.com/acme/deploy.git", None), Some((Why::NoPin, Policy::Pin(PinPolicy::RefPin))));
        assert_eq!(judge("https://github.com/acme/sandbox", None), None);
        assert_eq!(judge("https://github.com/other/deploy", Some("main")), Some((Why::Movable(Movable::GitRef("main".into())), Policy::Pin(PinPolicy::HashPin))));
        assert!(Config::parse("rules:\n  unpinned-source:\n    policies:\n      \"acme@v1\": any\n", &crate::rules::knobs).is_err());
    }
}
