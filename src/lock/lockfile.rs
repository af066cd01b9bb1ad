//! `fixity.lock.json`: built from resources, written as pretty canonical JSON (keys in RFC 8785 order, one
//! resource per block, the same bytes for the same inputs), and read back with precise errors.
//!
//! Resources are keyed by the file that declares them, then by identity: a repository that keeps the
//! same application in several places (a base and its rendered overlays, per-environment folders) locks
//! each copy where it is written.
//!
//! ```json
//! {
//!   "hmacKeyId": "…",            // only when secret leaves were keyed
//!   "lockfileVersion": 2,
//!   "profile": "fx1",
//!   "resources": {
//!     "deploy/web.yaml": {
//!       "k8s:apps/Deployment:shop/web": {
//!         "apiVersion": "apps/v1",
//!         "digest": "fx1:sha256:…",
//!         "leaves": {"/spec/replicas": "…", …}
//!       }
//!     }
//!   }
//! }
//! ```

use super::resource::{Resource, HMAC_PREFIX, REDACTED, UNKNOWN};
use super::{LOCKFILE_VERSION, PROFILE};
use crate::jcs;
use crate::model::{SourceError, Span};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub api_version: Option<String>,
    pub source: String,
    pub digest: String,
    /// Pointer → record (short digest, `hmac:…`, `redacted` or `unknown`); see [`Entry::leaves`].
    leaves: OnceCell<BTreeMap<String, String>>,
    /// The `leaves` object as written in a lock file, read only when the digest differs: most resources
    /// match, and a large lock holds millions of leaves.
    written_leaves: Option<Written>,
    /// How many leaves `leaves` holds, known without reading them.
    leaf_count: usize,
    /// Where the entry's identity is written in the lock file (the start, for a lock built here).
    pub span: Span,
}

impl Entry {
    /// Pointer → record. A `leaves` object that is not one of strings reads as empty, so every leaf then
    /// counts as added.
    pub fn leaves(&self) -> &BTreeMap<String, String> {
        self.leaves.get_or_init(|| self.written_leaves.as_ref().and_then(|written| serde_json::from_str(written.get()).ok()).unwrap_or_default())
    }

    pub fn leaf_count(&self) -> usize {
        self.leaf_count
    }
}

/// Part of a lock file's text, which every entry read from it shares: a copy of each entry's leaves would
/// double the memory a large lock takes (the benchmark's is 112 MB).
#[derive(Clone)]
struct Written {
    text: Arc<String>,
    range: Range<usize>,
}

impl Written {
    fn get(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

impl PartialEq for Written {
    fn eq(&self, other: &Written) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Written {}

impl std::fmt::Debug for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// Names the HMAC key that secret leaves were hashed with, if any were.
    pub hmac_key_id: Option<String>,
    /// By source file and identity.
    pub entries: BTreeMap<(String, String), Entry>,
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
    let leaves: BTreeMap<String, String> = resource.items.into_iter().map(|i| i.leaf.pointer).zip(records).collect();
    let leaf_count = leaves.len();
    Entry { digest, leaves: OnceCell::from(leaves), written_leaves: None, leaf_count, api_version: resource.api_version, source: resource.source, span: Span::default() }
}

/// What is read first: the version and profile decide whether the rest can be understood at all.
#[derive(Deserialize)]
struct Header {
    #[serde(rename = "lockfileVersion")]
    version: Option<Value>,
    profile: Option<Value>,
}

/// The rest, with digests and records as written (borrowed from the text, so each can be validated and
/// an invalid one found at its place).
#[derive(Deserialize)]
struct Document<'a> {
    #[serde(rename = "hmacKeyId", borrow)]
    hmac_key_id: Option<&'a RawValue>,
    #[serde(borrow)]
    resources: BTreeMap<String, BTreeMap<String, Block<'a>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block<'a> {
    #[serde(rename = "apiVersion")]
    api_version: Option<String>,
    #[serde(borrow)]
    digest: &'a RawValue,
    #[serde(borrow)]
    leaves: &'a RawValue,
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
        out.push_str("        \"apiVersion\": ");
        jcs::string(v, &mut out);
        out.push_str(",\n");
    }
    out.push_str("        \"digest\": ");
    jcs::string(&e.digest, &mut out);
    out.push_str(",\n        \"leaves\": {");
    let mut sorted: Vec<(&String, &String)> = leaves.iter().collect();
    jcs::sort_utf16(&mut sorted, |(p, _)| p.as_str());
    for (j, (pointer, record)) in sorted.iter().enumerate() {
        out.push_str(if j == 0 { "\n          " } else { ",\n          " });
        jcs::string(pointer, &mut out);
        out.push_str(": ");
        jcs::string(record, &mut out);
    }
    out.push_str(if leaves.is_empty() { "}\n      }" } else { "\n        }\n      }" });
    // Kept until the lock is written: the room reserved above is a guess (about a third too much).
    out.shrink_to_fit();
    out
}

/// About how much of a lock [`write`] gathers before handing it on.
const PIECE_BYTES: usize = 64 * 1024;

/// Writes the lock file from each resource's rendered block, by source file and identity, to `emit` in
/// pieces of about [`PIECE_BYTES`] (a large repository's lock is never whole in memory): pretty canonical
/// JSON, keys in canonical order.
pub fn write(hmac_key_id: Option<&str>, blocks: &BTreeMap<(String, String), String>, emit: &mut dyn FnMut(&str)) {
    let mut out = String::with_capacity(PIECE_BYTES * 2);
    out.push_str("{\n");
    if let Some(id) = hmac_key_id {
        out.push_str("  \"hmacKeyId\": ");
        jcs::string(id, &mut out);
        out.push_str(",\n");
    }
    out.push_str(&format!("  \"lockfileVersion\": {LOCKFILE_VERSION},\n  \"profile\": \"{PROFILE}\",\n  \"resources\": {{"));
    let mut by_source: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for ((source, identity), block) in blocks {
        by_source.entry(source).or_default().push((identity, block));
    }
    let mut sources: Vec<(&str, Vec<(&str, &str)>)> = by_source.into_iter().collect();
    jcs::sort_utf16(&mut sources, |(source, _)| source);
    for (i, (source, mut resources)) in sources.into_iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        jcs::string(source, &mut out);
        out.push_str(": {");
        jcs::sort_utf16(&mut resources, |(identity, _)| identity);
        for (j, (identity, block)) in resources.into_iter().enumerate() {
            out.push_str(if j == 0 { "\n      " } else { ",\n      " });
            jcs::string(identity, &mut out);
            out.push_str(": ");
            out.push_str(block);
            if out.len() >= PIECE_BYTES {
                emit(&out);
                out.clear();
            }
        }
        out.push_str("\n    }");
    }
    out.push_str(if blocks.is_empty() { "}\n}\n" } else { "\n  }\n}\n" });
    emit(&out);
}

impl Lock {
    /// Reads a lock file's `text`, which the lock then keeps (its entries' leaves are read from it when
    /// needed).
    pub fn parse(shared: Arc<String>) -> Result<Lock, LockError> {
        let text = shared.as_str();
        let header: Header = serde_json::from_str(text).map_err(|e| invalid(text, &e))?;
        let missing = |what: &str| LockError::Invalid(SourceError { span: Span::default(), message: format!("not a fixity lock: `{what}` is missing") });
        match header.version {
            Some(v) if v.as_u64() == Some(LOCKFILE_VERSION) => {}
            Some(v) if v.as_u64() == Some(1) => {
                return Err(LockError::Unsupported(format!("lockfileVersion 1 keys resources by identity alone; this fixity reads {LOCKFILE_VERSION}, keyed by source file too: run `fixity lock` to rewrite it")));
            }
            Some(v) => return Err(LockError::Unsupported(format!("lockfileVersion {v} is not one this fixity reads (it reads {LOCKFILE_VERSION})"))),
            None => return Err(missing("lockfileVersion")),
        }
        match header.profile {
            Some(Value::String(p)) if p == PROFILE => {}
            Some(p) => return Err(LockError::Unsupported(format!("hashing profile {p} is not one this fixity knows (it knows \"{PROFILE}\")"))),
            None => return Err(missing("profile")),
        }
        let document: Document = serde_json::from_str(text).map_err(|e| invalid(text, &e))?;
        // A value as written, at its place in `text`, or the error saying what it should be.
        let written = |raw: &RawValue, valid: &dyn Fn(&str) -> bool, what: &str| -> Result<String, LockError> {
            let inner = raw.get().strip_prefix('"').and_then(|r| r.strip_suffix('"')).filter(|v| !v.contains(['"', '\\']) && valid(v));
            inner.map(str::to_string).ok_or_else(|| at(text, raw, what.to_string()))
        };
        let hmac_key_id = document.hmac_key_id.map(|raw| written(raw, &|v| is_hex(v, 16), "not a fixity lock: `hmacKeyId` must be 16 lowercase hex digits")).transpose()?;
        let positions = identity_positions(text);
        let mut entries = BTreeMap::new();
        for (source, resources) in document.resources {
            for (identity, block) in resources {
                let span = positions.get(&(source.clone(), identity.clone())).copied().unwrap_or_default();
                let not_an_object = |message: String| LockError::Invalid(SourceError { span, message });
                let digest = written(block.digest, &|v| v.strip_prefix(DIGEST_PREFIX).is_some_and(|h| is_hex(h, 64)), &format!("lock entry `{identity}`: `digest` must be `{DIGEST_PREFIX}` and 64 lowercase hex digits"))?;
                if !block.leaves.get().starts_with('{') {
                    return Err(not_an_object(format!("lock entry `{identity}`: `leaves` must be an object")));
                }
                let rules = RecordRules { identity: &identity, unknown_allowed: identity.starts_with("tf:") || identity.starts_with(super::pulumi::PREFIX), keyed_allowed: hmac_key_id.is_some() };
                let leaf_count = match rules.deserialize(&mut serde_json::Deserializer::from_str(block.leaves.get())) {
                    Ok(Ok(count)) => count,
                    Ok(Err((raw, message))) => return Err(at(text, raw, message)),
                    Err(e) => return Err(at(text, block.leaves, format!("lock entry `{identity}`: `leaves` {}", SourceError::json(block.leaves.get(), &e).message))),
                };
                let start = (block.leaves.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
                let written_leaves = Some(Written { text: Arc::clone(&shared), range: start..start + block.leaves.get().len() });
                let entry = Entry { api_version: block.api_version, source: source.clone(), digest, leaves: OnceCell::new(), written_leaves, leaf_count, span };
                entries.insert((source.clone(), identity), entry);
            }
        }
        Ok(Lock { hmac_key_id, entries })
    }
}

const DIGEST_PREFIX: &str = "fx1:sha256:";

/// Whether `text` is exactly `len` lowercase hex digits, as fixity writes them.
fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// An invalid lock, at the place in `text` where `raw` (borrowed from it) is written.
fn at(text: &str, raw: &RawValue, message: String) -> LockError {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    LockError::Invalid(SourceError { span: Span::at(offset), message })
}

/// What one entry's leaf records may be; checks each as it is read, keeping none (a large lock holds
/// millions), and counts them.
struct RecordRules<'i> {
    identity: &'i str,
    /// `unknown` (not known until applied) only comes from Terraform plans and Pulumi previews.
    unknown_allowed: bool,
    /// `hmac:` records need the lock's `hmacKeyId`.
    keyed_allowed: bool,
}

impl RecordRules<'_> {
    fn check(&self, pointer: &str, record: &str) -> Result<(), String> {
        let record = record.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or("");
        let valid = match record {
            UNKNOWN => self.unknown_allowed,
            REDACTED => true,
            _ => match record.strip_prefix(HMAC_PREFIX) {
                Some(hex) => self.keyed_allowed && is_hex(hex, 16),
                None => is_hex(record, 16),
            },
        };
        if valid && pointer.starts_with('/') {
            return Ok(());
        }
        let expected = match (self.unknown_allowed, self.keyed_allowed) {
            (_, false) if record.starts_with(HMAC_PREFIX) => "`hmac:` records need the lock's `hmacKeyId`",
            (false, _) if record == UNKNOWN => "`unknown` is only recorded for Terraform and Pulumi values",
            _ if !pointer.starts_with('/') => "a leaf is named by a JSON Pointer (starting with `/`)",
            _ => "a record is 16 lowercase hex digits, `hmac:` and 16, `redacted` or `unknown`",
        };
        Err(format!("lock entry `{}`: leaf `{pointer}` is not valid: {expected}", self.identity))
    }
}

impl<'de, 'i> DeserializeSeed<'de> for RecordRules<'i> {
    /// The number of leaves, or the first invalid record and why.
    type Value = Result<usize, (&'de RawValue, String)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, 'i> Visitor<'de> for RecordRules<'i> {
    type Value = Result<usize, (&'de RawValue, String)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of leaf records")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Read to the end even past an invalid record: the deserializer insists on it.
        let mut counted = Ok(0);
        while let Some((pointer, record)) = map.next_entry::<String, &'de RawValue>()? {
            if let Ok(count) = counted.as_mut() {
                match self.check(&pointer, record.get()) {
                    Ok(()) => *count += 1,
                    Err(message) => counted = Err((record, message)),
                }
            }
        }
        Ok(counted)
    }
}

/// Where each identity is written, by its source: the keys three levels deep under the keys two levels
/// deep (`resources` → source → identity), found in one pass over the bytes (JSON's structure is ASCII; a
/// lock can be a hundred megabytes).
fn identity_positions(text: &str) -> HashMap<(String, String), Span> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut depth = 0usize;
    let mut source = String::new();
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
                if is_key && (depth == 2 || depth == 3) {
                    if let Ok(key) = serde_json::from_str::<String>(&text[start..end]) {
                        if depth == 2 {
                            source = key;
                        } else {
                            out.entry((source.clone(), key)).or_insert(Span::new(start, end));
                        }
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

    fn parse(text: &str) -> Result<Lock, LockError> {
        Lock::parse(Arc::new(text.to_string()))
    }

    #[test]
    fn errors_are_precise() {
        assert_eq!(
            parse("{\n  \"lockfileVersion\": 2,\n  \"profile\": \"fx1\"\n  \"resources\": {}\n}\n"),
            Err(LockError::Invalid(SourceError { span: Span::at(47), message: "invalid JSON: expected `,` or `}`".into() }))
        );
        assert_eq!(
            parse("{\"lockfileVersion\": 2, \"profile\": \"fx9\", \"resources\": {}}"),
            Err(LockError::Unsupported("hashing profile \"fx9\" is not one this fixity knows (it knows \"fx1\")".into()))
        );
        assert_eq!(parse("{\"lockfileVersion\": 3, \"profile\": \"fx1\", \"resources\": {}}"), Err(LockError::Unsupported("lockfileVersion 3 is not one this fixity reads (it reads 2)".into())));
        assert!(matches!(parse("{\"lockfileVersion\": 1, \"profile\": \"fx1\", \"resources\": {}}"), Err(LockError::Unsupported(why)) if why.contains("run `fixity lock` to rewrite it")));
        let entry = |block: &str| format!("{{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {{\"a\": {{\n  \"k8s:core/Pod:/a\": {{{block}}}}}}}}}");
        let digest = format!("\"digest\": \"fx1:sha256:{}\"", "0".repeat(64));
        // Where each error is, as people read it.
        let error_at = |text: &str| match parse(text) {
            Err(LockError::Invalid(e)) => {
                let place = crate::model::LineIndex::new(text).place(e.span);
                (place.line, place.column, e.message)
            }
            other => panic!("{other:?}"),
        };
        let bad_digest = "lock entry `k8s:core/Pod:/a`: `digest` must be `fx1:sha256:` and 64 lowercase hex digits";
        assert_eq!(error_at(&entry("\"digest\": 5, \"leaves\": {}")), (2, 33, bad_digest.to_string()));
        for hex in ["", "abc", &"A".repeat(64), &"g".repeat(64), &"0".repeat(65)] {
            assert_eq!(error_at(&entry(&format!("\"digest\": \"fx1:sha256:{hex}\", \"leaves\": {{}}"))), (2, 33, bad_digest.to_string()), "{hex}");
        }
        assert_eq!(error_at(&entry(&format!("{digest}, \"leaves\": []"))), (2, 3, "lock entry `k8s:core/Pod:/a`: `leaves` must be an object".to_string()));
        let bad_record = "lock entry `k8s:core/Pod:/a`: leaf `/kind` is not valid: a record is 16 lowercase hex digits, `hmac:` and 16, `redacted` or `unknown`";
        for record in ["\"\"", "\"0123456789ABCDEF\"", "\"0123456789abcde\"", "7", "\"\\u0030123456789abcde\""] {
            assert_eq!(error_at(&entry(&format!("{digest}, \"leaves\": {{\"/kind\": {record}}}"))), (2, 132, bad_record.to_string()), "{record}");
        }
        assert_eq!(error_at(&entry(&format!("{digest}, \"leaves\": {{\"/kind\": \"unknown\"}}"))), (2, 132, "lock entry `k8s:core/Pod:/a`: leaf `/kind` is not valid: `unknown` is only recorded for Terraform and Pulumi values".to_string()));
        assert_eq!(error_at(&entry(&format!("{digest}, \"leaves\": {{\"/kind\": \"hmac:0123456789abcdef\"}}"))), (2, 132, "lock entry `k8s:core/Pod:/a`: leaf `/kind` is not valid: `hmac:` records need the lock's `hmacKeyId`".to_string()));
        let lock = parse(&entry(&format!("{digest}, \"leaves\": {{\"/kind\": \"0123456789abcdef\", \"/x\": \"redacted\"}}"))).unwrap();
        assert_eq!(lock.entries[&("a".to_string(), "k8s:core/Pod:/a".to_string())].leaf_count(), 2);
    }

    /// Each entry's span is where its identity is written, whatever the identity says: one spelled like
    /// a key of an entry's block (`digest`) is not found inside the entry before it.
    #[test]
    fn entries_are_found_where_their_identity_is_written() {
        let block = format!("{{\"digest\": \"fx1:sha256:{}\", \"leaves\": {{}}}}", "0".repeat(64));
        let text = format!("{{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {{\"a\": {{\"k8s:core/Pod:/a\": {block}, \"digest\": {block}}}}}}}");
        let lock = parse(&text).unwrap();
        let at = |identity: &str| lock.entries[&("a".to_string(), identity.to_string())].span;
        let written = |key: &str| {
            let start = text.find(&format!("\"{key}\": {{")).unwrap();
            Span::new(start, start + key.len() + 2)
        };
        assert_eq!((at("k8s:core/Pod:/a"), at("digest")), (written("k8s:core/Pod:/a"), written("digest")));
    }

    /// Entries read from a lock compare and print by their leaves as written, without reading them.
    #[test]
    fn written_leaves_compare_and_print_as_written() {
        let lock = |record: &str| {
            let text = format!("{{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {{\"a\": {{\"k8s:core/Pod:/a\": {{\"digest\": \"fx1:sha256:{}\", \"leaves\": {{\"/x\": \"{record}\"}}}}}}}}}}", "0".repeat(64));
            parse(&text).unwrap()
        };
        assert_eq!(lock("0123456789abcdef"), lock("0123456789abcdef"));
        assert_ne!(lock("0123456789abcdef"), lock("fedcba9876543210"));
        assert!(format!("{:?}", lock("0123456789abcdef")).contains(r#"written_leaves: Some("{\"/x\": \"0123456789abcdef\"}")"#));
    }

    #[test]
    fn keys_and_pointers_are_checked() {
        let lock = |key_id: &str, pointer: &str| {
            format!("{{\"hmacKeyId\": {key_id}, \"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {{\"a\": {{\"k8s:core/Pod:/a\": {{\"digest\": \"fx1:sha256:{}\", \"leaves\": {{\"{pointer}\": \"hmac:0123456789abcdef\"}}}}}}}}}}", "0".repeat(64))
        };
        let id = "\"0123456789abcdef\"";
        assert_eq!(parse(&lock(id, "/x")).map(|l| l.hmac_key_id), Ok(Some("0123456789abcdef".into())));
        let bad_id = "not a fixity lock: `hmacKeyId` must be 16 lowercase hex digits";
        for key_id in ["\"0123456789ABCDEF\"", "\"0123456789abcde\"", "16"] {
            assert_eq!(parse(&lock(key_id, "/x")), Err(LockError::Invalid(SourceError { span: Span::at(14), message: bad_id.into() })), "{key_id}");
        }
        let not_a_pointer = "lock entry `k8s:core/Pod:/a`: leaf `x` is not valid: a leaf is named by a JSON Pointer (starting with `/`)";
        assert!(matches!(parse(&lock(id, "x")), Err(LockError::Invalid(e)) if e.message == not_a_pointer));
    }

    #[test]
    fn locks_are_written_in_pieces() {
        let block = |i: usize| format!("{{\"digest\": \"{i:0>1000}\"}}");
        let blocks = |n: usize| (0..n).map(|i| (("a.yaml".to_string(), format!("k8s:core/ConfigMap:x/{i:03}")), block(i))).collect::<BTreeMap<_, _>>();
        let pieces = |n: usize, key_id: Option<&str>| {
            let mut pieces = Vec::new();
            write(key_id, &blocks(n), &mut |piece| pieces.push(piece.to_string()));
            pieces
        };
        assert_eq!(pieces(0, None), ["{\n  \"lockfileVersion\": 2,\n  \"profile\": \"fx1\",\n  \"resources\": {}\n}\n"]);
        assert_eq!(
            pieces(2, Some("0123456789abcdef")).concat(),
            format!("{{\n  \"hmacKeyId\": \"0123456789abcdef\",\n  \"lockfileVersion\": 2,\n  \"profile\": \"fx1\",\n  \"resources\": {{\n    \"a.yaml\": {{\n      \"k8s:core/ConfigMap:x/000\": {},\n      \"k8s:core/ConfigMap:x/001\": {}\n    }}\n  }}\n}}\n", block(0), block(1))
        );
        // About 200 KB: three pieces of at least 64 KiB, each as soon as it is reached, and the rest.
        let large = pieces(200, None);
        let sizes: Vec<usize> = large.iter().map(String::len).collect();
        assert_eq!(sizes.len(), 4, "{sizes:?}");
        assert!(sizes[..3].iter().all(|&n| (PIECE_BYTES..PIECE_BYTES + 1100).contains(&n)), "{sizes:?}");
        let whole = large.concat();
        assert!(serde_json::from_str::<Value>(&whole).is_ok() && whole.ends_with("}\n  }\n}\n"));
    }
}
