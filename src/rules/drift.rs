//! A live resource that differs from its locked definition: a declared leaf changed or gone in the
//! exported live state, or a change a Terraform plan reports.
//!
//! ## Why
//! What runs is what matters. Someone `kubectl edit`s a Deployment, a console click changes a bucket, a
//! controller rewrites a field: the repository and its lock still say one thing and the environment
//! another. `fixity drift --live FILE` compares an export (`kubectl get -o json`, `terraform show -json`,
//! `pulumi stack export` after `pulumi refresh`) with the lock offline, without cluster or cloud credentials, so a deploy gate can stop before applying
//! on top of unknown changes.
//!
//! Only the leaves the lock records are compared: defaults the API server fills in, `status`, extra
//! annotations and labels are not drift. Each finding names the pointer, whether it changed or is gone,
//! and the declared and live values (never for secrets). A resource the export should hold but does not
//! is reported missing; an export that holds no object of a locked kind is taken not to have looked at
//! that kind. A Terraform plan given as the live input is its own evidence: each `resource_drift` entry
//! and each change that is not a no-op is reported with the attribute paths that differ, with or without
//! a lock. A Pulumi resource's locked inputs are compared with its live `outputs`, so outputs the provider
//! computes are not drift; a live resource that no locked definition declares is a note.
//!
//! ## Example
//! ```text
//! $ kubectl get deploy,svc -n shop -o json > live.json
//! $ fixity drift --live live.json deploy/
//! deploy/web.yaml:7:13: error[drift] `/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: declared 3, live 5
//! ```
//!
//! ## Fix
//! Bring the environment back to the declared state (`kubectl apply`, `terraform apply`, `pulumi up`), or, if the live
//! change is the one to keep, put it in the manifests, review it, and run `fixity lock`.

use super::Rule;
use crate::model::Severity;

pub const RULE: Rule = Rule::new("drift", Severity::Error, "drift");
