//! `fixity.lock.json`: built from resources, written as pretty canonical JSON (keys in RFC 8785 order, one
//! resource per block, the same bytes for the same inputs), and read back with precise errors.
//!
//! ```json
//! {
//!   "hmacKeyId": "…",            // only when secret leaves were keyed
//!   "lockfileVersion": 1,
//!   "profile": "fx1",
//!   "resources": {
//!     "k8s:apps/Deployment:shop/web": {
//!       "apiVersion": "apps/v1",
//!       "digest": "fx1:sha256:…",
//!       "leaves": {"/spec/replicas": "…", …},
//!       "source": "deploy/web.yaml"
//!     }
//!   }
//! }
//! ```

use super::resource::{record, Resource};
use super::{jcs, json_error, position, LOCKFILE_VERSION, PROFILE};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub api_version: Option<String>,
    pub source: String,
    pub digest: String,
    /// Pointer → record (short digest, `hmac:…`, `redacted` or `unknown`).
    pub leaves: BTreeMap<String, String>,
    /// Where the entry's identity is written in the lock file (1-based; 1 for a lock built here).
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// Names the HMAC key that secret leaves were hashed with, if any were.
    pub hmac_key_id: Option<String>,
    pub entries: BTreeMap<String, Entry>,
}

/// Why a lock file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Not JSON, or not the lock's shape: a parse error at this place.
    Invalid { line: u32, column: u32, message: String },
    /// A version or profile this fixity does not know: nothing in it can be verified.
    Unsupported(String),
}

pub fn entry(resource: &Resource, key: Option<&[u8]>) -> Entry {
    Entry {
        api_version: resource.api_version.clone(),
        source: resource.source.clone(),
        digest: resource.digest(key),
        leaves: resource.items.iter().map(|i| (i.leaf.pointer.clone(), record(i, key))).collect(),
        line: 1,
        column: 1,
    }
}

impl Lock {
    pub fn render(&self) -> String {
        let mut resources = Map::new();
        for (identity, e) in &self.entries {
            let mut block = Map::new();
            if let Some(v) = &e.api_version {
                block.insert("apiVersion".into(), json!(v));
            }
            block.insert("digest".into(), json!(e.digest));
            block.insert("leaves".into(), Value::Object(e.leaves.iter().map(|(p, r)| (p.clone(), json!(r))).collect()));
            block.insert("source".into(), json!(e.source));
            resources.insert(identity.clone(), Value::Object(block));
        }
        let mut root = Map::new();
        if let Some(id) = &self.hmac_key_id {
            root.insert("hmacKeyId".into(), json!(id));
        }
        root.insert("lockfileVersion".into(), json!(LOCKFILE_VERSION));
        root.insert("profile".into(), json!(PROFILE));
        root.insert("resources".into(), Value::Object(resources));
        jcs::pretty(&Value::Object(root))
    }

    pub fn parse(text: &str) -> Result<Lock, LockError> {
        let root: Value = serde_json::from_str(text).map_err(|e| {
            let e = json_error(&e);
            LockError::Invalid { line: e.line, column: e.column, message: e.message }
        })?;
        let invalid = |message: String| LockError::Invalid { line: 1, column: 1, message };
        let Value::Object(root) = root else { return Err(invalid("a lock file is a JSON object".into())) };
        match root.get("lockfileVersion") {
            Some(v) if v.as_u64() == Some(LOCKFILE_VERSION) => {}
            Some(v) => return Err(LockError::Unsupported(format!("lockfileVersion {v} is not one this fixity reads (it reads {LOCKFILE_VERSION})"))),
            None => return Err(invalid("`lockfileVersion` is missing".into())),
        }
        match root.get("profile") {
            Some(Value::String(p)) if p == PROFILE => {}
            Some(p) => return Err(LockError::Unsupported(format!("hashing profile {p} is not one this fixity knows (it knows \"{PROFILE}\")"))),
            None => return Err(invalid("`profile` is missing".into())),
        }
        let hmac_key_id = root.get("hmacKeyId").and_then(Value::as_str).map(str::to_string);
        let Some(Value::Object(resources)) = root.get("resources") else { return Err(invalid("`resources` must be an object".into())) };
        let mut entries = BTreeMap::new();
        for (identity, block) in resources {
            let (line, column) = key_position(text, identity);
            let bad = |what: &str| LockError::Invalid { line, column, message: format!("lock entry `{identity}`: {what}") };
            let field = |name: &str| block.get(name).and_then(Value::as_str).map(str::to_string);
            let Some(Value::Object(leaves)) = block.get("leaves") else { return Err(bad("`leaves` must be an object")) };
            let leaves = leaves.iter().map(|(p, r)| r.as_str().map(|r| (p.clone(), r.to_string()))).collect::<Option<_>>().ok_or_else(|| bad("every leaf must be a string"))?;
            let entry = Entry {
                api_version: field("apiVersion"),
                source: field("source").ok_or_else(|| bad("`source` must be a string"))?,
                digest: field("digest").filter(|d| d.starts_with("fx1:sha256:")).ok_or_else(|| bad("`digest` must be a string `fx1:sha256:<hex>`"))?,
                leaves,
                line,
                column,
            };
            entries.insert(identity.clone(), entry);
        }
        Ok(Lock { hmac_key_id, entries })
    }
}

/// The 1-based line and column of `"key":` in JSON text (the first occurrence), or 1:1.
fn key_position(text: &str, key: &str) -> (u32, u32) {
    let mut quoted = String::new();
    jcs::string(key, &mut quoted);
    let at = text.match_indices(&quoted).map(|(i, _)| i).find(|&i| text[i + quoted.len()..].trim_start().starts_with(':'));
    at.map_or((1, 1), |at| position(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_precise() {
        assert_eq!(
            Lock::parse("{\n  \"lockfileVersion\": 1,\n  \"profile\": \"fx1\"\n  \"resources\": {}\n}\n"),
            Err(LockError::Invalid { line: 4, column: 3, message: "invalid JSON: expected `,` or `}`".into() })
        );
        assert_eq!(Lock::parse("{\"lockfileVersion\": 1, \"profile\": \"fx9\", \"resources\": {}}"), Err(LockError::Unsupported("hashing profile \"fx9\" is not one this fixity knows (it knows \"fx1\")".into())));
        assert_eq!(Lock::parse("{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {}}"), Err(LockError::Unsupported("lockfileVersion 2 is not one this fixity reads (it reads 1)".into())));
        let text = "{\"lockfileVersion\": 1, \"profile\": \"fx1\", \"resources\": {\n  \"k8s:core/Pod:/a\": {\"digest\": 5}}}";
        assert_eq!(Lock::parse(text), Err(LockError::Invalid { line: 2, column: 3, message: "lock entry `k8s:core/Pod:/a`: `leaves` must be an object".into() }));
    }
}
