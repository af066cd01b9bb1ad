//! One resource's leaves against a lock entry's: which pointers changed, were added or removed, and which
//! cannot be verified (secrets without the key they were hashed with, redacted ones).

use super::lockfile::Entry;
use super::resource::{record, Class, Item, Resource, REDACTED, UNKNOWN};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub unverifiable: Vec<String>,
}

impl Comparison {
    pub fn differs(&self) -> bool {
        !(self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty())
    }
}

/// What the caller's key can verify: secrets hashed with that same key.
#[derive(Clone, Copy)]
pub struct Keys<'k> {
    pub key: Option<&'k [u8]>,
    /// Whether the key is the one the lock's `hmacKeyId` names.
    pub matches_lock: bool,
}

pub fn compare(resource: &Resource, entry: &Entry, keys: Keys) -> Comparison {
    let mut out = Comparison::default();
    let mut found = 0;
    for item in &resource.items {
        match entry.leaves().get(&item.leaf.pointer) {
            Some(locked) => {
                found += 1;
                leaf(item, locked, keys, &mut out);
            }
            None => out.added.push(item.leaf.pointer.clone()),
        }
    }
    if found < entry.leaves().len() {
        for pointer in entry.leaves().keys() {
            if !resource.items.iter().any(|i| &i.leaf.pointer == pointer) {
                out.removed.push(pointer.clone());
            }
        }
    }
    out
}

/// Compares one present leaf with its lock record.
pub fn leaf(item: &Item, locked: &str, keys: Keys, out: &mut Comparison) {
    if locked == UNKNOWN || item.class == Class::Unknown {
        return;
    }
    let pointer = || item.leaf.pointer.clone();
    let keyed = locked.starts_with("hmac:");
    if locked == REDACTED || (keyed && !keys.matches_lock) || (item.class == Class::Secret && keys.key.is_none()) {
        out.unverifiable.push(pointer());
    } else if record(item, keys.key) != locked {
        out.changed.push(pointer());
    }
}

/// Pointers as a message lists them: `a`, `b` and 3 more.
pub fn list(pointers: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut out: Vec<String> = pointers.iter().take(SHOWN).map(|p| format!("`{p}`")).collect();
    if pointers.len() > SHOWN {
        out.push(format!("{} more", pointers.len() - SHOWN));
    }
    out.join(", ")
}
