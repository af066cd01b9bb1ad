//! Kubernetes objects in YAML or JSON: every document with `apiVersion` and `kind`, multi-document streams
//! and `kind: List`. Images are found wherever a pod spec sits (workloads, CronJobs, and pod templates
//! inside custom resources such as Argo Rollouts or Knative Services): any `image` key holding a string,
//! which covers `containers`, `initContainers` and `ephemeralContainers` and operator fields such as
//! Tekton steps. ConfigMap and Secret payloads are data, not images.

use super::{has_top_level, image_in_yaml, no_variables, Content, Extraction, FileName, Reader, Resources};
use crate::model::SourceError;
use crate::yaml::{Budget, Document, NodeId, BUDGET_MESSAGE};

pub const KIND: super::Kind = super::Kind {
    name: "kubernetes",
    label: "Kubernetes",
    named: |_: &FileName| false,
    content: Some(Content { priority: 70, looks_like, while_walking: true }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::KubernetesObjects,
};

fn looks_like(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// Whether text is clearly a Kubernetes object, whatever its file is named: top-level `apiVersion` and
/// `kind` keys (in YAML, at the start of a line; in JSON, an object with both).
pub fn is_object(text: &str) -> bool {
    let yaml = has_top_level(text, "apiVersion:") && has_top_level(text, "kind:");
    let json = || {
        text.trim_start().starts_with('{')
            && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).is_ok_and(|o| o.get("apiVersion").is_some_and(|v| v.is_string()) && o.get("kind").is_some_and(|v| v.is_string()))
    };
    yaml || json()
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    let mut budget = Budget::for_document(doc);
    object(doc, root, out, &mut budget);
    if budget.exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

pub(super) fn object(doc: &Document, id: NodeId, out: &mut Extraction, budget: &mut Budget) {
    let (Some(api_version), Some(kind)) = (doc.get_str(id, "apiVersion"), doc.get_str(id, "kind")) else { return };
    if kind == "List" || kind.ends_with("List") {
        if let Some(items) = doc.get(id, "items").and_then(|i| doc.seq(i)) {
            for &item in items {
                object(doc, item, out, budget);
            }
        }
        return;
    }
    if matches!(kind, "ConfigMap" | "Secret") || is_policy(doc.get_str(id, "apiVersion").unwrap_or("")) {
        return;
    }
    let name = doc
        .get(id, "metadata")
        .and_then(|m| doc.get_str(m, "name").or_else(|| doc.get_str(m, "generateName")))
        .unwrap_or("");
    // Room for the paths the walk builds on it, so that they seldom grow it.
    let mut location = String::with_capacity(128);
    location.extend([kind, "/", name]);
    super::gitops::object(doc, id, api_version, kind, &location, out);
    if super::tekton::is_tekton(api_version) {
        let before = out.references.len();
        walk(doc, id, &mut location, &no_variables, out, budget);
        out.references[before..].iter_mut().for_each(super::tekton::with_params);
        super::tekton::object(doc, id, &mut location, out, budget);
        return;
    }
    walk(doc, id, &mut location, &no_variables, out, budget);
}

/// Admission policies (Kyverno, Gatekeeper constraints and templates, Kubewarden) hold image *patterns*
/// (`"*:*"`, `"!*:latest"`), not images a pod runs.
fn is_policy(api_version: &str) -> bool {
    let group = api_version.split('/').next().unwrap_or("");
    ["kyverno.io", "constraints.gatekeeper.sh", "templates.gatekeeper.sh", "mutations.gatekeeper.sh", "policies.kubewarden.io"]
        .iter()
        .any(|policy| group.strip_suffix(policy).is_some_and(|rest| rest.is_empty() || rest.ends_with('.')))
}

/// Every `image` within `id`, with variables substituted by `lookup`.
pub(super) fn walk(doc: &Document, id: NodeId, location: &mut String, lookup: &dyn Fn(&str) -> Option<String>, out: &mut Extraction, budget: &mut Budget) {
    super::walk(doc, id, location, by_name, budget, &mut |key, value, location| {
        if key == "image" && doc.str(value).is_some() {
            out.references.extend(image_in_yaml(doc, value, location.clone(), lookup));
            return false;
        }
        true
    });
}

/// List items with a name (containers, env entries) are addressed by it: `name=web`.
pub(super) fn by_name(doc: &Document, item: NodeId) -> Option<(&'static str, &str)> {
    doc.get_str(item, "name").map(|name| ("name=", name))
}
