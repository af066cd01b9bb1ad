//! One resource's leaves against a lock entry's: which pointers changed, were added or removed, and which
//! cannot be verified (secrets without the key they were hashed with, redacted ones).

use super::lockfile::{Entry, Lock};
use super::resource::{record_as, Class, Item, Resource, HMAC_PREFIX, REDACTED, UNKNOWN};
use std::collections::HashSet;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Secrets that this run cannot hash as the lock did.
    pub unverifiable: Vec<String>,
    /// Values not known on one side: computed by a plan (`unknown`), so nothing was hashed to compare.
    pub unknown: Vec<String>,
}

impl Comparison {
    pub fn differs(&self) -> bool {
        !(self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty())
    }

    /// Whether some leaf could not be compared.
    pub fn incomplete(&self) -> bool {
        !(self.unverifiable.is_empty() && self.unknown.is_empty())
    }

    /// What could not be compared and why, for a message: `secret `/a` was locked redacted (…); `/b` …`.
    pub fn why_incomplete(&self, lock: &Lock, have_key: bool) -> String {
        let mut parts = Vec::new();
        if !self.unverifiable.is_empty() {
            parts.push(format!("secret {} {}", list(&self.unverifiable), unverifiable_why(lock, have_key)));
        }
        if !self.unknown.is_empty() {
            parts.push(format!("{} unknown until applied, so not compared (lock again once the plan knows it)", list(&self.unknown)));
        }
        parts.join("; ")
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
    let leaves = entry.leaves();
    for item in &resource.items {
        match leaves.get(&item.leaf.pointer) {
            Some(locked) => leaf(item, item.class, locked, keys, &mut out),
            None => out.added.push(item.leaf.pointer.clone()),
        }
    }
    if out.added.len() + leaves.len() > resource.items.len() {
        let declared: HashSet<&str> = resource.items.iter().map(|i| i.leaf.pointer.as_str()).collect();
        out.removed.extend(leaves.keys().filter(|p| !declared.contains(p.as_str())).cloned());
    }
    out
}

/// Compares one present leaf with its lock record, hashing its value as `hash_as` says: as the leaf is
/// now when verifying a lock (a secret the lock holds as a plain hash must be locked again), as the lock
/// recorded it against live state (an export may not mark what the declaration did).
pub fn leaf(item: &Item, hash_as: Class, locked: &str, keys: Keys, out: &mut Comparison) {
    let pointer = || item.leaf.pointer.clone();
    let (unknown_then, unknown_now) = (locked == UNKNOWN, item.class == Class::Unknown);
    if unknown_then || unknown_now {
        if unknown_then != unknown_now {
            out.unknown.push(pointer());
        }
    } else if locked == REDACTED || (locked.starts_with(HMAC_PREFIX) && !keys.matches_lock) || (hash_as == Class::Secret && keys.key.is_none()) {
        out.unverifiable.push(pointer());
    } else if record_as(hash_as, &item.leaf.value, keys.key) != locked {
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

/// Why secret leaves cannot be verified.
fn unverifiable_why(lock: &Lock, have_key: bool) -> &'static str {
    match (lock.hmac_key_id.is_some(), have_key) {
        (false, _) => "was locked redacted (lock with FIXITY_HMAC_KEY set to verify secrets)",
        (true, false) => "was locked with an HMAC key; set FIXITY_HMAC_KEY to verify it",
        (true, true) => "was locked with a different HMAC key than FIXITY_HMAC_KEY",
    }
}

#[cfg(test)]
mod tests {
    use super::list;

    #[test]
    fn lists_show_five_pointers_then_a_count() {
        let pointers = |n: usize| (1..=n).map(|i| format!("/{i}")).collect::<Vec<_>>();
        assert_eq!(list(&pointers(1)), "`/1`");
        assert_eq!(list(&pointers(5)), "`/1`, `/2`, `/3`, `/4`, `/5`");
        assert_eq!(list(&pointers(6)), "`/1`, `/2`, `/3`, `/4`, `/5`, 1 more");
        assert_eq!(list(&pointers(8)), "`/1`, `/2`, `/3`, `/4`, `/5`, 3 more");
    }
}
