//! A resource as fx1 sees it: its identity, where it is declared, and its normalized leaves. Its digest
//! and each leaf's short digest are what the lock records.

use super::leaves::{self, Leaf};
use super::{normalize, secret};
use crate::jcs;
use crate::model::{hex, Span};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// How a leaf is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Plain,
    /// Possibly a credential: keyed hash or `redacted`.
    Secret,
    /// Not known until applied (a Terraform plan's computed value): recorded, never hashed.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub leaf: Leaf,
    pub class: Class,
}

#[derive(Debug, Clone)]
pub struct Resource {
    /// `k8s:<group|core>/<Kind>:<namespace>/<name>` or `tf:<address>`.
    pub identity: String,
    /// Kubernetes only: recorded, not part of the identity.
    pub api_version: Option<String>,
    pub source: String,
    /// Where it is written in `source`: its name, or where its definition starts.
    pub span: Span,
    /// Sorted by pointer in UTF-16 order, the order of the digest's canonical JSON.
    pub items: Vec<Item>,
}

pub const REDACTED: &str = "redacted";
pub const UNKNOWN: &str = "unknown";
pub const HMAC_PREFIX: &str = "hmac:";

impl Resource {
    pub fn new(identity: String, api_version: Option<String>, source: &str, span: Span, mut items: Vec<Item>) -> Resource {
        jcs::sort_utf16(&mut items, |i| &i.leaf.pointer);
        Resource { identity, api_version, source: source.to_string(), span, items }
    }

    /// `fx1:sha256:<hex>` over the canonical JSON object of pointer → value, where secret leaves count by
    /// their record (keyed digest or `redacted`) and unknown leaves not at all.
    pub fn digest(&self, key: Option<&[u8]>) -> String {
        self.hash(key, None)
    }

    /// The digest and every leaf's [`record`], each leaf's canonical JSON written once.
    pub fn digest_and_records(&self, key: Option<&[u8]>) -> (String, Vec<String>) {
        let mut records = Vec::with_capacity(self.items.len());
        (self.hash(key, Some(&mut records)), records)
    }

    fn hash(&self, key: Option<&[u8]>, mut records: Option<&mut Vec<String>>) -> String {
        let mut text = String::from("{");
        let mut canonical = String::new();
        for item in &self.items {
            canonical.clear();
            jcs::append(&item.leaf.value, &mut canonical);
            let leaf_record = match (&mut records, item.class) {
                (Some(_), _) | (None, Class::Secret) => record_of(item.class, &canonical, key),
                _ => String::new(),
            };
            if item.class != Class::Unknown {
                if text.len() > 1 {
                    text.push(',');
                }
                jcs::string(&item.leaf.pointer, &mut text);
                text.push(':');
                match item.class {
                    Class::Plain => text.push_str(&canonical),
                    _ => jcs::string(&leaf_record, &mut text),
                }
            }
            if let Some(records) = records.as_mut() {
                records.push(leaf_record);
            }
        }
        text.push('}');
        format!("fx1:sha256:{}", hex(&Sha256::digest(text.as_bytes())))
    }
}

/// What the lock says about one leaf: the first 16 hex digits of sha256 over its canonical JSON; for a
/// secret `hmac:` and 16 hex digits of HMAC-SHA256 with the caller's key, or `redacted`; or `unknown`.
pub fn record(item: &Item, key: Option<&[u8]>) -> String {
    record_as(item.class, &item.leaf.value, key)
}

/// The record of a value as a leaf of class `class` would have it.
pub fn record_as(class: Class, value: &Value, key: Option<&[u8]>) -> String {
    record_of(class, &jcs::canonical(value), key)
}

fn record_of(class: Class, canonical: &str, key: Option<&[u8]>) -> String {
    match (class, key) {
        (Class::Plain, _) => hex(&Sha256::digest(canonical.as_bytes())[..8]),
        (Class::Secret, Some(key)) => format!("{HMAC_PREFIX}{}", hex(&secret::hmac_sha256(key, canonical.as_bytes())[..8])),
        (Class::Secret, None) => REDACTED.into(),
        (Class::Unknown, _) => UNKNOWN.into(),
    }
}

impl Class {
    /// The class of leaf a lock record was written for.
    pub fn of_record(record: &str) -> Class {
        match record {
            UNKNOWN => Class::Unknown,
            REDACTED => Class::Secret,
            _ if record.starts_with(HMAC_PREFIX) => Class::Secret,
            _ => Class::Plain,
        }
    }
}

/// A Kubernetes object as a resource: normalized, flattened, secrets marked. `None` without a name
/// (`generateName` objects have no identity until created).
/// An object without `metadata.namespace` is in `default_namespace` (the environment's, `--namespace`),
/// unless its kind is cluster-scoped.
pub fn kubernetes(mut object: Value, source: &str, span: Span, default_namespace: Option<&str>) -> Option<Resource> {
    normalize::kubernetes(&mut object);
    let api_version = object.get("apiVersion")?.as_str()?.to_string();
    let kind = object.get("kind")?.as_str()?;
    let metadata = object.get("metadata")?;
    let name = metadata.get("name")?.as_str()?;
    let default_namespace = default_namespace.filter(|_| !is_cluster_scoped(kind)).unwrap_or("");
    let namespace = metadata.get("namespace").and_then(Value::as_str).unwrap_or(default_namespace);
    let group = api_version.rsplit_once('/').map_or("core", |(g, _)| g);
    let identity = format!("k8s:{group}/{kind}:{namespace}/{name}");
    let marks = secret_marks(&object, kind);
    let items = leaves::flatten_marked(object, &marks).into_iter().map(|(leaf, marked)| Item::new(leaf, marked)).collect();
    Some(Resource::new(identity, Some(api_version), source, span, items))
}

impl Item {
    /// A leaf that is secret when its container says so or its value carries a credential.
    pub fn new(leaf: Leaf, marked: bool) -> Item {
        let secret = marked || leaf.value.as_str().is_some_and(secret::has_credentials);
        Item { leaf, class: if secret { Class::Secret } else { Class::Plain } }
    }
}

/// Where a Kubernetes object keeps values that are or may be credentials, in the shape of the object
/// ([`leaves::flatten_marked`]): a Secret's `data`, a ConfigMap's `data` under a secret's name, and the
/// `value` of every `env` entry whose name is a secret's or is not plainly written.
fn secret_marks(object: &Value, kind: &str) -> Value {
    match kind {
        "Secret" => json!({"data": true}),
        "ConfigMap" => {
            let data = object.get("data").and_then(Value::as_object).into_iter().flatten();
            let marked: Map<String, Value> = data.filter(|(key, _)| secret::is_secret_name(key)).map(|(key, _)| (key.clone(), Value::Bool(true))).collect();
            json!({"data": marked})
        }
        _ => env_marks(object).unwrap_or(Value::Null),
    }
}

/// The marks of every `env` list within `value`, or `None` when there is none to mark.
fn env_marks(value: &Value) -> Option<Value> {
    let marks: Vec<Value> = match value {
        Value::Object(map) => {
            let marked: Map<String, Value> = map
                .iter()
                .filter_map(|(key, item)| match (key.as_str(), item) {
                    ("env", Value::Array(entries)) => Some((key.clone(), Value::Array(entries.iter().map(env_entry_marks).collect()))),
                    _ => env_marks(item).map(|m| (key.clone(), m)),
                })
                .collect();
            return (!marked.is_empty()).then_some(Value::Object(marked));
        }
        Value::Array(items) => items.iter().map(|i| env_marks(i).unwrap_or(Value::Null)).collect(),
        _ => return None,
    };
    marks.iter().any(|m| !m.is_null()).then_some(Value::Array(marks))
}

/// `{"value": true}` for an `env` entry whose name does not show its value is plain.
fn env_entry_marks(entry: &Value) -> Value {
    let name = entry.get("name").and_then(Value::as_str);
    if name.is_some_and(|n| !secret::is_secret_name(n)) {
        Value::Null
    } else {
        json!({"value": true})
    }
}

/// Kinds that live outside namespaces: Kubernetes' own, and those of widely used controllers.
fn is_cluster_scoped(kind: &str) -> bool {
    const CLUSTER_SCOPED: &[&str] = &[
        "APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "ClusterIssuer", "ClusterPolicy", "ClusterRole",
        "ClusterRoleBinding", "ClusterSecretStore", "ComponentStatus", "CustomResourceDefinition", "FlowSchema", "IngressClass",
        "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume", "PriorityClass", "PriorityLevelConfiguration",
        "RuntimeClass", "StorageClass", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration", "VolumeAttachment",
    ];
    CLUSTER_SCOPED.contains(&kind)
}

/// Whether a Kubernetes object is a list of objects (`kind: List`, `DeploymentList`, …).
pub fn is_list_kind(kind: &str) -> bool {
    kind.ends_with("List")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identity_and_secret_leaves() {
        let object = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
            "spec": {"template": {"spec": {"containers": [{"name": "web", "env": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "MODE", "value": "x"}]}]}}}});
        let r = kubernetes(object, "d.yaml", Span::default(), None).unwrap();
        assert_eq!(r.identity, "k8s:apps/Deployment:shop/web");
        let secret: Vec<&str> = r.items.iter().filter(|i| i.class == Class::Secret).map(|i| i.leaf.pointer.as_str()).collect();
        assert_eq!(secret, ["/spec/template/spec/containers/name=web/env/name=DB_PASSWORD/value"]);
        let plain_digest = r.digest(None);
        assert!(plain_digest.starts_with("fx1:sha256:") && plain_digest.len() == 11 + 64);
        assert_ne!(r.digest(Some(b"k")), plain_digest);
        let core = kubernetes(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}), "n.yaml", Span::default(), Some("shop")).unwrap();
        assert_eq!(core.identity, "k8s:core/Namespace:/shop");
    }

    #[test]
    fn config_map_keys_named_as_credentials_are_secrets() {
        let object = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "app"}, "data": {"DB_PASSWORD": "hunter2", "MODE": "x", "url": "https://u:p@h/"}});
        let r = kubernetes(object, "c.yaml", Span::default(), None).unwrap();
        let secret: Vec<&str> = r.items.iter().filter(|i| i.class == Class::Secret).map(|i| i.leaf.pointer.as_str()).collect();
        assert_eq!(secret, ["/data/DB_PASSWORD", "/data/url"]);
    }
}
