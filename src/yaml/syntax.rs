//! The YAML scanner and parser of yaml-rust2 0.13.1 (MIT OR Apache-2.0, by Yuheng Chen, Ethiraric and
//! contributors: <https://github.com/Ethiraric/yaml-rust2>), kept here so that it accepts what libyaml
//! accepts where real files rely on it; every change from the original is marked `fixity:`.
//!
//! - In a flow collection, indentation is not checked (libyaml does not): a `]` or `}` may close a flow
//!   collection at its key's column or left of it, and flow items may be written left of the key.
//! - A quoted scalar's continuation lines may be indented less than its key (libyaml reads them).

pub mod chars;
pub mod parser;
pub mod scanner;
