//! Canonical hashes of what is declared, the lock file that records them, and the comparisons against it:
//! verifying a lock (`lock-mismatch`) and comparing a live export (`drift`). Profile `fx1` is the whole
//! hashing recipe: normalization ([`normalize`], [`quantity`]), projection onto declared leaves
//! ([`leaves`]), RFC 8785 canonical JSON ([`jcs`]), sha256, and keyed hashes for secrets ([`secret`]).

pub mod compare;
pub mod declared;
pub mod drift;
pub mod kubernetes;
pub mod leaves;
pub mod lockfile;
pub mod normalize;
pub mod pulumi;
pub mod quantity;
pub mod resource;
pub mod secret;
pub mod terraform;

/// The lock file's document shape.
pub const LOCKFILE_VERSION: u64 = 2;
/// The hashing recipe.
pub const PROFILE: &str = "fx1";

