//! Pulumi's JSON as resources, identified by their URNs. `pulumi preview --json` is the declared side:
//! each step's `newState.inputs`, less what the provider filled in by default (listed in `__defaults`).
//! `pulumi stack export` (deployment version 3) is the live side: each resource's `outputs`, which
//! `pulumi refresh` makes the live state. Component resources and the stack (`custom: false`) have no
//! inputs of their own to compare: they are locked with no leaves, so only their presence is verified.
//!
//! Secrets: a value in Pulumi's secret envelope is a secret leaf, valued by its `plaintext` when the JSON
//! shows it (`--show-secrets`), else by its `ciphertext`; so are values under a credential's name
//! (`password`, `apiKey`) and a Kubernetes Secret's `data` and `stringData`. The unknown value of a
//! preview (an output not known until the update) is an unknown leaf.

use super::leaves::flatten_marked;
use super::normalize::prune;
use super::resource::{Class, Item, Resource};
use super::secret;
use crate::model::{LineIndex, Span};
use crate::sources::pulumi_preview::{declared_states, UrnSpans};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What every Pulumi identity (a URN) starts with.
pub const PREFIX: &str = "urn:pulumi:";
/// The member that marks a secret envelope, and its value.
const SECRET_KEY: &str = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE: &str = "1b47061264138c4ac30d75fd1eb44270";
/// What a preview writes for a value not known until the update.
const UNKNOWN_VALUE: &str = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/// The deployment version fixity reads.
const DEPLOYMENT_VERSION: u64 = 3;

/// The resources a preview declares, or `None` when it is not one (its errors are the source's to report).
pub fn preview_resources(preview: &Value, text: &str, source: &str) -> Option<Vec<Resource>> {
    let states = declared_states(preview, text).ok()?;
    Some(states.into_iter().filter_map(|(state, span)| resource(state, "inputs", source, span)).collect())
}

/// The live resources of a `pulumi stack export`, or why it cannot be read.
pub fn export_resources(export: &Value, text: &str, source: &str) -> Result<Vec<Resource>, String> {
    let not_export = |why: &str| format!("not `pulumi stack export` output: {why}");
    let version = export.get("version").ok_or_else(|| not_export("no `version`"))?;
    if version.as_u64() != Some(DEPLOYMENT_VERSION) {
        return Err(format!("Pulumi stack export version {version} is not supported (fixity reads version {DEPLOYMENT_VERSION})"));
    }
    let deployment = export.get("deployment").filter(|d| d.is_object()).ok_or_else(|| not_export("no `deployment` object"))?;
    let resources = match deployment.get("resources") {
        // An empty stack has none.
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(resources)) => resources,
        Some(_) => return Err(not_export("`deployment.resources` is not a list")),
    };
    let mut spans = UrnSpans::new(text);
    let lines = LineIndex::new(text);
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut out = Vec::new();
    for (i, r) in resources.iter().enumerate() {
        let urn = r.get("urn").and_then(Value::as_str).ok_or_else(|| not_export(&format!("resource {} has no `urn`", i + 1)))?;
        let span = spans.next(urn);
        // Pending deletion: replaced, not what is live under this URN.
        if r.get("delete") == Some(&Value::Bool(true)) {
            continue;
        }
        if let Some(first) = seen.insert(urn, span) {
            return Err(format!("duplicate URN `{urn}` at lines {} and {}", lines.place(first).line, lines.place(span).line));
        }
        out.extend(resource(r, "outputs", source, span));
    }
    Ok(out)
}

/// A resource from its state: the leaves of `values` (`inputs` declared, `outputs` live), none for a
/// component resource.
fn resource(state: &Value, values: &str, source: &str, span: Span) -> Option<Resource> {
    let urn = state.get("urn")?.as_str()?;
    let mut items = Vec::new();
    if state.get("custom") != Some(&Value::Bool(false)) {
        let (mut value, mut marks) = unwrap(state.get(values).cloned().unwrap_or(Value::Null));
        prune(&mut value);
        if state.get("type").and_then(Value::as_str) == Some("kubernetes:core/v1:Secret") {
            for key in ["data", "stringData"] {
                marks.as_object_mut().map(|m| m.insert(key.into(), Value::Bool(true)));
            }
        }
        items = flatten_marked(value, &marks)
            .into_iter()
            .map(|(leaf, marked)| if leaf.value == UNKNOWN_VALUE { Item { leaf, class: Class::Unknown } } else { Item::new(leaf, marked) })
            .collect();
    }
    Some(Resource::new(urn.to_string(), None, source, span, items))
}

/// A value without its secret envelopes and provider defaults, and the marks of its secret leaves (the
/// shape [`flatten_marked`] reads).
fn unwrap(value: Value) -> (Value, Value) {
    match value {
        Value::Object(map) if map.get(SECRET_KEY).and_then(Value::as_str) == Some(SECRET_SIGNATURE) => {
            let plain = match map.get("plaintext") {
                // The plaintext is the value's JSON text.
                Some(Value::String(text)) => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone())),
                _ => map.get("ciphertext").cloned().unwrap_or(Value::Null),
            };
            (unwrap(plain).0, Value::Bool(true))
        }
        Value::Object(mut map) => {
            let defaults: Vec<String> = match map.remove("__defaults") {
                Some(Value::Array(keys)) => keys.into_iter().filter_map(|k| k.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            };
            let (mut values, mut marks) = (Map::new(), Map::new());
            for (key, item) in map.into_iter().filter(|(key, _)| !defaults.contains(key)) {
                let (item, mark) = unwrap(item);
                // A credential's name marks its value, not all that an object of that name holds (`secretRef`).
                let mark = if !item.is_object() && !item.is_array() && secret::is_secret_name(&key) { Value::Bool(true) } else { mark };
                if !mark.is_null() {
                    marks.insert(key.clone(), mark);
                }
                values.insert(key, item);
            }
            (Value::Object(values), Value::Object(marks))
        }
        Value::Array(items) => {
            let (values, marks): (Vec<Value>, Vec<Value>) = items.into_iter().map(unwrap).unzip();
            (Value::Array(values), Value::Array(marks))
        }
        scalar => (scalar, Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_and_defaults_are_unwrapped() {
        let inputs = json!({
            "__defaults": ["acl"], "acl": "private", "tags": {"team": "shop", "__defaults": []},
            "masterPassword": "hunter2",
            "config": {(SECRET_KEY): SECRET_SIGNATURE, "plaintext": "{\"token\":\"t\"}"},
            "list": [{(SECRET_KEY): SECRET_SIGNATURE, "ciphertext": "v1:abc"}, "plain"]
        });
        let (value, marks) = unwrap(inputs);
        assert_eq!(value, json!({"tags": {"team": "shop"}, "masterPassword": "hunter2", "config": {"token": "t"}, "list": ["v1:abc", "plain"]}));
        assert_eq!(marks, json!({"tags": {}, "masterPassword": true, "config": true, "list": [true, null]}));
    }

    #[test]
    fn a_kubernetes_secrets_data_is_secret() {
        let secrets = |kind: &str| {
            let state = json!({"urn": format!("urn:pulumi:prod::shop::kubernetes:core/v1:{kind}::db"), "type": format!("kubernetes:core/v1:{kind}"), "custom": true,
                "outputs": {"metadata": {"name": "db"}, "data": {"mode": "eA=="}, "stringData": {"other": "y"}}});
            let resource = super::resource(&state, "outputs", "s.json", crate::model::Span::default());
            resource.map(|r| r.items.into_iter().filter(|i| i.class == crate::lock::resource::Class::Secret).map(|i| i.leaf.pointer).collect::<Vec<_>>())
        };
        assert_eq!(secrets("Secret"), Some(vec!["/data/mode".to_string(), "/stringData/other".to_string()]));
        assert_eq!(secrets("ConfigMap"), Some(vec![]));
    }
}
