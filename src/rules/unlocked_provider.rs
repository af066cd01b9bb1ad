//! A Terraform provider that `.terraform.lock.hcl` does not lock properly: required in `required_providers`
//! but missing from the lock file, locked without hashes or without an `h1:` hash, or locked at a version
//! outside the constraints the configuration gives. A lock entry for a provider no longer required is
//! reported as a note.
//!
//! ## Why
//! The dependency lock file is what makes `terraform init` reproducible: it fixes the provider version and
//! the checksums the downloaded plugin must match. A provider missing from it is resolved afresh on every
//! init (newest matching version, unverified). Without hashes nothing is verified; with only `zh:`
//! hashes (registry zip archives) a provider installed from a mirror or cache cannot be verified, because
//! that needs the `h1:` hash of the unpacked package. A locked version outside the constraints means the
//! lock and the configuration disagree, and `terraform init` fails or, with `-upgrade`, silently moves.
//! fixity checks the folders that have a `.terraform.lock.hcl`, and reports a root module (one with a
//! `backend` or `cloud` block) that has none.
//!
//! ## Example
//! ```hcl
//! # versions.tf
//! terraform {
//!   required_providers {
//!     aws    = { source = "hashicorp/aws", version = "~> 5.40" }
//!     random = { source = "hashicorp/random" }   # not in .terraform.lock.hcl
//!   }
//! }
//! ```
//!
//! ## Fix
//! Run `terraform init` (or `terraform init -upgrade` after changing constraints) and commit the updated
//! `.terraform.lock.hcl`. To record `h1:` hashes for every platform the team and CI use:
//! `terraform providers lock -platform=linux_amd64 -platform=darwin_arm64 -platform=windows_amd64`.

use super::Rule;
use crate::model::{Diagnostic, Severity, Span};
use crate::sources::terraform::RequiredProvider;
use crate::sources::terraform_lock::ProviderLock;
use crate::version::{terraform_allows, Version};

pub const RULE: Rule = Rule::new("unlocked-provider", Severity::Error, "unlocked_provider");

const LOCK_FILE: &str = ".terraform.lock.hcl";

fn problem(path: &str, span: Span, address: &str, message: String) -> Diagnostic {
    Diagnostic::new(RULE.name, path, span, &format!("provider:{address}"), address, message)
}

/// Checks one folder: its required providers (with the file each is in), its lock file's entries, and the
/// `backend`/`cloud` block that makes it a root module.
pub fn check(required: &[(String, RequiredProvider)], lock: Option<(&str, &[ProviderLock])>, root: Option<&(String, Span)>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((lock_path, locks)) = lock else {
        if let (Some((path, span)), false) = (root, required.is_empty()) {
            let message = format!("this root module requires providers but has no {LOCK_FILE}; run `terraform init` and commit it");
            out.push(Diagnostic::new(RULE.name, path, *span, "lock-file", LOCK_FILE, message));
        }
        return out;
    };
    for (index, (path, p)) in required.iter().enumerate() {
        let first = required.iter().position(|(_, q)| q.address == p.address) == Some(index);
        let Some(entry) = locks.iter().find(|l| l.address == p.address) else {
            if first {
                out.push(problem(path, p.span, &p.address, format!("provider `{}` is required but not locked in {lock_path}; run `terraform init`", p.address)));
            }
            continue;
        };
        if let (Some(constraints), Some((version, _))) = (&p.constraints, &entry.version) {
            match Version::parse(version).map(|v| terraform_allows(constraints, &v)) {
                Some(Ok(true)) => {}
                Some(Ok(false)) => {
                    out.push(problem(path, p.span, &p.address, format!("provider `{}` is locked at {version} in {lock_path}, outside `{constraints}`; run `terraform init -upgrade`", p.address)))
                }
                Some(Err(why)) => out.push(problem(path, p.span, &p.address, format!("provider `{}` has a version constraint fixity cannot read: {why}", p.address))),
                None => out.push(problem(lock_path, entry.span, &p.address, format!("provider `{}` is locked at `{version}`, which is not a version", p.address))),
            }
        }
        if !first {
            continue;
        }
        if entry.hashes.is_empty() {
            out.push(problem(lock_path, entry.span, &p.address, format!("provider `{}` is locked without hashes: nothing verifies what `terraform init` downloads", p.address)));
        } else if !entry.hashes.iter().any(|h| h.starts_with("h1:")) {
            let message = format!("provider `{}` has no `h1:` hash, only `zh:` ones: installs from a mirror or cache are not verified; run `terraform providers lock` for your platforms", p.address);
            out.push(problem(lock_path, entry.span, &p.address, message));
        }
    }
    for entry in locks.iter().filter(|l| !required.iter().any(|(_, p)| p.address == l.address)) {
        let message = format!("provider `{}` is locked but no `required_providers` in this folder requires it", entry.address);
        out.push(problem(lock_path, entry.span, &entry.address, message).at_most(Severity::Note));
    }
    out
}
