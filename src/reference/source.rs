//! Sources that a deploy or a CI run fetches by a name that may move: GitOps sources (Argo CD, Flux),
//! pre-commit repositories, CircleCI orbs and machine images. Each is pinned by something different: a
//! git source by a full commit SHA, an OCI artifact by a digest, a Helm chart or an orb by one exact
//! version (neither can be pinned by hash), a CircleCI machine image by a dated release.

use super::{git, image};
use crate::version::Version;

/// What pins a source when it is pinned as far as it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PinnedBy {
    /// A git revision: only a full commit SHA.
    Commit,
    /// A Helm chart version: one exact version.
    ChartVersion,
    /// An OCI artifact: a digest.
    Digest,
    /// A CircleCI orb: one exact version.
    OrbVersion,
    /// A CircleCI machine image: a dated release (`2024.01.1`), not `current`, `edge` or `default`.
    MachineImage,
}

/// The revision or version a source is written at: the key it is written under (`targetRevision`,
/// `branch`, `semver`, `digest`, `rev`, `@`) and its value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct At {
    #[serde(deserialize_with = "crate::model::static_name")]
    pub key: crate::model::StaticName,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub pinned_by: PinnedBy,
    /// What policies match: the URL without its scheme and `.git`, an orb's `namespace/orb`.
    pub name: String,
    /// `None` when nothing is written: the default branch, the newest chart, the `latest` tag.
    pub at: Option<At>,
    /// The version a comment names (`# frozen: v4.5.0`).
    pub version: Option<String>,
}

impl Source {
    /// Whether the source is pinned as far as its kind can be.
    pub fn is_fixed(&self) -> bool {
        let Some(At { key, value }) = &self.at else { return false };
        let exact_version = || !value.starts_with(['v', 'V']) && Version::parse(value).is_some_and(|v| v.is_exact());
        match self.pinned_by {
            // Flux's `semver` and `branch` move whatever their value looks like.
            PinnedBy::Commit => !matches!(*key, "semver" | "branch" | "tag" | "name") && git::pin(value) == git::Pin::Commit,
            PinnedBy::Digest => *key == "digest" && image::check_digest(value).is_ok(),
            PinnedBy::ChartVersion => Version::parse(value.strip_prefix('=').unwrap_or(value).trim()).is_some_and(|v| v.is_exact()) && !value.contains([' ', ',', '|', '<', '>', '^', '~']),
            PinnedBy::OrbVersion => exact_version(),
            PinnedBy::MachineImage => value.rsplit_once(':').is_some_and(|(_, tag)| tag.starts_with(|c: char| c.is_ascii_digit())),
        }
    }
}

/// A URL as policies match it: no scheme, user, `.git` or trailing `/`, in lowercase.
pub fn name_of(url: &str) -> String {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split_once('@').filter(|(user, _)| !user.contains('/')).map_or(rest, |(_, host)| host);
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    rest.replacen(':', "/", usize::from(!url.contains("://"))).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(pinned_by: PinnedBy, key: &'static str, value: &str) -> bool {
        Source { pinned_by, name: String::new(), at: Some(At { key, value: value.into() }), version: None }.is_fixed()
    }

    #[test]
    fn what_pins_each_source() {
        let sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
        assert!(fixed(PinnedBy::Commit, "targetRevision", sha) && fixed(PinnedBy::Commit, "commit", sha));
        assert!(!fixed(PinnedBy::Commit, "targetRevision", "HEAD") && !fixed(PinnedBy::Commit, "tag", sha) && !fixed(PinnedBy::Commit, "rev", &sha[..7]));
        assert!(fixed(PinnedBy::ChartVersion, "version", "1.2.3") && fixed(PinnedBy::ChartVersion, "version", "=1.2.3"));
        for range in ["1.2", "1.2.*", "^1.2.3", "~1.2.3", ">=1.0.0", "*", ">=1.0.0 <2.0.0"] {
            assert!(!fixed(PinnedBy::ChartVersion, "version", range), "{range}");
        }
        assert!(fixed(PinnedBy::Digest, "digest", &format!("sha256:{}", "a".repeat(64))) && !fixed(PinnedBy::Digest, "tag", "6.5.0"));
        // Both the key and the value: a digest written as a tag, or a `digest` that is not one, is not pinned.
        assert!(!fixed(PinnedBy::Digest, "tag", &format!("sha256:{}", "a".repeat(64))) && !fixed(PinnedBy::Digest, "digest", "sha256:abc"));
        assert!(fixed(PinnedBy::OrbVersion, "@", "5.1.0") && !fixed(PinnedBy::OrbVersion, "@", "5") && !fixed(PinnedBy::OrbVersion, "@", "volatile"));
        assert!(fixed(PinnedBy::MachineImage, "image", "ubuntu-2204:2024.01.1") && !fixed(PinnedBy::MachineImage, "image", "ubuntu-2204:current"));
    }

    #[test]
    fn names() {
        assert_eq!(name_of("https://github.com/Argoproj/argocd-example-apps.git"), "github.com/argoproj/argocd-example-apps");
        assert_eq!(name_of("git@github.com:acme/deploy.git"), "github.com/acme/deploy");
        assert_eq!(name_of("ssh://git@github.com/acme/deploy"), "github.com/acme/deploy");
        assert_eq!(name_of("oci://ghcr.io/stefanprodan/manifests/podinfo/"), "ghcr.io/stefanprodan/manifests/podinfo");
    }
}
