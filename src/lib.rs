//! fixity's core: classifies manifests, extracts the references they make, judges them by the rules and
//! renders reports. No file system, network, clock or randomness: a pure function from inputs to a
//! report, shared by the wasm shim (CLI, Action, playground) and native tests and benchmarks.

pub mod analysis;
pub mod baseline;
pub mod config;
pub mod crossfile;
pub mod engine;
pub mod glob;
pub mod hcl;
pub mod jcs;
pub mod lock;
pub mod model;
pub mod output;
pub mod pin;
pub mod policy;
pub mod reference;
pub mod resolve;
pub mod rules;
pub mod shard;
pub mod sources;
pub mod suppression;
pub mod url;
pub mod version;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use config::Config;
pub use engine::{Engine, FailOn, Options};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
