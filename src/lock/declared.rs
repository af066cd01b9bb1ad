//! What a run declares: the resources of Kubernetes manifests, Terraform plans and Pulumi previews, read
//! file by file ([`Declared::read_document`], [`Declared::read_plan`]: pure, given the run's lock) into
//! [`Declaration`]s that the run gathers ([`Declared::add`]), kept only as far as the command needs them.
//! `fixity lock` keeps each resource's lock entry; `check` verifies each resource against the existing
//! lock as its file goes by (so the findings can point at the written leaf) and keeps only identities;
//! `drift` keeps values and leaf positions, to show what was declared.

use super::compare::{compare, list, Comparison, Keys};
use super::lockfile::{self, entry, render_entry, Lock, LockError};
use super::drift::Live;
use super::resource::{Class, Resource, HMAC_PREFIX};
use super::{kubernetes, pulumi, secret, terraform};
use crate::model::{Diagnostic, SourceError, Span};
use crate::sources::Resources;
use crate::yaml::Document;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The rules the lock's findings belong to (documented in `src/rules/`).
pub const LOCK_MISMATCH: &str = "lock-mismatch";
pub const PARSE_ERROR: &str = "parse-error";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `fixity lock`: build a new lock.
    Lock,
    /// `fixity check`: verify the existing lock.
    Verify,
    /// `fixity drift`: compare a live export with the lock.
    Drift,
}

/// A declared resource kept for `drift`, with where each leaf is written.
pub struct Kept {
    pub resource: Resource,
    pub positions: HashMap<String, Span>,
}

/// One resource as its file declares it, with what the command needs of it. `lock` and `check` send it
/// from a worker to the run (`drift` keeps whole resources, and runs in one instance).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Declaration {
    pub identity: String,
    pub source: String,
    pub span: Span,
    pub work: Work,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub enum Work {
    /// `lock`: the resource's block of the new lock, and whether a leaf was keyed-hashed.
    Block { text: String, keyed: bool },
    /// `check`: what verifying it against the lock found (taken by the file's analysis).
    Verified(Option<Diagnostic>),
    /// `drift`: the resource itself.
    #[serde(skip)]
    Kept(Kept),
}

pub struct Declared {
    mode: Mode,
    key: Option<Vec<u8>>,
    /// The existing lock and its path; `None` until given, or when it could not be read.
    lock: Option<(String, Lock)>,
    /// Whether a lock was given (it may not have been readable).
    lock_given: bool,
    /// `drift`: the live export, read before any declared file.
    live: Option<Live>,
    /// The namespace of objects that name none (the environment's, `--namespace`).
    namespace: Option<String>,
    /// The environment the lock is for, if any: verification findings name it.
    environment: Option<String>,
    /// (Source, identity) → the line it was first declared on.
    seen: HashMap<(String, String), u32>,
    /// `lock`: identity → its block of the new lock file, and whether any leaf was keyed-hashed.
    blocks: BTreeMap<(String, String), String>,
    keyed: bool,
    pub kept: Vec<Kept>,
    /// Files that could not be read completely: no lock may be built from them.
    failed: usize,
    /// Identities declared twice: no lock may be built either.
    duplicates: usize,
}

impl Declared {
    /// An error when the caller's key is too short to be safe.
    pub fn new(mode: Mode, key: Option<&[u8]>) -> Result<Declared, String> {
        key.map(secret::check_key).transpose()?;
        let key = key.map(<[u8]>::to_vec);
        Ok(Declared { mode, key, lock: None, lock_given: false, live: None, namespace: None, environment: None, seen: HashMap::new(), blocks: BTreeMap::new(), keyed: false, kept: Vec::new(), failed: 0, duplicates: 0 })
    }

    /// Objects that name no namespace are in `namespace`.
    pub fn set_namespace(&mut self, namespace: Option<&str>) {
        self.namespace = namespace.map(str::to_string);
    }

    /// The lock is the environment `name`'s.
    pub fn set_environment(&mut self, name: Option<&str>) {
        self.environment = name.map(str::to_string);
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn lock(&self) -> Option<(&str, &Lock)> {
        self.lock.as_ref().map(|(p, l)| (p.as_str(), l))
    }

    pub fn key(&self) -> Option<&[u8]> {
        self.key.as_deref()
    }

    /// What the caller's key can verify in the lock.
    pub fn keys(&self) -> Keys<'_> {
        let key = self.key.as_deref();
        let lock_id = self.lock.as_ref().and_then(|(_, l)| l.hmac_key_id.as_deref());
        Keys { key, matches_lock: key.is_some_and(|k| lock_id == Some(secret::key_id(k).as_str())) }
    }

    /// Reads the existing lock. A lock that cannot be read is a problem of its own; an unknown version or
    /// profile is unverifiable.
    pub fn use_lock(&mut self, path: &str, text: Arc<String>) -> Option<Diagnostic> {
        self.lock_given = true;
        match Lock::parse(text) {
            Ok(lock) => {
                self.lock = Some((path.to_string(), lock));
                None
            }
            Err(LockError::Invalid(e)) => Some(Diagnostic::new(PARSE_ERROR, path, e.span, "lock", path, e.message)),
            Err(LockError::Unsupported(why)) => {
                Some(Diagnostic::new(LOCK_MISMATCH, path, Span::default(), "lock:unsupported", path, format!("the lock cannot be verified: {why}")).unverifiable())
            }
        }
    }

    /// `drift`: reads the live export, before the declared files so that a bad one costs no work; an
    /// error (exit 2) when it cannot be read, or needs a lock and none was given.
    pub fn use_live(&mut self, path: &str, text: &str) -> Result<(), String> {
        let live = Live::read(path, text)?;
        if live.needs_lock() && !self.lock_given {
            return Err(format!("{path}: comparing a live export needs fixity.lock.json (run `fixity lock` first)"));
        }
        self.live = Some(live);
        Ok(())
    }

    pub fn live(&self) -> Option<&Live> {
        self.live.as_ref()
    }

    /// A file that could not be read completely: no lock will be built.
    pub fn failed(&mut self) {
        self.failed += 1;
    }

    /// The resources of one document of a Kubernetes manifest; an error when it cannot be read whole.
    pub fn read_document(&self, path: &str, doc: &Document) -> Result<Vec<Declaration>, SourceError> {
        let mut out = Vec::new();
        kubernetes::declared(path, doc, self.namespace.as_deref(), |resource, root| {
            let mut locator = kubernetes::Locator::new(doc, root);
            out.push(self.declaration(resource, &mut |pointer| locator.locate(pointer)));
        })?;
        Ok(out)
    }

    /// The resources of a Terraform plan or Pulumi preview (as `resources` says), or `None` when it is
    /// not one (its errors are the source's to report).
    pub fn read_plan(&self, resources: Resources, path: &str, text: &str) -> Option<Vec<Declaration>> {
        let plan = serde_json::from_str::<serde_json::Value>(text).ok()?;
        let found = match resources {
            Resources::PulumiPreview => pulumi::preview_resources(&plan, text, path)?,
            _ => terraform::format(&plan).is_ok().then(|| terraform::plan_resources(&plan, path))?,
        };
        // Leaves have no place of their own in the JSON: findings point at their resource.
        Some(found.into_iter().map(|r| {
            let span = r.span;
            self.declaration(r, &mut |_| span)
        }).collect())
    }

    fn declaration(&self, resource: Resource, locate: &mut dyn FnMut(&str) -> Span) -> Declaration {
        let (identity, source, span) = (resource.identity.clone(), resource.source.clone(), resource.span);
        let work = match self.mode {
            Mode::Lock => {
                let entry = entry(resource, self.key.as_deref());
                Work::Block { keyed: entry.leaves().values().any(|r| r.starts_with(HMAC_PREFIX)), text: render_entry(&entry) }
            }
            Mode::Verify => Work::Verified(self.verify(&resource, locate)),
            Mode::Drift => {
                let positions = resource.items.iter().map(|i| (i.leaf.pointer.clone(), locate(&i.leaf.pointer))).collect();
                Work::Kept(Kept { resource, positions })
            }
        };
        Declaration { identity, source, span, work }
    }

    /// Gathers one declaration, declared at `line` of its file. The same identity twice in one file is
    /// a finding, and no lock is made (Kubernetes would apply only one of them); copies in different
    /// files are different entries.
    pub fn add(&mut self, declaration: Declaration, line: u32) -> Option<Diagnostic> {
        let Declaration { identity, source, span, work } = declaration;
        let key = (source, identity);
        if let Some(first_line) = self.seen.get(&key) {
            let (source, identity) = &key;
            let message = format!("duplicate resource identity `{identity}`: also declared at {source}:{first_line}");
            self.duplicates += 1;
            return Some(Diagnostic::new(LOCK_MISMATCH, source, span, &format!("duplicate:{identity}"), identity, message));
        }
        self.seen.insert(key.clone(), line);
        match work {
            Work::Block { text, keyed } => {
                self.keyed |= keyed;
                self.blocks.insert(key, text);
                None
            }
            // Its file's analysis reported what verifying it found.
            Work::Verified(_) => None,
            Work::Kept(kept) => {
                self.kept.push(kept);
                None
            }
        }
    }

    fn verify(&self, resource: &Resource, locate: &mut dyn FnMut(&str) -> Span) -> Option<Diagnostic> {
        let (lock_path, lock) = self.lock.as_ref()?;
        let identity = &resource.identity;
        let location = match &self.environment {
            Some(environment) => format!("lock:{environment}:{identity}"),
            None => format!("lock:{identity}"),
        };
        let at = |span, message| Diagnostic::new(LOCK_MISMATCH, &resource.source, span, &location, identity, message);
        let Some(locked) = lock.entries.get(&(resource.source.clone(), identity.clone())) else {
            return Some(at(resource.span, format!("`{identity}` is not in {lock_path}; run `fixity lock` to record it")));
        };
        let keys = self.keys();
        // Equal digests and as many leaves: every plain leaf matches, and secrets too when they were keyed
        // with this key. (A lock's leaves are read only when needed: a large lock holds millions.)
        let digest = resource.digest(keys.key);
        let c = if digest == locked.digest && locked.leaf_count() == resource.items.len() {
            let secrets = resource.items.iter().filter(|i| i.class == Class::Secret && !keys.matches_lock);
            Comparison { unverifiable: secrets.map(|i| i.leaf.pointer.clone()).collect(), ..Comparison::default() }
        } else {
            compare(resource, locked, keys)
        };
        if c.differs() {
            let mut parts = Vec::new();
            for (word, pointers) in [("changed", &c.changed), ("added", &c.added), ("removed", &c.removed)] {
                if !pointers.is_empty() {
                    parts.push(format!("{word} {}", list(pointers)));
                }
            }
            // At the first plain leaf that differs: reports show the line a finding points at, and a
            // secret's line would show the secret.
            let differing: HashSet<&str> = c.changed.iter().chain(&c.added).map(String::as_str).collect();
            let first = resource.items.iter().find(|i| i.class == Class::Plain && differing.contains(i.leaf.pointer.as_str()));
            let span = first.map_or(resource.span, |i| locate(&i.leaf.pointer));
            return Some(at(span, format!("`{identity}` differs from {lock_path}: {}", parts.join("; "))));
        }
        let message = if c.incomplete() {
            format!("`{identity}` cannot be fully verified: {}", c.why_incomplete(lock, self.key.is_some()))
        } else if digest != locked.digest {
            // Leaves that match a digest that does not: the entry was edited by hand.
            format!("`{identity}` cannot be verified: its digest in {lock_path} does not match its leaves; run `fixity lock`")
        } else {
            return None;
        };
        Some(at(resource.span, message).unverifiable())
    }

    /// `check`: lock entries that no checked file declares any more, among those whose source is in the
    /// scope of the run (a check of `deploy/` says nothing of what `infra/` declares).
    pub fn finish(&self, in_scope: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let Some((lock_path, lock)) = self.lock.as_ref().filter(|_| self.mode == Mode::Verify) else { return Vec::new() };
        lock.entries
            .iter()
            .filter(|(key, e)| !self.seen.contains_key(*key) && in_scope(&e.source))
            .map(|((_, identity), e)| {
                let message = format!("`{identity}` is in {lock_path} (from {}) but no checked file declares it; run `fixity lock` if it was removed", e.source);
                Diagnostic::new(LOCK_MISMATCH, lock_path, e.span, &format!("lock:{identity}"), identity, message)
            })
            .collect()
    }

    /// `lock`: why no lock is made (a file could not be read whole, identities repeat), if none is: a
    /// lock is never partial.
    pub fn lock_refusal(&self) -> Option<String> {
        match (self.failed, self.duplicates) {
            (0, 0) => None,
            (0, n) => Some(format!("{n} resource identit{} declared twice (above)", if n == 1 { "y is" } else { "ies are" })),
            (n, _) => Some(format!("{n} file{} could not be read whole (above)", if n == 1 { "" } else { "s" })),
        }
    }

    /// `lock`: writes the new lock to `emit` in pieces ([`lockfile::write`]), unless none is made.
    pub fn write_lock(&self, emit: &mut dyn FnMut(&str)) -> Result<(), String> {
        if let Some(refusal) = self.lock_refusal() {
            return Err(refusal);
        }
        let key_id = self.key.as_deref().filter(|_| self.keyed).map(secret::key_id);
        lockfile::write(key_id.as_deref(), &self.blocks, emit);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Declaration, Declared, Mode, Work};
    use crate::model::Span;

    #[test]
    fn a_lock_is_refused_and_why() {
        let mut declared = Declared::new(Mode::Lock, None).unwrap();
        let declaration = || Declaration { identity: "k8s:core/ConfigMap:x/a".into(), source: "cm.yaml".into(), span: Span::default(), work: Work::Block { text: String::new(), keyed: false } };
        assert_eq!(declared.lock_refusal(), None);
        assert!(declared.add(declaration(), 3).is_none());
        for why in ["1 resource identity is declared twice (above)", "2 resource identities are declared twice (above)"] {
            assert!(declared.add(declaration(), 9).is_some());
            assert_eq!(declared.lock_refusal().as_deref(), Some(why));
        }
        // A file that could not be read whole says more than a duplicate: it may hide other resources.
        for why in ["1 file could not be read whole (above)", "2 files could not be read whole (above)"] {
            declared.failed();
            assert_eq!(declared.write_lock(&mut |_| {}), Err(why.to_string()));
        }
    }
}
