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

use super::resource::Resource;
use super::{LOCKFILE_VERSION, PROFILE};
use crate::jcs;
use crate::model::{SourceError, Span};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub api_version: Option<String>,
    pub source: String,
    pub digest: String,
    /// Pointer → record (short digest, `hmac:…`, `redacted` or `unknown`); see [`Entry::leaves`].
    leaves: OnceCell<BTreeMap<String, String>>,
    /// The `leaves` object as written in a lock file, read only when the digest differs: most resources
    /// match, and a large lock holds millions of leaves.
    written_leaves: Option<Box<str>>,
    /// Where the entry's identity is written in the lock file (the start, for a lock built here).
    pub span: Span,
}

impl Entry {
    /// Pointer → record. A `leaves` object that is not one of strings reads as empty, so every leaf then
    /// counts as added.
    pub fn leaves(&self) -> &BTreeMap<String, String> {
        self.leaves.get_or_init(|| self.written_leaves.as_deref().and_then(|text| serde_json::from_str(text).ok()).unwrap_or_default())
    }
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
    Invalid(SourceError),
    /// A version or profile this fixity does not know: nothing in it can be verified.
    Unsupported(String),
}

/// The lock entry of a resource (which it consumes: its pointers become the entry's keys).
pub fn entry(resource: Resource, key: Option<&[u8]>) -> Entry {
    let (digest, records) = resource.digest_and_records(key);
    let leaves = OnceCell::from(resource.items.into_iter().map(|i| i.leaf.pointer).zip(records).collect::<BTreeMap<_, _>>());
    Entry { digest, leaves, written_leaves: None, api_version: resource.api_version, source: resource.source, span: Span::default() }
}

/// What is read first: the version and profile decide whether the rest can be understood at all.
#[derive(Deserialize)]
struct Header {
    #[serde(rename = "lockfileVersion")]
    version: Option<Value>,
    profile: Option<Value>,
}

#[derive(Deserialize)]
struct Document {
    #[serde(rename = "hmacKeyId")]
    hmac_key_id: Option<String>,
    resources: BTreeMap<String, Block>,
}

#[derive(Deserialize)]
struct Block {
    #[serde(rename = "apiVersion")]
    api_version: Option<String>,
    source: String,
    digest: String,
    leaves: Box<RawValue>,
}

fn invalid(text: &str, e: &serde_json::Error) -> LockError {
    let mut error = SourceError::json(text, e);
    if e.classify() == serde_json::error::Category::Data {
        error.message = error.message.replacen("invalid JSON", "not a fixity lock", 1);
    }
    LockError::Invalid(error)
}

/// One resource's block of the lock file (what follows its identity), written as soon as the resource is
/// read: a lock keeps many thousands of leaves, and text is far smaller to hold than maps of strings.
pub fn render_entry(e: &Entry) -> String {
    let leaves = e.leaves();
    let mut out = String::with_capacity(160 + leaves.len() * 96);
    out.push_str("{\n");
    if let Some(v) = &e.api_version {
        out.push_str("      \"apiVersion\": ");
        jcs::string(v, &mut out);
        out.push_str(",\n");
    }
    out.push_str("      \"digest\": ");
    jcs::string(&e.digest, &mut out);
    out.push_str(",\n      \"leaves\": {");
    let mut sorted: Vec<(&String, &String)> = leaves.iter().collect();
    jcs::sort_utf16(&mut sorted, |(p, _)| p.as_str());
    for (j, (pointer, record)) in sorted.iter().enumerate() {
        out.push_str(if j == 0 { "\n        " } else { ",\n        " });
        jcs::string(pointer, &mut out);
        out.push_str(": ");
        jcs::string(record, &mut out);
    }
    out.push_str(if leaves.is_empty() { "},\n" } else { "\n      },\n" });
    out.push_str("      \"source\": ");
    jcs::string(&e.source, &mut out);
    out.push_str("\n    }");
    out
}

/// The lock file's text from each identity's rendered block: pretty canonical JSON, keys in canonical
/// order.
pub fn render(hmac_key_id: Option<&str>, blocks: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(blocks.iter().map(|(id, b)| id.len() + b.len() + 16).sum::<usize>() + 128);
    out.push_str("{\n");
    if let Some(id) = hmac_key_id {
        out.push_str("  \"hmacKeyId\": ");
        jcs::string(id, &mut out);
        out.push_str(",\n");
    }
    out.push_str(&format!("  \"lockfileVersion\": {LOCKFILE_VERSION},\n  \"profile\": \"{PROFILE}\",\n  \"resources\": {{"));
    let mut identities: Vec<(&String, &String)> = blocks.iter().collect();
    jcs::sort_utf16(&mut identities, |(id, _)| id.as_str());
    for (i, (identity, block)) in identities.into_iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        jcs::string(identity, &mut out);
        out.push_str(": ");
        out.push_str(block);
    }
    out.push_str(if blocks.is_empty() { "}\n}\n" } else { "\n  }\n}\n" });
    out
}

impl Lock {
    pub fn parse(text: &str) -> Result<Lock, LockError> {
        let header: Header = serde_json::from_str(text).map_err(|e| invalid(text, &e))?;
        let missing = |what: &str| LockError::Invalid(SourceError { span: Span::default(), message: format!("not a fixity lock: `{what}` is missing") });
        match header.version {
            Some(v) if v.as_u64() == Some(LOCKFILE_VERSION) => {}
            Some(v) => return Err(LockError::Unsupported(format!("lockfileVersion {v} is not one this fixity reads (it reads {LOCKFILE_VERSION})"))),
            None => return Err(missing("lockfileVersion")),
        }
        match header.profile {
            Some(Value::String(p)) if p == PROFILE => {}
            Some(p) => return Err(LockError::Unsupported(format!("hashing profile {p} is not one this fixity knows (it knows \"{PROFILE}\")"))),
            None => return Err(missing("profile")),
        }
        let document: Document = serde_json::from_str(text).map_err(|e| invalid(text, &e))?;
        let positions = identity_positions(text);
        let mut entries = BTreeMap::new();
        for (identity, block) in document.resources {
            let span = positions.get(&identity).copied().unwrap_or_default();
            let invalid = |message: String| LockError::Invalid(SourceError { span, message });
            if !block.digest.starts_with("fx1:sha256:") {
                return Err(invalid(format!("lock entry `{identity}`: `digest` must be `fx1:sha256:<hex>`")));
            }
            if !block.leaves.get().starts_with('{') {
                return Err(invalid(format!("lock entry `{identity}`: `leaves` must be an object")));
            }
            let written_leaves = Some(Box::<str>::from(block.leaves.get()));
            let entry = Entry { api_version: block.api_version, source: block.source, digest: block.digest, leaves: OnceCell::new(), written_leaves, span };
            entries.insert(identity, entry);
        }
        Ok(Lock { hmac_key_id: document.hmac_key_id, entries })
    }
}

/// Where each key of the objects two levels deep (the identities under `resources`) is written, found
/// in one pass over the bytes (JSON's structure is ASCII; a lock can be a hundred megabytes).
fn identity_positions(text: &str) -> HashMap<String, Span> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(bytes.len());
                let is_key = text.get(end..).is_some_and(|rest| rest.trim_start().starts_with(':'));
                if depth == 2 && is_key {
                    if let Ok(key) = serde_json::from_str::<String>(&text[start..end]) {
                        out.entry(key).or_insert(Span::new(start, end));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_precise() {
        assert_eq!(
            Lock::parse("{\n  \"lockfileVersion\": 1,\n  \"profile\": \"fx1\"\n  \"resources\": {}\n}\n"),
            Err(LockError::Invalid(SourceError { span: Span::at(47), message: "invalid JSON: expected `,` or `}`".into() }))
        );
        assert_eq!(
            Lock::parse("{\"lockfileVersion\": 1, \"profile\": \"fx9\", \"resources\": {}}"),
            Err(LockError::Unsupported("hashing profile \"fx9\" is not one this fixity knows (it knows \"fx1\")".into()))
        );
        assert_eq!(Lock::parse("{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {}}"), Err(LockError::Unsupported("lockfileVersion 2 is not one this fixity reads (it reads 1)".into())));
        let text = "{\"lockfileVersion\": 1, \"profile\": \"fx1\", \"resources\": {\n  \"k8s:core/Pod:/a\": {\"digest\": 5}}}";
        assert_eq!(Lock::parse(text), Err(LockError::Invalid(SourceError { span: Span::at(88), message: "not a fixity lock: invalid type: integer `5`, expected a string".into() })));
        let text = "{\"lockfileVersion\": 1, \"profile\": \"fx1\", \"resources\": {\n  \"k8s:core/Pod:/a\": {\"digest\": \"x\", \"source\": \"a\", \"leaves\": {}}}}";
        assert_eq!(Lock::parse(text), Err(LockError::Invalid(SourceError { span: Span::new(58, 75), message: "lock entry `k8s:core/Pod:/a`: `digest` must be `fx1:sha256:<hex>`".into() })));
    }
}
