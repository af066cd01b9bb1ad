//! Terraform's JSON (`terraform show -json`, format 1.x) as resources. A plan's declared projection is the
//! attributes its configuration sets (`configuration` … `expressions`), valued from `planned_values`;
//! values only known after apply (`after_unknown`) are recorded as unknown and not hashed. A state's
//! resources (`values.root_module` and child modules) are the live side. Identities are rebuilt as
//! `tf:<module path>.<type>.<name>[<index>]` from the structured fields, never copied from `address`.

use super::leaves::{flatten, flatten_marked};
use super::normalize::prune;
use super::resource::{Class, Item, Resource};
use crate::model::Span;
pub use crate::sources::terraform_plan::{format, Format};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `module.a["x"].aws_s3_bucket.logs[0]`, from a module address and a resource's structured fields.
pub fn address(module: &str, resource: &Value) -> Option<String> {
    let kind = resource.get("type")?.as_str()?;
    let name = resource.get("name")?.as_str()?;
    let mut out = String::from(module);
    if !out.is_empty() {
        out.push('.');
    }
    if resource.get("mode").and_then(Value::as_str) == Some("data") {
        out.push_str("data.");
    }
    out.push_str(kind);
    out.push('.');
    out.push_str(name);
    match resource.get("index") {
        Some(Value::Number(n)) => out.push_str(&format!("[{n}]")),
        Some(Value::String(s)) => out.push_str(&format!("[{}]", Value::String(s.clone()))),
        _ => {}
    }
    Some(out)
}

/// Calls `each` with the module address and every resource of a module tree (`root_module`).
fn each_resource<'v>(module: &'v Value, address: &str, depth: usize, each: &mut dyn FnMut(&str, &'v Value)) {
    for r in module.get("resources").and_then(Value::as_array).into_iter().flatten() {
        each(address, r);
    }
    if depth > 64 {
        return;
    }
    for child in module.get("child_modules").and_then(Value::as_array).into_iter().flatten() {
        let child_address = child.get("address").and_then(Value::as_str).unwrap_or("");
        each_resource(child, child_address, depth + 1, each);
    }
}

/// The resource of a state or plan module entry, with only the `declared` top-level attributes (all of
/// them when `None`), sensitive and unknown leaves marked.
fn resource(source: &str, module: &str, r: &Value, declared: Option<&[String]>, unknown: Option<&Value>) -> Option<Resource> {
    let identity = format!("tf:{}", address(module, r)?);
    let mut values = match r.get("values") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    if let Some(keys) = declared {
        values.retain(|k, _| keys.contains(k));
    }
    let mut values = Value::Object(values);
    prune(&mut values);
    // Without `sensitive_values` (Terraform before 0.15, a hand-made file) nothing is known to be plain.
    let sensitive = r.get("sensitive_values").unwrap_or(&Value::Bool(true));
    let mut items: Vec<Item> = flatten_marked(values, sensitive).into_iter().map(|(leaf, marked)| Item::new(leaf, marked)).collect();
    if let Some(Value::Object(unknown)) = unknown {
        for (key, flag) in unknown {
            if declared.is_none_or(|d| d.contains(key)) && flag == &Value::Bool(true) {
                let leaf = super::leaves::Leaf { pointer: format!("/{}", key.replace('~', "~0").replace('/', "~1")), value: Value::Null };
                items.push(Item { leaf, class: Class::Unknown });
            }
        }
    }
    Some(Resource::new(identity, None, source, Span::default(), items))
}

/// The configuration's module for a module address (`module.a["x"].module.b` → calls `a`, then `b`).
fn config_module<'v>(configuration: &'v Value, module: &str) -> Option<&'v Value> {
    let mut at = configuration.get("root_module")?;
    for part in module.split("module.").skip(1) {
        let name = part.trim_end_matches('.').split('[').next()?;
        at = at.get("module_calls")?.get(name)?.get("module")?;
    }
    Some(at)
}

/// The attribute names a resource's configuration sets.
fn configured(configuration: &Value, module: &str, r: &Value) -> Option<Vec<String>> {
    let module = config_module(configuration, module)?;
    let (mode, kind, name) = (r.get("mode")?, r.get("type")?, r.get("name")?);
    let config = module.get("resources")?.as_array()?.iter().find(|c| c.get("mode") == Some(mode) && c.get("type") == Some(kind) && c.get("name") == Some(name))?;
    Some(config.get("expressions").and_then(Value::as_object).map(|e| e.keys().cloned().collect()).unwrap_or_default())
}

/// The declared resources of a plan: managed resources of `planned_values`, projected onto what the
/// configuration sets.
pub fn plan_resources(plan: &Value, source: &str) -> Vec<Resource> {
    let mut out = Vec::new();
    let Some(root) = plan.get("planned_values").and_then(|p| p.get("root_module")) else { return out };
    let configuration = plan.get("configuration");
    // Address → what it will be known as only after apply (the first change of an address, as planned).
    let mut unknown_after: HashMap<String, &Value> = HashMap::new();
    for c in plan.get("resource_changes").and_then(Value::as_array).into_iter().flatten() {
        let module = c.get("module_address").and_then(Value::as_str).unwrap_or("");
        if let (Some(address), Some(unknown)) = (address(module, c), c.get("change").and_then(|c| c.get("after_unknown"))) {
            unknown_after.entry(address).or_insert(unknown);
        }
    }
    each_resource(root, "", 0, &mut |module, r| {
        if r.get("mode").and_then(Value::as_str) != Some("managed") {
            return;
        }
        let declared = configuration.and_then(|c| configured(c, module, r));
        let unknown = address(module, r).and_then(|a| unknown_after.get(&a).copied());
        out.extend(resource(source, module, r, declared.as_deref(), unknown));
    });
    out
}

/// The live resources of a state: every managed resource of `values.root_module` and child modules.
pub fn state_resources(state: &Value, source: &str) -> Vec<Resource> {
    let mut out = Vec::new();
    let Some(root) = state.get("values").and_then(|v| v.get("root_module")) else { return out };
    each_resource(root, "", 0, &mut |module, r| {
        if r.get("mode").and_then(Value::as_str) == Some("managed") {
            out.extend(resource(source, module, r, None, None));
        }
    });
    out
}

/// One difference a plan reports: a resource changed outside Terraform (`resource_drift`), or a change
/// the plan would make; with the attribute pointers that differ (secret ones named, not valued).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    pub identity: String,
    /// The raw `address`, to find where the plan text mentions it.
    pub address: String,
    pub outside: bool,
    pub actions: String,
    pub pointers: Vec<String>,
}

/// `resource_drift` entries and every `resource_changes` entry whose actions are not `no-op` or `read`.
pub fn plan_changes(plan: &Value) -> Vec<PlannedChange> {
    let mut out = Vec::new();
    for (section, outside) in [("resource_drift", true), ("resource_changes", false)] {
        for c in plan.get(section).and_then(Value::as_array).into_iter().flatten() {
            let Some(change) = c.get("change") else { continue };
            let actions: Vec<&str> = change.get("actions").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            if actions.is_empty() || actions == ["no-op"] || actions == ["read"] {
                continue;
            }
            let module = c.get("module_address").and_then(Value::as_str).unwrap_or("");
            let Some(address) = address(module, c) else { continue };
            let pointers = differing(change);
            out.push(PlannedChange {
                identity: format!("tf:{address}"),
                address: c.get("address").and_then(Value::as_str).unwrap_or(&address).to_string(),
                outside,
                actions: actions.join("+"),
                pointers,
            });
        }
    }
    out
}

/// The leaf pointers where `before` and `after` differ, unknown-after ones included.
fn differing(change: &Value) -> Vec<String> {
    let side = |key: &str| {
        let mut v = change.get(key).cloned().unwrap_or(Value::Null);
        prune(&mut v);
        flatten(v).into_iter().map(|l| (l.pointer, l.value)).collect::<BTreeMap<_, _>>()
    };
    let (before, after) = (side("before"), side("after"));
    let unknown = change.get("after_unknown").unwrap_or(&Value::Null);
    let mut pointers: BTreeSet<String> = before.iter().filter(|(p, v)| after.get(*p) != Some(*v)).map(|(p, _)| p.clone()).collect();
    pointers.extend(after.keys().filter(|p| !before.contains_key(*p)).cloned());
    pointers.extend(flatten(unknown.clone()).into_iter().filter(|leaf| leaf.value == Value::Bool(true)).map(|leaf| leaf.pointer));
    pointers.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn addresses_are_rebuilt() {
        assert_eq!(address("", &json!({"mode": "managed", "type": "aws_s3_bucket", "name": "logs"})).unwrap(), "aws_s3_bucket.logs");
        assert_eq!(address("module.net[\"eu\"]", &json!({"mode": "data", "type": "aws_ami", "name": "a", "index": 0})).unwrap(), "module.net[\"eu\"].data.aws_ami.a[0]");
        assert_eq!(address("", &json!({"mode": "managed", "type": "t", "name": "n", "index": "a\"b"})).unwrap(), "t.n[\"a\\\"b\"]");
    }

    #[test]
    fn formats() {
        assert_eq!(format(&json!({"format_version": "1.2", "planned_values": {}})), Ok(Format::Plan));
        assert_eq!(format(&json!({"format_version": "1.0", "values": {}})), Ok(Format::State));
        assert_eq!(format(&json!({"format_version": "2.0", "values": {}})), Err("Terraform state JSON format_version 2.0 is not supported (fixity reads 1.x)".into()));
    }

    #[test]
    fn module_trees_are_read_66_levels_deep() {
        let mut module = json!({"resources": [{"depth": 70}]});
        for depth in (0..70).rev() {
            module = json!({"resources": [{"depth": depth}], "child_modules": [module]});
        }
        let mut depths = Vec::new();
        each_resource(&module, "", 0, &mut |_, r| depths.push(r["depth"].as_u64().unwrap_or(999)));
        assert_eq!(depths, (0..=65).collect::<Vec<u64>>());
    }

    #[test]
    fn values_unknown_after_apply_are_changes() {
        let plan = json!({"resource_changes": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
            "change": {"actions": ["update"], "before": {"bucket": "b", "tags": {"a": "1"}}, "after": {"bucket": "b", "tags": {"a": "1"}}, "after_unknown": {"arn": true, "tags": {"a": false}}}}]});
        let changes = plan_changes(&plan);
        assert_eq!(changes.iter().map(|c| c.pointers.clone()).collect::<Vec<_>>(), [["/arn".to_string()]]);
    }
}
