//! Terraform module sources and what pins them: a git (or Mercurial) source's `?ref=` (`?rev=`), a
//! registry module's exact `version`. Local paths need no pin; an archive at a URL has nothing to pin it.

use super::Resolved;
use crate::model::Span;

/// A `module` block's `version` argument.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Version {
    pub resolved: Resolved,
    pub span: Span,
}

/// What a module source names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    /// `./x`, `../x`, `/x`: part of this configuration.
    Local,
    /// A version control source, with the query parameter that pins it (`ref`, or `rev` for Mercurial)
    /// and its value if written.
    Vcs { key: &'static str, pinned_to: Option<&'a str> },
    /// An archive or file at a URL (`https://…/x.zip`, `s3::…`, `gcs::…`).
    Archive,
    /// A registry module, `namespace/name/provider` or `host/namespace/name/provider`.
    Registry,
    /// Something else Terraform would reject or fetch its own way.
    Other,
}

pub fn parse(source: &str) -> Source<'_> {
    let source = source.trim();
    if source.starts_with("./") || source.starts_with("../") || source.starts_with('/') {
        return Source::Local;
    }
    let lower = source.to_ascii_lowercase();
    let (address, query) = source.split_once('?').unwrap_or((source, ""));
    if ["git::", "github.com/", "bitbucket.org/", "git@", "hg::"].iter().any(|p| lower.starts_with(p)) || address.ends_with(".git") {
        let key = if lower.starts_with("hg::") { "rev" } else { "ref" };
        let pinned_to = query.split('&').find_map(|p| p.strip_prefix(key).and_then(|v| v.strip_prefix('=')));
        return Source::Vcs { key, pinned_to };
    }
    if lower.contains("::") || lower.starts_with("http://") || lower.starts_with("https://") {
        return Source::Archive;
    }
    let path = address.split("//").next().unwrap_or(address);
    let parts = path.split('/').count();
    match parts == 3 || (parts == 4 && path.split('/').next().is_some_and(|host| host.contains('.'))) {
        true => Source::Registry,
        false => Source::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_source() {
        assert_eq!(parse("./modules/vpc"), Source::Local);
        assert_eq!(parse("../shared/vpc"), Source::Local);
        assert_eq!(parse("/opt/modules/vpc"), Source::Local);
        assert_eq!(parse("git::https://example.com/vpc.git?ref=v1.2.0"), Source::Vcs { key: "ref", pinned_to: Some("v1.2.0") });
        assert_eq!(parse("git@github.com:acme/vpc.git"), Source::Vcs { key: "ref", pinned_to: None });
        assert_eq!(parse("hg::https://example.com/vpc?rev=default"), Source::Vcs { key: "rev", pinned_to: Some("default") });
        assert_eq!(parse("s3::https://s3-eu-west-1.amazonaws.com/acme/vpc.zip"), Source::Archive);
        assert_eq!(parse("terraform-aws-modules/vpc/aws"), Source::Registry);
        assert_eq!(parse("app.terraform.io/acme/vpc/aws"), Source::Registry);
        assert_eq!(parse("acme/vpc"), Source::Other);
        // Four parts are a registry module only when the first is a host; a host alone is not enough.
        assert_eq!(parse("acme/vpc/aws/extra"), Source::Other);
        assert_eq!(parse("registry.example.com/vpc"), Source::Other);
    }
}
