//! A Terraform module whose `source` can move: a git, GitHub, Bitbucket or Mercurial source without a
//! `ref` that is a full 40-hex commit SHA, an archive fetched from HTTP(S), S3 or GCS, or a registry module
//! without an exact `version`.
//!
//! ## Why
//! `terraform init` fetches modules by what `source` says. A branch (`?ref=main`), a tag (`?ref=v1.2.0`)
//! or no ref at all (the default branch) can point at different code tomorrow, and so can a registry
//! module with a range (`~> 5.0`) or no `version`: Terraform picks the newest release that matches when the
//! module is installed. Unlike providers, modules have no lock file, so the source itself must be
//! immutable. An archive behind a URL has no immutable name at all. Local paths (`./modules/vpc`) are part
//! of the repository and need no pin.
//!
//! ## Example
//! ```hcl
//! module "vpc" {
//!   source = "git::https://github.com/acme/terraform-vpc.git?ref=v1.2.0"
//! }
//! module "eks" {
//!   source  = "terraform-aws-modules/eks/aws"
//!   version = "~> 20.0"
//! }
//! ```
//!
//! ## Fix
//! Pin git sources to the commit the tag points at (`git ls-remote https://github.com/acme/terraform-vpc.git
//! v1.2.0`) and keep the tag in a comment: `?ref=<40 hex>`. Give registry modules one exact version
//! (`version = "20.8.4"`). Vendor archives into the repository, or move them to a git source pinned by
//! commit.

use super::Rule;
use crate::model::{Severity, Span};
use crate::sources::terraform::ModuleCall;
use crate::version::terraform_is_exact;

pub const RULE: Rule = Rule::new("unpinned-module", Severity::Error, "unpinned_module");

/// The message and where to point it, when the module is not pinned.
pub fn check(call: &ModuleCall) -> Option<(String, Span)> {
    let (name, source) = (&call.name, call.source.trim());
    if source.starts_with("./") || source.starts_with("../") || source.starts_with('/') {
        return None;
    }
    let lower = source.to_ascii_lowercase();
    let (address, query) = source.split_once('?').unwrap_or((source, ""));
    let param = |key: &str| query.split('&').find_map(|p| p.strip_prefix(key).and_then(|v| v.strip_prefix('=')));
    let is_vcs = ["git::", "github.com/", "bitbucket.org/", "git@", "hg::"].iter().any(|p| lower.starts_with(p)) || address.ends_with(".git");
    if is_vcs {
        let key = if lower.starts_with("hg::") { "rev" } else { "ref" };
        let message = match param(key) {
            Some(r) if r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) => return None,
            Some(r) => format!("module `{name}` source `{source}` is pinned to `{key}={r}`, a tag or branch, which can move; pin a 40-hex commit SHA"),
            None => format!("module `{name}` source `{source}` has no `?{key}=`: it follows the default branch"),
        };
        return Some((message, call.source_span));
    }
    if lower.contains("::") || lower.starts_with("http://") || lower.starts_with("https://") {
        return Some((format!("module `{name}` source `{source}` is an archive at a URL, which has no immutable reference"), call.source_span));
    }
    let path = address.split("//").next().unwrap_or(address);
    let parts = path.split('/').count();
    let registry = parts == 3 || (parts == 4 && path.split('/').next().is_some_and(|host| host.contains('.')));
    if !registry {
        return None;
    }
    match &call.version {
        None => Some((format!("registry module `{name}` (`{source}`) has no `version`: `terraform init` takes the newest release"), call.source_span)),
        Some((v, _)) if terraform_is_exact(v) => None,
        Some((v, span)) => Some((format!("registry module `{name}` (`{source}`) version `{v}` is a range, not one exact release"), *span)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(source: &str, version: Option<&str>) -> Option<String> {
        let span = Span::point(1, 1);
        check(&ModuleCall { name: "m".into(), source: source.into(), source_span: span, version: version.map(|v| (v.to_string(), span)) }).map(|(m, _)| m)
    }

    #[test]
    fn pinned_and_not() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(call(&format!("git::https://example.com/vpc.git?ref={sha}"), None), None);
        assert_eq!(call(&format!("github.com/acme/vpc//modules/a?ref={sha}"), None), None);
        assert_eq!(call("./modules/vpc", None), None);
        assert_eq!(call("terraform-aws-modules/vpc/aws", Some("5.5.1")), None);
        assert_eq!(call("app.terraform.io/acme/vpc/aws", Some("= 1.0.0")), None);
        assert!(call("git::https://example.com/vpc.git?ref=v1.2.0", None).unwrap().contains("`ref=v1.2.0`, a tag or branch"));
        assert!(call("git@github.com:acme/vpc.git", None).unwrap().contains("has no `?ref=`"));
        assert!(call("bitbucket.org/acme/vpc", None).unwrap().contains("has no `?ref=`"));
        assert!(call("hg::https://example.com/vpc?rev=default", None).unwrap().contains("`rev=default`"));
        assert!(call("s3::https://s3-eu-west-1.amazonaws.com/acme/vpc.zip", None).unwrap().contains("archive"));
        assert!(call("https://example.com/vpc.zip", None).unwrap().contains("archive"));
        assert!(call("terraform-aws-modules/vpc/aws", None).unwrap().contains("has no `version`"));
        assert!(call("terraform-aws-modules/vpc/aws", Some("~> 5.0")).unwrap().contains("is a range"));
    }
}
