//! The declared leaves of a normalized object: every scalar with its JSON Pointer (RFC 6901). A list whose
//! items all carry a distinct natural key is addressed by it (`containers/name=web`, `volumeMounts/
//! mountPath=~1data`), so reordering such a list changes no pointer; other lists are addressed by index.

use serde_json::Value;
use std::collections::HashSet;

/// Keys that identify list items, tried in order (Kubernetes' strategic-merge keys).
const NATURAL_KEYS: &[&str] = &["name", "mountPath", "devicePath", "containerPort", "port", "ip"];

/// One leaf: its pointer and its value (a string, number or boolean).
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub pointer: String,
    pub value: Value,
}

/// The leaves of `value`, in document order.
pub fn flatten(value: Value) -> Vec<Leaf> {
    flatten_marked(value, &UNMARKED).into_iter().map(|(leaf, _)| leaf).collect()
}

const MARKED: Value = Value::Bool(true);
const UNMARKED: Value = Value::Null;

/// The leaves of `value`, each with whether `marks` flags it. `marks` has the shape of `value` (objects
/// by key, lists by position, as Terraform's `sensitive_values`) and `true` flags all beneath it, so a
/// mark holds however the list is addressed in pointers.
pub fn flatten_marked(value: Value, marks: &Value) -> Vec<(Leaf, bool)> {
    let mut out = Vec::new();
    let mut pointer = String::new();
    walk(value, marks, &mut pointer, &mut out);
    out
}

fn walk(value: Value, marks: &Value, pointer: &mut String, out: &mut Vec<(Leaf, bool)>) {
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                escape_into(&key, pointer);
                walk(item, beneath(marks, key.as_str()), pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            let key = natural_key(&items);
            for (i, item) in items.into_iter().enumerate() {
                pointer.push('/');
                match (key, &item) {
                    (Some(k), Value::Object(m)) => {
                        escape_into(k, pointer);
                        pointer.push('=');
                        escape_into(&scalar_text(m.get(k).unwrap_or(&Value::Null)), pointer);
                    }
                    _ => pointer.push_str(&i.to_string()),
                }
                walk(item, beneath(marks, i), pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Null => {}
        scalar => out.push((Leaf { pointer: pointer.clone(), value: scalar }, marks == &MARKED)),
    }
}

/// The marks of a member or item of what `marks` marks.
fn beneath<I: serde_json::value::Index>(marks: &Value, index: I) -> &Value {
    if marks == &MARKED {
        marks
    } else {
        marks.get(index).unwrap_or(&UNMARKED)
    }
}

/// The natural key of a list, if every item is an object with a distinct scalar value under it.
pub fn natural_key(items: &[Value]) -> Option<&'static str> {
    if items.is_empty() || !items.iter().all(Value::is_object) {
        return None;
    }
    NATURAL_KEYS.iter().copied().find(|key| {
        let mut seen = HashSet::with_capacity(items.len());
        items.iter().all(|item| match item.get(key) {
            Some(v @ (Value::String(_) | Value::Number(_))) => seen.insert(scalar_text(v)),
            _ => false,
        })
    })
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Appends a pointer segment with `~` and `/` escaped (RFC 6901).
fn escape_into(segment: &str, pointer: &mut String) {
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The unescaped segments of a pointer.
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn natural_keys_address_list_items() {
        let v = json!({"spec": {"containers": [
            {"name": "web", "image": "nginx", "ports": [{"containerPort": 80}], "volumeMounts": [{"mountPath": "/data", "name": "d"}, {"mountPath": "/tmp", "name": "d"}]},
            {"name": "a/b~c", "args": ["x", "y"]}
        ]}});
        let pointers: Vec<String> = flatten(v).into_iter().map(|l| l.pointer).collect();
        assert_eq!(
            pointers,
            [
                "/spec/containers/name=web/image",
                "/spec/containers/name=web/name",
                "/spec/containers/name=web/ports/containerPort=80/containerPort",
                "/spec/containers/name=web/volumeMounts/mountPath=~1data/mountPath",
                "/spec/containers/name=web/volumeMounts/mountPath=~1data/name",
                "/spec/containers/name=web/volumeMounts/mountPath=~1tmp/mountPath",
                "/spec/containers/name=web/volumeMounts/mountPath=~1tmp/name",
                "/spec/containers/name=a~1b~0c/args/0",
                "/spec/containers/name=a~1b~0c/args/1",
                "/spec/containers/name=a~1b~0c/name",
            ]
        );
        assert_eq!(segments("/a~1b/c~0d").collect::<Vec<_>>(), ["a/b", "c~d"]);
    }

    #[test]
    fn nulls_are_no_leaves_and_scalars_in_lists_are_indexed() {
        let leaves = flatten(json!({"a": null, "b": [], "c": [1, "x", null], "d": true}));
        let expected = [("/c/0", json!(1)), ("/c/1", json!("x")), ("/d", json!(true))].map(|(pointer, value)| Leaf { pointer: pointer.into(), value });
        assert_eq!(leaves, expected);
    }

    #[test]
    fn marks_follow_the_value_not_the_pointer() {
        let v = json!({"setting": [{"name": "DB_PASSWORD", "value": "p"}, {"name": "REGION", "value": "eu"}], "tags": {"a/b~c": "s", "x": "y"}});
        let marks = json!({"setting": [{"value": true}, {}], "tags": {"a/b~c": true}});
        let marked: Vec<String> = flatten_marked(v, &marks).into_iter().filter(|(_, m)| *m).map(|(l, _)| l.pointer).collect();
        assert_eq!(marked, ["/setting/name=DB_PASSWORD/value", "/tags/a~1b~0c"]);
    }
}
