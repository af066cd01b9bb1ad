//! Canonical hashes of what is declared, the lock file that records them, and the comparisons against it:
//! verifying a lock (`lock-mismatch`) and comparing a live export (`drift`). Profile `fx1` is the whole
//! hashing recipe: normalization ([`normalize`], [`quantity`]), projection onto declared leaves
//! ([`leaves`]), RFC 8785 canonical JSON ([`jcs`]), sha256, and keyed hashes for secrets ([`secret`]).

pub mod compare;
pub mod declared;
pub mod drift;
pub mod jcs;
pub mod kubernetes;
pub mod leaves;
pub mod lockfile;
pub mod normalize;
pub mod quantity;
pub mod resource;
pub mod secret;
pub mod terraform;
pub mod value;

/// The lock file's document shape.
pub const LOCKFILE_VERSION: u64 = 1;
/// The hashing recipe.
pub const PROFILE: &str = "fx1";

use crate::model::Severity;
use crate::rules::Rule;
use crate::sources::SourceError;

/// A finding-to-be from the lock machinery; the engine gives it its severity.
#[derive(Clone)]
pub struct Problem {
    pub rule: &'static Rule,
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// Symbolic location, for the fingerprint.
    pub location: String,
    pub subject: String,
    pub message: String,
    /// Could not be verified (exit code 3 when nothing else fails).
    pub unverifiable: bool,
    /// A ceiling on the rule's severity (a stale lock entry is only a note).
    pub at_most: Option<Severity>,
}

impl Problem {
    pub fn new(rule: &'static Rule, path: &str, line: u32, column: u32, location: &str, subject: &str, message: String) -> Problem {
        Problem { rule, path: path.to_string(), line, column, location: location.to_string(), subject: subject.to_string(), message, unverifiable: false, at_most: None }
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn position(text: &str, at: usize) -> (u32, u32) {
    let before = text.get(..at).unwrap_or(text);
    (before.matches('\n').count() as u32 + 1, before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1)
}

/// A serde_json error as a parse error at its place, without serde's " at line … column …" suffix.
pub fn json_error(e: &serde_json::Error) -> SourceError {
    let text = e.to_string();
    let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
    SourceError { line: e.line().max(1) as u32, column: e.column().max(1) as u32, message: format!("invalid JSON: {message}") }
}
