//! `fixity drift --live FILE`: a live export against the lock. Only the lock's leaves are compared, so
//! fields the server fills in (defaults, status, extra annotations) are never drift; each differing
//! pointer is named, changed or gone, with the declared and live values unless the leaf is a secret.
//!
//! - `kubectl get -o json` (a `List` or one object): compared with the lock's `k8s:` entries. An entry
//!   whose kind the export holds no object of is not compared (the export did not look at that kind).
//! - `terraform show -json` of a state: compared with the lock's `tf:` entries.
//! - `terraform show -json` of a plan: its own evidence, no lock needed: each `resource_drift` entry
//!   (changed outside Terraform) and each change that is not a no-op, with the attribute paths.

use super::compare::{self, list, Comparison};
use super::declared::{unverifiable_why, Declared};
use super::lockfile::Entry;
use super::resource::{Class, Resource};
use super::terraform::{self, Format};
use super::kubernetes;
use crate::jcs;
use crate::model::{Diagnostic, SourceError, Span};
use serde_json::Value;
use std::collections::HashMap;

/// The rule of drift findings (documented in `src/rules/drift.rs`).
pub const RULE: &str = "drift";

/// Why a live export cannot be compared: where (when known) and what. Exit code 2.
pub type Unreadable = (Option<Span>, String);

/// The drift findings of a live export, or an error naming why it cannot be read.
pub fn drift(declared: &Declared, live_path: &str, live_text: &str) -> Result<Vec<Diagnostic>, Unreadable> {
    let live: Value = serde_json::from_str(live_text).map_err(|e| {
        let e = SourceError::json(live_text, &e);
        (Some(e.span), format!("the live export is not valid JSON ({})", e.message))
    })?;
    let (resources, prefix) = if live.get("format_version").is_some() {
        match terraform::format(&live).map_err(|e| (None, e))? {
            Format::Plan => return Ok(plan(&live, live_path, live_text)),
            Format::State => (terraform::state_resources(&live, live_path), "tf:"),
        }
    } else if live.get("kind").is_some() && live.get("apiVersion").is_some() {
        (kubernetes::live(live, live_path), "k8s:")
    } else {
        return Err((None, "neither `kubectl get -o json` output (an object or List) nor `terraform show -json` output".into()));
    };
    let Some((lock_path, lock)) = declared.lock() else {
        return Err((None, "comparing a live export needs fixity.lock.json (run `fixity lock` first)".into()));
    };
    let live: HashMap<&str, &Resource> = resources.iter().map(|r| (r.identity.as_str(), r)).collect();
    let kinds: Vec<&str> = resources.iter().map(|r| kind_part(&r.identity)).collect();
    let kept: HashMap<&str, &super::declared::Kept> = declared.kept.iter().map(|k| (k.resource.identity.as_str(), k)).collect();
    let mut out = Vec::new();
    for (identity, entry) in lock.entries.iter().filter(|(id, _)| id.starts_with(prefix)) {
        let place = |pointer: Option<&str>| match kept.get(identity.as_str()) {
            Some(k) => (k.resource.source.as_str(), pointer.and_then(|p| k.positions.get(p).copied()).unwrap_or(k.resource.span)),
            None => (lock_path, entry.span),
        };
        let problem = |pointer: Option<&str>, message: String| {
            let (path, span) = place(pointer);
            Diagnostic::new(RULE, path, span, &format!("drift:{identity}{}", pointer.unwrap_or("")), identity, message)
        };
        let Some(now) = find(&live, identity) else {
            if prefix == "tf:" || kinds.contains(&kind_part(identity)) {
                out.push(problem(None, format!("`{identity}` is missing from the live export")));
            }
            continue;
        };
        let c = compare_live(now, entry, declared);
        let declared_resource = kept.get(identity.as_str()).map(|k| &k.resource);
        for pointer in &c.changed {
            let was = declared_resource.and_then(|d| shown(d, pointer, entry));
            let is = shown_live(now, pointer);
            let message = match (was, is) {
                (_, None) => format!("`{pointer}` of `{identity}` drifted (a secret: values not shown)"),
                (Some(was), Some(is)) => format!("`{pointer}` of `{identity}` drifted: declared {was}, live {is}"),
                (None, Some(is)) => format!("`{pointer}` of `{identity}` drifted: live {is} does not match the locked digest"),
            };
            out.push(problem(Some(pointer), message));
        }
        for pointer in &c.removed {
            let was = declared_resource.and_then(|d| shown(d, pointer, entry)).map(|v| format!(" (declared {v})")).unwrap_or_default();
            out.push(problem(Some(pointer), format!("`{pointer}` of `{identity}` is gone from the live object{was}")));
        }
        if !c.unverifiable.is_empty() {
            out.push(problem(None, format!("`{identity}` cannot be fully compared: secret {} {}", list(&c.unverifiable), unverifiable_why(lock, declared.key().is_some()))).unverifiable());
        }
    }
    Ok(out)
}

/// `k8s:apps/Deployment:ns/name` → (`k8s:apps/Deployment`, `ns/name`), split at the second `:`: a name
/// may hold one (`system:aggregate-to-edit`), a kind may not.
fn split_identity(identity: &str) -> Option<(&str, &str)> {
    let first = identity.find(':')?;
    let second = first + 1 + identity[first + 1..].find(':')?;
    Some((&identity[..second], &identity[second + 1..]))
}

/// `k8s:apps/Deployment:ns/name` → `k8s:apps/Deployment`.
fn kind_part(identity: &str) -> &str {
    split_identity(identity).map_or(identity, |(kind, _)| kind)
}

/// The live resource of an identity; a declared object without a namespace matches the one live object
/// of its kind and name in whatever namespace it was applied to.
fn find<'a>(live: &HashMap<&str, &'a Resource>, identity: &str) -> Option<&'a Resource> {
    if let Some(r) = live.get(identity) {
        return Some(r);
    }
    let (kind, rest) = split_identity(identity)?;
    let name = rest.strip_prefix('/')?;
    let mut matches = live.iter().filter(|(id, _)| split_identity(id).is_some_and(|(k, r)| k == kind && r.split_once('/').is_some_and(|(_, n)| n == name)));
    let (_, first) = matches.next()?;
    matches.next().is_none().then_some(*first)
}

/// Only the lock's leaves: what the live object adds is not drift.
fn compare_live(now: &Resource, entry: &Entry, declared: &Declared) -> Comparison {
    let mut c = Comparison::default();
    let items: HashMap<&str, &super::resource::Item> = now.items.iter().map(|i| (i.leaf.pointer.as_str(), i)).collect();
    for (pointer, locked) in entry.leaves() {
        match items.get(pointer.as_str()) {
            Some(item) => compare::leaf(item, locked, declared.keys(), &mut c),
            None if locked == super::resource::UNKNOWN => {}
            None => c.removed.push(pointer.clone()),
        }
    }
    c
}

/// A declared leaf's value as a message shows it, when it is not secret and is what the lock recorded.
fn shown(declared: &Resource, pointer: &str, entry: &Entry) -> Option<String> {
    let item = declared.items.iter().find(|i| i.leaf.pointer == pointer)?;
    let recorded = super::resource::record(item, None);
    (item.class == Class::Plain && entry.leaves().get(pointer) == Some(&recorded)).then(|| value_text(&item.leaf.value))
}

fn shown_live(live: &Resource, pointer: &str) -> Option<String> {
    let item = live.items.iter().find(|i| i.leaf.pointer == pointer)?;
    (item.class == Class::Plain).then(|| value_text(&item.leaf.value))
}

fn value_text(value: &Value) -> String {
    let text = jcs::canonical(value);
    if text.chars().count() > 80 {
        format!("{}…", text.chars().take(79).collect::<String>())
    } else {
        text
    }
}

/// A plan's own evidence: drift outside Terraform and pending changes.
fn plan(live: &Value, path: &str, text: &str) -> Vec<Diagnostic> {
    terraform::plan_changes(live)
        .into_iter()
        .map(|c| {
            let section = if c.outside { "\"resource_drift\"" } else { "\"resource_changes\"" };
            let span = span_after(text, section, &Value::String(c.address.clone()).to_string());
            let what = match c.actions.as_str() {
                "delete+create" | "create+delete" => "be replaced".to_string(),
                other => other.to_string(),
            };
            let paths = if c.pointers.is_empty() || matches!(c.actions.as_str(), "create" | "delete") { String::new() } else { format!(": {}", list(&c.pointers)) };
            let message = if c.outside { format!("`{}` changed outside Terraform{paths}", c.identity) } else { format!("the plan would {what} `{}`{paths}", c.identity) };
            Diagnostic::new(RULE, path, span, &format!("plan:{}:{}", c.outside, c.identity), &c.identity, message)
        })
        .collect()
}

/// Where `needle` first occurs after `section` in `text`.
fn span_after(text: &str, section: &str, needle: &str) -> Span {
    let start = text.find(section).unwrap_or(0);
    text[start..].find(needle).map_or(Span::at(start), |i| Span::new(start + i, start + i + needle.len()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn identities_split_at_the_second_colon() {
        assert_eq!(super::split_identity("k8s:rbac.authorization.k8s.io/ClusterRole:/system:aggregate-to-edit"), Some(("k8s:rbac.authorization.k8s.io/ClusterRole", "/system:aggregate-to-edit")));
        assert_eq!(super::kind_part("k8s:apps/Deployment:shop/web"), "k8s:apps/Deployment");
    }
}
