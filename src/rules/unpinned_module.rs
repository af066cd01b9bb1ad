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

use super::{Movable, Policy, Rule, Verdict, Why};
use crate::model::Severity;
use crate::reference::module::{self, Source, Version};
use crate::reference::{git, Reference, Resolved};
use crate::version::terraform_is_exact;

pub const RULE: Rule = Rule::judging("unpinned-module", Severity::Error, "unpinned_module", message);

pub fn check(source: &str, version: Option<&Version>) -> Option<Verdict> {
    let verdict = |why| Some(Verdict::new(&RULE, source, why, Policy::None));
    match module::parse(source) {
        Source::Local | Source::Other => None,
        Source::Vcs { pinned_to: Some(r), .. } if git::pin(r) == git::Pin::Commit => None,
        Source::Vcs { pinned_to: Some(r), .. } => verdict(Why::Movable(Movable::GitRef(r.to_string()))),
        Source::Vcs { pinned_to: None, .. } => verdict(Why::NoPin),
        Source::Archive => verdict(Why::Unpinnable),
        Source::Registry => match version {
            None => verdict(Why::NoPin),
            Some(Version { resolved: Resolved::Value(v), .. }) if terraform_is_exact(v) => None,
            Some(Version { resolved: Resolved::Value(v), span }) => Some(Verdict::new(&RULE, source, Why::Movable(Movable::Range(v.clone())), Policy::None).at(*span)),
            Some(Version { resolved: Resolved::Unresolved(names), span }) => {
                Some(Verdict::new(&super::unanalyzable_reference::RULE, source, Why::Unresolved(names.clone()), Policy::None).at(*span))
            }
        },
    }
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let source = verdict.value.trim();
    let name = match reference.location.strip_prefix("module.") {
        Some(rest) => rest.split('/').next().unwrap_or(rest),
        None => "",
    };
    let key = match module::parse(source) {
        Source::Vcs { key, .. } => key,
        _ => "ref",
    };
    match &verdict.why {
        Why::Movable(Movable::GitRef(r)) => match git::weakness(r).filter(|_| git::pin(r) != git::Pin::Name) {
            Some(weakness) => format!("module `{name}` source `{source}` is pinned to `{key}={r}`: {weakness}"),
            None => format!("module `{name}` source `{source}` is pinned to `{key}={r}`, a tag or branch, which can move; pin a 40-hex commit SHA"),
        },
        Why::NoPin if module::parse(source) == Source::Registry => format!("registry module `{name}` (`{source}`) has no `version`: `terraform init` takes the newest release"),
        Why::NoPin => format!("module `{name}` source `{source}` has no `?{key}=`: it follows the default branch"),
        Why::Unpinnable => format!("module `{name}` source `{source}` is an archive at a URL, which has no immutable reference"),
        Why::Movable(Movable::Range(v)) => format!("registry module `{name}` (`{source}`) version `{v}` is a range, not one exact release"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::reference::RefKind;

    fn call(source: &str, version: Option<&str>) -> Option<String> {
        let version = version.map(|v| Version { resolved: Resolved::Value(v.to_string()), span: Span::default() });
        let reference = Reference { kind: RefKind::Module { version: version.clone() }, written: source.into(), resolved: Resolved::Value(source.into()), span: Span::default(), location: "module.m/source".into(), overridden: None };
        check(source, version.as_ref()).map(|v| v.message(&reference))
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
        // Only a full 40-hex SHA in lowercase is a commit (`git::pin`); a short or uppercase one says what it is.
        let source = |r: &str| format!("git::https://example.com/vpc.git?ref={r}");
        assert_eq!(
            call(&source("0123abc"), None).as_deref(),
            Some("module `m` source `git::https://example.com/vpc.git?ref=0123abc` is pinned to `ref=0123abc`: `0123abc` is a short SHA; only the full 40 characters name one commit")
        );
        let upper = "0123456789ABCDEF0123456789ABCDEF01234567";
        assert_eq!(
            call(&source(upper), None),
            Some(format!("module `m` source `{}` is pinned to `ref={upper}`: `{upper}` is a SHA in uppercase, not the canonical lowercase form", source(upper)))
        );
        assert!(call("git@github.com:acme/vpc.git", None).unwrap().contains("has no `?ref=`"));
        assert!(call("bitbucket.org/acme/vpc", None).unwrap().contains("has no `?ref=`"));
        assert!(call("hg::https://example.com/vpc?rev=default", None).unwrap().contains("`rev=default`"));
        assert!(call("s3::https://s3-eu-west-1.amazonaws.com/acme/vpc.zip", None).unwrap().contains("archive"));
        assert!(call("https://example.com/vpc.zip", None).unwrap().contains("archive"));
        assert!(call("terraform-aws-modules/vpc/aws", None).unwrap().contains("has no `version`"));
        assert!(call("terraform-aws-modules/vpc/aws", Some("~> 5.0")).unwrap().contains("is a range"));
    }
}
