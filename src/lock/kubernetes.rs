//! Kubernetes objects as resources: declared ones from YAML or JSON manifests (positions kept, so
//! findings point at the written leaf), live ones from `kubectl get -o json` (a `List` or one object).

use super::leaves::segments;
use super::resource::{self, is_list_kind, Resource};
use crate::model::{SourceError, Span};
use crate::yaml::value;
use crate::yaml::{Budget, Document, NodeId, BUDGET_MESSAGE};
use serde_json::Value;
use std::collections::HashMap;

/// Calls `each` with every named object of one document of a manifest and the node it is written at;
/// an error when aliases expand past the document's budget.
/// Objects without a namespace are in `namespace`, when given.
pub fn declared(path: &str, doc: &Document, namespace: Option<&str>, mut each: impl FnMut(Resource, NodeId)) -> Result<(), SourceError> {
    let Some(root) = doc.root() else { return Ok(()) };
    let mut budget = Budget::for_document(doc);
    let mut objects = vec![root];
    if doc.get_str(root, "kind").is_some_and(is_list_kind) {
        objects = doc.get(root, "items").and_then(|i| doc.seq(i)).map(<[NodeId]>::to_vec).unwrap_or_default();
    }
    for id in objects {
        if doc.get_str(id, "apiVersion").is_none() || doc.get_str(id, "kind").is_none() || is_exported(doc, id) {
            continue;
        }
        let object = value::from_yaml(doc, id, &mut budget).ok_or_else(|| SourceError { span: doc.node(id).span, message: BUDGET_MESSAGE.into() })?;
        let at = doc.get(id, "metadata").and_then(|m| doc.get(m, "name")).unwrap_or(id);
        if let Some(resource) = resource::kubernetes(object, path, doc.node(at).span, namespace) {
            each(resource, id);
        }
    }
    Ok(())
}

/// Whether an object was exported from a cluster (`kubectl get -o yaml|json`) rather than declared: the
/// server's `uid`, `resourceVersion` or `managedFields` are in it. A live export kept beside the manifests
/// is not a second declaration of what runs.
fn is_exported(doc: &Document, id: NodeId) -> bool {
    doc.get(id, "metadata").is_some_and(|m| ["uid", "resourceVersion", "managedFields"].iter().any(|k| doc.get(m, k).is_some()))
}

/// The objects of a live export: a `List`'s items, or the one object.
pub fn live(export: Value, source: &str) -> Vec<Resource> {
    let objects = match export {
        Value::Object(mut map) if map.get("kind").and_then(Value::as_str).is_some_and(is_list_kind) => match map.remove("items") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        other => vec![other],
    };
    objects.into_iter().filter_map(|o| resource::kubernetes(o, source, Span::default(), None)).collect()
}

/// Finds where leaf pointers are written under one object. Each list searched by a natural key is
/// indexed the first time, so locating every leaf of an object takes linear time however long its lists.
pub struct Locator<'d> {
    doc: &'d Document,
    root: NodeId,
    /// (list, key) → the first item with each value under that key.
    indexes: HashMap<(NodeId, String), HashMap<&'d str, NodeId>>,
}

impl<'d> Locator<'d> {
    pub fn new(doc: &'d Document, root: NodeId) -> Locator<'d> {
        Locator { doc, root, indexes: HashMap::new() }
    }

    /// Where a leaf pointer is written: the deepest node the pointer reaches.
    pub fn locate(&mut self, pointer: &str) -> Span {
        let doc = self.doc;
        let mut at = self.root;
        for segment in segments(pointer) {
            let next = if let Some(items) = doc.seq(at) {
                match segment.split_once('=') {
                    Some((key, wanted)) => {
                        let index = self.indexes.entry((at, key.to_string())).or_insert_with(|| {
                            let mut index = HashMap::with_capacity(items.len());
                            for &item in items {
                                if let Some(value) = doc.get_str(item, key) {
                                    index.entry(value).or_insert(item);
                                }
                            }
                            index
                        });
                        index.get(wanted).copied()
                    }
                    None => segment.parse::<usize>().ok().and_then(|i| items.get(i).copied()),
                }
            } else {
                // A Secret's `data` leaf may be written under `stringData`.
                doc.get(at, &segment).or_else(|| if segment == "data" { doc.get(at, "stringData") } else { None })
            };
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
        doc.node(at).span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_objects_and_leaf_positions() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    k: v\n- kind: Broken\n";
        let mut seen = Vec::new();
        let written = |span: Span| &text[span.start as usize..span.end as usize];
        crate::yaml::for_each_document(text, |doc| declared("x.yaml", doc, None, |r, id| seen.push((r.identity.clone(), written(r.span), written(Locator::new(doc, id).locate("/data/k"))))).unwrap()).unwrap();
        assert_eq!(seen, vec![("k8s:core/ConfigMap:/a".to_string(), "a", "v")]);
    }

    /// Only objects with an `apiVersion` and a `kind` that no cluster exported are declared, and the others
    /// are not expanded at all (so aliases past the budget in them are no error).
    #[test]
    fn exported_and_kindless_objects_are_not_declared() {
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        let texts = [
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: live, namespace: x, uid: 1f3c}\n".to_string(),
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: live, resourceVersion: '7'}\n".to_string(),
            format!("kind: ConfigMap\nmetadata: {{name: no-version}}\n{laughs}"),
            format!("apiVersion: v1\nmetadata: {{name: no-kind}}\n{laughs}"),
        ];
        for text in &texts {
            let mut seen = Vec::new();
            crate::yaml::for_each_document(text, |doc| declared("x.yaml", doc, None, |r, _| seen.push(r.identity)).unwrap()).unwrap();
            assert_eq!(seen, Vec::<String>::new(), "{text}");
        }
    }
}
