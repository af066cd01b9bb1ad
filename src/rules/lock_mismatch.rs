//! A declared resource whose canonical hash differs from the one recorded in `fixity.lock.json`, a
//! resource the lock does not record, or a lock entry that no checked file declares any more.
//!
//! ## Why
//! The lock is what was reviewed: `fixity lock` records, for every Kubernetes object and Terraform
//! resource, a hash of its normalized definition (profile `fx1`) and a short hash of every leaf. When a
//! manifest changes without the lock being updated in the same change, what gets deployed is not what
//! was approved. The finding names the leaf pointers that changed, were added or were removed
//! (`/spec/template/spec/containers/name=web/image`), so the review can look at exactly those.
//!
//! The hash is over what the author declared, read the way Kubernetes reads it: YAML 1.1 booleans and
//! octals, merge keys and anchors expanded, `null`/`{}`/`[]` as absent, quantities canonical (`1000m` =
//! `1`), Secret `stringData` merged into `data`, server-managed metadata ignored, lists with a natural key
//! (`name`, `mountPath`, `containerPort`…) addressed by it so reordering them is not a change.
//!
//! Secrets (Secret `data`, environment variables named like passwords or tokens, Terraform sensitive
//! values) are hashed with the key in `FIXITY_HMAC_KEY`, never in clear; a lock made without a key
//! records them `redacted`, and they are reported as unverifiable (exit code 3). The same happens for
//! a lock of an unknown `lockfileVersion` or `profile`. Two resources with the same identity are an error:
//! the lock could not say which one it records.
//!
//! ## Example
//! ```yaml
//! # deploy/web.yaml, after `fixity lock`
//! spec:
//!   replicas: 5        # was 3 when locked
//! ```
//! ```text
//! deploy/web.yaml:7:13: error[lock-mismatch] `k8s:apps/Deployment:shop/web` differs from fixity.lock.json: changed `/spec/replicas`
//! ```
//!
//! ## Fix
//! If the change is intended, run `fixity lock` and commit the updated `fixity.lock.json` with it, so the
//! reviewer sees both. If not, revert the manifest. For secrets, set `FIXITY_HMAC_KEY` (the same value in
//! CI and for whoever runs `fixity lock`).

use super::Rule;
use crate::model::Severity;

pub const RULE: Rule = Rule::new("lock-mismatch", Severity::Error, "lock_mismatch");
