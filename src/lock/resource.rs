//! A resource as fx1 sees it: its identity, where it is declared, and its normalized leaves. Its digest
//! and each leaf's short digest are what the lock records.

use super::leaves::{self, Leaf};
use super::{normalize, secret};
use crate::jcs;
use crate::model::{hex, Span};
use serde_json::Value;
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
    record_of(item.class, &jcs::canonical(&item.leaf.value), key)
}

fn record_of(class: Class, canonical: &str, key: Option<&[u8]>) -> String {
    match (class, key) {
        (Class::Plain, _) => hex(&Sha256::digest(canonical.as_bytes())[..8]),
        (Class::Secret, Some(key)) => format!("hmac:{}", hex(&secret::hmac_sha256(key, canonical.as_bytes())[..8])),
        (Class::Secret, None) => REDACTED.into(),
        (Class::Unknown, _) => UNKNOWN.into(),
    }
}

/// A Kubernetes object as a resource: normalized, flattened, secrets marked. `None` without a name
/// (`generateName` objects have no identity until created).
pub fn kubernetes(mut object: Value, source: &str, span: Span) -> Option<Resource> {
    normalize::kubernetes(&mut object);
    let api_version = object.get("apiVersion")?.as_str()?.to_string();
    let kind = object.get("kind")?.as_str()?;
    let metadata = object.get("metadata")?;
    let name = metadata.get("name")?.as_str()?;
    let namespace = metadata.get("namespace").and_then(Value::as_str).unwrap_or("");
    let group = api_version.rsplit_once('/').map_or("core", |(g, _)| g);
    let identity = format!("k8s:{group}/{kind}:{namespace}/{name}");
    let is_secret = kind == "Secret";
    let items = leaves::flatten(object)
        .into_iter()
        .map(|leaf| {
            let class = if (is_secret && leaf.pointer.starts_with("/data/")) || is_secret_env(&leaf.pointer) { Class::Secret } else { Class::Plain };
            Item { leaf, class }
        })
        .collect();
    Some(Resource::new(identity, Some(api_version), source, span, items))
}

/// `…/env/name=DB_PASSWORD/value`: an environment variable whose name says it holds a credential.
fn is_secret_env(pointer: &str) -> bool {
    let Some(rest) = pointer.strip_suffix("/value") else { return false };
    let Some((parent, item)) = rest.rsplit_once('/') else { return false };
    parent.ends_with("/env") && item.strip_prefix("name=").is_some_and(secret::is_secret_name)
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
        let r = kubernetes(object, "d.yaml", Span::default()).unwrap();
        assert_eq!(r.identity, "k8s:apps/Deployment:shop/web");
        let secret: Vec<&str> = r.items.iter().filter(|i| i.class == Class::Secret).map(|i| i.leaf.pointer.as_str()).collect();
        assert_eq!(secret, ["/spec/template/spec/containers/name=web/env/name=DB_PASSWORD/value"]);
        let plain_digest = r.digest(None);
        assert!(plain_digest.starts_with("fx1:sha256:") && plain_digest.len() == 11 + 64);
        assert_ne!(r.digest(Some(b"k")), plain_digest);
        let core = kubernetes(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}), "n.yaml", Span::default()).unwrap();
        assert_eq!(core.identity, "k8s:core/Namespace:/shop");
    }
}
