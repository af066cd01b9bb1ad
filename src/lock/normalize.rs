//! fx1 normalization of a Kubernetes object: what the API server adds or rewrites is taken out, so a
//! manifest and its live export compare on what the author wrote.
//!
//! - `status` and server-managed metadata (`uid`, `resourceVersion`, `generation`, `creationTimestamp`,
//!   `deletionTimestamp`, `deletionGracePeriodSeconds`, `managedFields`, `selfLink`) and the
//!   `kubectl.kubernetes.io/last-applied-configuration` annotation are dropped;
//! - a Secret's `stringData` is merged into `data` (base64), as the API server does;
//! - resource quantities (`resources.requests`/`limits`, `overhead`) take their canonical spelling;
//! - `null`, `{}` and `[]` are the same as absent.

use super::quantity;
use serde_json::{Map, Value};

const SERVER_METADATA: &[&str] = &["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"];
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

pub fn kubernetes(object: &mut Value) {
    let Value::Object(map) = object else { return };
    map.remove("status");
    if let Some(Value::Object(metadata)) = map.get_mut("metadata") {
        for key in SERVER_METADATA {
            metadata.remove(*key);
        }
        if let Some(Value::Object(annotations)) = metadata.get_mut("annotations") {
            annotations.remove(LAST_APPLIED);
        }
    }
    if map.get("kind").and_then(Value::as_str) == Some("Secret") {
        merge_string_data(map);
    }
    quantities(object, false);
    prune(object);
}

fn merge_string_data(secret: &mut Map<String, Value>) {
    let Some(Value::Object(plain)) = secret.remove("stringData") else { return };
    let data = secret.entry("data").or_insert_with(|| Value::Object(Map::new()));
    if !data.is_object() {
        *data = Value::Object(Map::new());
    }
    if let Value::Object(data) = data {
        for (key, value) in plain {
            if let Value::String(s) = value {
                data.insert(key, Value::String(base64(s.as_bytes())));
            }
        }
    }
}

/// Rewrites the values of quantity maps; `in_resources` says the parent key was `resources`.
fn quantities(value: &mut Value, in_resources: bool) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let is_amounts = (in_resources && (key == "requests" || key == "limits")) || key == "overhead";
                match item {
                    Value::Object(amounts) if is_amounts => {
                        for amount in amounts.values_mut() {
                            let text = match amount {
                                Value::String(s) => s.clone(),
                                Value::Number(n) => n.to_string(),
                                _ => continue,
                            };
                            if let Some(c) = quantity::canonical(&text) {
                                *amount = Value::String(c);
                            }
                        }
                    }
                    _ => quantities(item, key == "resources"),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| quantities(i, false)),
        _ => {}
    }
}

/// Removes nulls and empty collections, bottom up; true when `value` itself is now empty.
pub fn prune(value: &mut Value) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => {
            map.retain(|_, v| !prune(v));
            map.is_empty()
        }
        Value::Array(items) => {
            // An empty item keeps its place: list positions are addresses.
            let mut all_empty = true;
            for item in items.iter_mut() {
                all_empty &= prune(item);
            }
            if all_empty {
                items.clear();
            }
            items.is_empty()
        }
        _ => false,
    }
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn drops_server_fields_and_empties() {
        let mut v = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "a", "uid": "x", "resourceVersion": "1", "labels": {}, "annotations": {LAST_APPLIED: "{}"}},
            "spec": {"containers": [{"name": "c", "resources": {"limits": {"cpu": "1000m", "memory": 512}, "requests": {"cpu": 0.5}}, "env": []}]},
            "status": {"phase": "Running"}
        });
        kubernetes(&mut v);
        assert_eq!(
            v,
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "resources": {"limits": {"cpu": "1", "memory": "512"}, "requests": {"cpu": "500m"}}}]}})
        );
    }

    #[test]
    fn quantities_are_those_of_resources_and_overhead() {
        let mut v = json!({"spec": {"overhead": {"cpu": "0.25"}, "limits": {"cpu": "1000m"}, "resources": {"limits": {"cpu": "2000m"}, "claims": {"cpu": "1000m"}}}});
        kubernetes(&mut v);
        assert_eq!(v, json!({"spec": {"overhead": {"cpu": "250m"}, "limits": {"cpu": "1000m"}, "resources": {"limits": {"cpu": "2"}, "claims": {"cpu": "1000m"}}}}));
    }

    #[test]
    fn empty_items_keep_their_place() {
        let mut v = json!({"a": [null, {}, "x"], "b": [null, {"c": []}], "d": null, "e": 0});
        assert!(!prune(&mut v));
        assert_eq!(v, json!({"a": [null, {}, "x"], "e": 0}));
        assert!(prune(&mut json!({"b": [null]})));
    }

    #[test]
    fn string_data_merges_into_data() {
        let mut v = json!({"kind": "Secret", "data": null, "stringData": {"b": "hello", "n": 1}});
        kubernetes(&mut v);
        assert_eq!(v, json!({"kind": "Secret", "data": {"b": "aGVsbG8="}}));
        let mut v = json!({"kind": "Secret", "data": {"a": "eA=="}, "stringData": {"b": "hello", "a": "x"}});
        kubernetes(&mut v);
        assert_eq!(v, json!({"kind": "Secret", "data": {"a": "eA==", "b": "aGVsbG8="}}));
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
