//! GitLab `include:` references and what pins them: a project's `ref`, a component's version after `@`,
//! a remote file's `integrity` hash. A project include is written `group/project@ref` (no `@` without a
//! `ref:`), a component `host/group/project/name@version`.

use super::git;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum IncludeKind {
    /// `project:` with its optional `ref:`.
    Project,
    /// `remote:` URL, with its `integrity:` value if any.
    Remote { integrity: Option<String> },
    /// `component:`, the CI/CD catalog's reusable configuration.
    Component,
    /// `template:`, a file shipped with GitLab itself.
    Template,
}

/// `path@version` split at the `@` (project and component paths cannot contain one).
pub fn split_version(value: &str) -> (&str, Option<&str>) {
    match value.split_once('@') {
        Some((path, version)) => (path, Some(version)),
        None => (value, None),
    }
}

/// A component path without its host (`gitlab.com/acme/ci/build` → `acme/ci/build`), which is what
/// policies match: the host is usually `$CI_SERVER_FQDN`.
pub fn component_path(name: &str) -> &str {
    name.split_once('/').map_or(name, |(_, path)| path)
}

/// What a component version resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentVersion {
    /// `~latest`: the newest catalog release, whatever it is.
    Latest,
    /// `1` or `1.2`: the newest release in that range.
    Partial,
    /// `1.2.3` (with an optional pre-release): one release tag.
    Release,
    /// Anything else is a git ref: a SHA, a tag or a branch.
    Ref(git::Pin),
}

pub fn component_version(version: &str) -> ComponentVersion {
    if version == "~latest" {
        return ComponentVersion::Latest;
    }
    let core = version.split_once(['-', '+']).map_or(version, |(core, _)| core);
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match parts.len() {
        1 | 2 if numeric && core == version => ComponentVersion::Partial,
        3 if numeric => ComponentVersion::Release,
        _ => ComponentVersion::Ref(git::pin(version)),
    }
}

/// Why an `integrity:` value is not a well-formed SHA-256 Subresource Integrity hash
/// (`sha256-` and the base64 of 32 bytes), if it is not.
pub fn integrity_problem(integrity: &str) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let Some(encoded) = integrity.strip_prefix("sha256-") else {
        return Some(format!("`{integrity}` does not start with `sha256-`, the only algorithm GitLab checks"));
    };
    let data = encoded.strip_suffix('=').unwrap_or(encoded);
    let digits: Option<Vec<usize>> = data.bytes().map(|b| ALPHABET.iter().position(|&a| a == b)).collect();
    // 32 bytes are 43 base64 digits and one `=`; the last digit's low two bits are padding and must be 0.
    let well_formed = encoded.len() == 44 && data.len() == 43 && digits.is_some_and(|d| d.last().is_some_and(|last| last % 4 == 0));
    (!well_formed).then(|| format!("`{integrity}` is not `sha256-` followed by the base64 of a 32-byte digest (44 characters)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_versions() {
        assert_eq!(component_version("~latest"), ComponentVersion::Latest);
        assert_eq!(component_version("1"), ComponentVersion::Partial);
        assert_eq!(component_version("1.2"), ComponentVersion::Partial);
        assert_eq!(component_version("1.2.3"), ComponentVersion::Release);
        assert_eq!(component_version("1.2.3-rc.1"), ComponentVersion::Release);
        assert_eq!(component_version("main"), ComponentVersion::Ref(git::Pin::Name));
        assert_eq!(component_version("v1.2.3"), ComponentVersion::Ref(git::Pin::Name));
        assert_eq!(component_version("e3262fdd0b6a8e1b5c6c1d5e9d1d3f4a5b6c7d8e"), ComponentVersion::Ref(git::Pin::Commit));
        assert_eq!(split_version("gitlab.com/acme/ci/build@1.0"), ("gitlab.com/acme/ci/build", Some("1.0")));
        assert_eq!(component_path("$CI_SERVER_FQDN/acme/ci/build"), "acme/ci/build");
    }

    #[test]
    fn integrity_must_be_a_sha256_sri_hash() {
        assert_eq!(integrity_problem("sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8="), None);
        assert!(integrity_problem("sha512-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=").unwrap().contains("sha256-"));
        assert!(integrity_problem("sha256-abc").is_some());
        assert!(integrity_problem("sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY9=").is_some());
        assert!(integrity_problem("sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1I*8=").is_some());
    }
}
