//! `fixity drift --live FILE`: a live export against the lock. Only the lock's leaves are compared, so
//! fields the server fills in (defaults, status, extra annotations) are never drift; each differing
//! pointer is named, changed or gone, with the declared and live values unless the leaf is a secret.
//!
//! - `kubectl get -o json` (a `List` or one object): compared with the lock's `k8s:` entries. An entry
//!   whose kind the export holds no object of is not compared (the export did not look at that kind).
//! - `terraform show -json` of a state: compared with the lock's `tf:` entries.
//! - `terraform show -json` of a plan: its own evidence, no lock needed: each `resource_drift` entry
//!   (changed outside Terraform) and each change that is not a no-op, with the attribute paths.
//! - `pulumi stack export` (after `pulumi refresh`): each resource's `outputs` compared with the lock's
//!   URN entries; a live resource that no locked definition declares is a note.

use super::compare::{self, list, Comparison, Keys};
use super::declared::{Declared, Kept};
use super::lockfile::Entry;
use super::resource::{record, Class, Item, Resource};
use super::terraform::{self, Format};
use super::{kubernetes, pulumi};
use crate::jcs;
use crate::model::{Diagnostic, LineIndex, Severity, SourceError, Span};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The rule of drift findings (documented in `src/rules/drift.rs`).
pub const RULE: &str = "drift";

/// A live export, read before the declared files so that a bad one is reported before any work.
pub enum Live {
    /// A Terraform plan: its own evidence, found as it is read (its spans in the export).
    Plan(Vec<Diagnostic>),
    /// Live objects (read from `path`), compared with the lock's entries whose identities start with
    /// `prefix`.
    Resources { path: String, resources: Vec<Resource>, prefix: &'static str },
}

impl Live {
    /// The live export at `path`, or an error (exit 2) naming why it cannot be read.
    pub fn read(path: &str, text: &str) -> Result<Live, String> {
        let live: Value = serde_json::from_str(text).map_err(|e| {
            let e = SourceError::json(text, &e);
            let place = LineIndex::new(text).place(e.span);
            format!("{path}:{}:{}: the live export is not valid JSON ({})", place.line, place.column, e.message)
        })?;
        if live.get("format_version").is_some() {
            Ok(match terraform::format(&live).map_err(|e| format!("{path}: {e}"))? {
                Format::Plan => Live::Plan(plan(&live, path, text)),
                Format::State => Live::Resources { path: path.to_string(), resources: terraform::state_resources(&live, path), prefix: "tf:" },
            })
        } else if live.get("kind").is_some() && live.get("apiVersion").is_some() {
            Ok(Live::Resources { path: path.to_string(), resources: kubernetes::live(live, path), prefix: "k8s:" })
        } else if live.get("deployment").is_some() || live.get("checkpoint").is_some() {
            let resources = pulumi::export_resources(&live, text, path).map_err(|e| format!("{path}: {e}"))?;
            Ok(Live::Resources { path: path.to_string(), resources, prefix: pulumi::PREFIX })
        } else if live.get("steps").is_some() && live.get("changeSummary").is_some() {
            Err(format!("{path}: a Pulumi preview declares resources; `--live` takes `pulumi stack export` output (after `pulumi refresh`)"))
        } else {
            Err(format!("{path}: neither `kubectl get -o json` output (an object or List), `terraform show -json` output nor `pulumi stack export` output"))
        }
    }

    /// Whether comparing it needs a lock (a plan needs none).
    pub fn needs_lock(&self) -> bool {
        matches!(self, Live::Resources { .. })
    }
}

/// The drift findings of the live export [`Declared::use_live`] read, for the lock entries whose source
/// is in the run's scope: none when the lock given could not be read (its own finding says why). The
/// gate fails closed: an export that holds nothing the lock declares compared nothing (exit 3), and an
/// entry whose kind the export holds no object of is not compared (a note; with `require_all`, exit 3).
pub fn drift(declared: &Declared, in_scope: impl Fn(&str) -> bool, require_all: bool) -> Vec<Diagnostic> {
    let (live_path, resources, prefix) = match declared.live() {
        None => return Vec::new(),
        Some(Live::Plan(problems)) => return problems.clone(),
        Some(Live::Resources { path, resources, prefix }) => (path, resources, *prefix),
    };
    let Some((lock_path, lock)) = declared.lock() else { return Vec::new() };
    let live = Index::new(resources);
    let kinds: HashSet<&str> = resources.iter().map(|r| kind_part(&r.identity)).collect();
    let kept: HashMap<(&str, &str), &Kept> = declared.kept.iter().map(|k| ((k.resource.source.as_str(), k.resource.identity.as_str()), k)).collect();
    let keys = declared.keys();
    // Each live object is compared with one declaration: an identity locked from several files is named.
    let mut by_identity: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for ((source, identity), entry) in &lock.entries {
        if identity.starts_with(prefix) && in_scope(source) {
            by_identity.entry(identity).or_default().push(entry);
        }
    }
    // A Terraform state or Pulumi export holds the whole stack; a `kubectl` export the kinds it was asked for.
    let whole = prefix != "k8s:";
    let compared = by_identity.keys().any(|identity| whole || kinds.contains(kind_part(identity)));
    if !compared {
        let message = format!("nothing was compared: {live_path} holds no object of a kind {lock_path} declares (the wrong context or namespace?)");
        return vec![Diagnostic::new(RULE, live_path, Span::default(), "drift:nothing-compared", live_path, message).unverifiable()];
    }
    let mut out = Vec::new();
    if prefix == pulumi::PREFIX {
        for r in resources.iter().filter(|r| !by_identity.contains_key(r.identity.as_str())) {
            let message = format!("`{}` is live but no locked definition declares it", r.identity);
            out.push(Diagnostic::new(RULE, live_path, r.span, &format!("drift:undeclared:{}", r.identity), &r.identity, message).at_most(Severity::Note));
        }
    }
    for (identity, entries) in by_identity {
        let [entry] = entries.as_slice() else {
            let sources: Vec<String> = entries.iter().map(|e| format!("`{}`", e.source)).collect();
            let message = format!("`{identity}` is locked from {} files ({}); drift compares a live object with one declaration: narrow the run with `--env` or paths", entries.len(), sources.join(", "));
            out.push(Diagnostic::new(RULE, lock_path, entries[0].span, &format!("drift:{identity}"), identity, message).unverifiable());
            continue;
        };
        let kept = kept.get(&(entry.source.as_str(), identity)).copied();
        let declared_items = kept.map(|k| items_by_pointer(&k.resource)).unwrap_or_default();
        // At the leaf when it is plain: reports show the line a finding points at, and a secret's line
        // would show the secret.
        let plain = |pointer: &str| declared_items.get(pointer).is_some_and(|i| i.class == Class::Plain);
        let place = |pointer: Option<&str>| match kept {
            Some(k) => (k.resource.source.as_str(), pointer.filter(|p| plain(p)).and_then(|p| k.positions.get(p).copied()).unwrap_or(k.resource.span)),
            None => (lock_path, entry.span),
        };
        let problem = |pointer: Option<&str>, message: String| {
            let (path, span) = place(pointer);
            Diagnostic::new(RULE, path, span, &format!("drift:{identity}{}", pointer.unwrap_or("")), identity, message)
        };
        let now = match live.find(identity) {
            Found::One(now) => now,
            Found::Ambiguous(namespaces) => {
                let message = format!("`{identity}` has no namespace, and the live export holds it in {}: give it one (`--namespace`, or the environment's `namespace:`)", namespaces.join(", "));
                out.push(problem(None, message).unverifiable());
                continue;
            }
            Found::None if whole || kinds.contains(kind_part(identity)) => {
                out.push(problem(None, format!("`{identity}` is missing from the live export")));
                continue;
            }
            Found::None => {
                let message = format!("`{identity}` was not compared: the live export holds no {}", kind_part(identity).trim_start_matches(prefix));
                let finding = problem(None, message);
                out.push(if require_all { finding.unverifiable() } else { finding.at_most(Severity::Note) });
                continue;
            }
        };
        let now_items = items_by_pointer(now);
        let c = compare_live(&now_items, entry, keys);
        if c.differs() {
            for pointer in &c.changed {
                let message = match shown(pointer, entry, &declared_items, &now_items) {
                    None => format!("`{pointer}` of `{identity}` drifted (a secret: values not shown)"),
                    Some((Some(was), is)) => format!("`{pointer}` of `{identity}` drifted: declared {was}, live {is}"),
                    Some((None, is)) => format!("`{pointer}` of `{identity}` drifted: live {is} does not match the locked digest"),
                };
                out.push(problem(Some(pointer), message));
            }
            for pointer in &c.removed {
                let was = shown_declared(pointer, entry, &declared_items).map(|v| format!(" (declared {v})")).unwrap_or_default();
                out.push(problem(Some(pointer), format!("`{pointer}` of `{identity}` is gone from the live object{was}")));
            }
        }
        if c.incomplete() {
            out.push(problem(None, format!("`{identity}` cannot be fully compared: {}", c.why_incomplete(lock, declared.key().is_some()))).unverifiable());
        }
    }
    out
}

fn items_by_pointer(resource: &Resource) -> HashMap<&str, &Item> {
    resource.items.iter().map(|i| (i.leaf.pointer.as_str(), i)).collect()
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

/// The live resources by identity, and by kind and name for declared objects without a namespace.
struct Index<'a> {
    by_identity: HashMap<&'a str, &'a Resource>,
    by_kind_and_name: HashMap<(&'a str, &'a str), Vec<&'a Resource>>,
}

impl<'a> Index<'a> {
    fn new(resources: &'a [Resource]) -> Index<'a> {
        let mut by_kind_and_name: HashMap<(&str, &str), Vec<&Resource>> = HashMap::new();
        for r in resources {
            if let Some((kind, name)) = split_identity(&r.identity).and_then(|(kind, rest)| Some((kind, rest.split_once('/')?.1))) {
                by_kind_and_name.entry((kind, name)).or_default().push(r);
            }
        }
        Index { by_identity: resources.iter().map(|r| (r.identity.as_str(), r)).collect(), by_kind_and_name }
    }

    /// The live resource of an identity; a declared object without a namespace matches the one live
    /// object of its kind and name in whatever namespace it was applied to.
    fn find(&self, identity: &str) -> Found<'a> {
        if let Some(r) = self.by_identity.get(identity) {
            return Found::One(r);
        }
        let Some((kind, name)) = split_identity(identity).and_then(|(kind, rest)| Some((kind, rest.strip_prefix('/')?))) else { return Found::None };
        match self.by_kind_and_name.get(&(kind, name)).map(Vec::as_slice) {
            Some([only]) => Found::One(only),
            Some(several) if !several.is_empty() => {
                let namespaces = several.iter().filter_map(|r| split_identity(&r.identity)).map(|(_, rest)| format!("`{}`", rest.split_once('/').map_or(rest, |(ns, _)| ns))).collect();
                Found::Ambiguous(namespaces)
            }
            _ => Found::None,
        }
    }
}

/// What an identity finds in the live export.
enum Found<'a> {
    One(&'a Resource),
    /// A declared object without a namespace, and live objects of its kind and name in these.
    Ambiguous(Vec<String>),
    None,
}

/// Only the lock's leaves: what the live object adds is not drift. Each is hashed as the lock recorded it.
fn compare_live(now: &HashMap<&str, &Item>, entry: &Entry, keys: Keys) -> Comparison {
    let mut c = Comparison::default();
    for (pointer, locked) in entry.leaves() {
        match now.get(pointer.as_str()) {
            Some(item) => compare::leaf(item, Class::of_record(locked), locked, keys, &mut c),
            // Never known, so not known to be gone either.
            None if Class::of_record(locked) == Class::Unknown => c.unknown.push(pointer.clone()),
            None => c.removed.push(pointer.clone()),
        }
    }
    c
}

/// The declared (when known) and live values of a changed leaf as a message shows them, or `None` unless
/// every view of the leaf is plain: the lock's record, the declaration, the live object.
fn shown(pointer: &str, entry: &Entry, declared: &HashMap<&str, &Item>, live: &HashMap<&str, &Item>) -> Option<(Option<String>, String)> {
    let locked = entry.leaves().get(pointer)?;
    let plain = |item: Option<&&Item>| item.is_none_or(|i| i.class == Class::Plain);
    if Class::of_record(locked) != Class::Plain || !plain(declared.get(pointer)) {
        return None;
    }
    let is = live.get(pointer).filter(|i| i.class == Class::Plain)?;
    Some((shown_declared(pointer, entry, declared), value_text(&is.leaf.value)))
}

/// A declared leaf's value as a message shows it, when it is plain and is what the lock recorded.
fn shown_declared(pointer: &str, entry: &Entry, declared: &HashMap<&str, &Item>) -> Option<String> {
    let item = declared.get(pointer).filter(|i| i.class == Class::Plain)?;
    (entry.leaves().get(pointer) == Some(&record(item, None))).then(|| value_text(&item.leaf.value))
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
                "delete+create" | "create+delete" => "replace".to_string(),
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
