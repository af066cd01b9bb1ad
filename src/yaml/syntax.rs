//! The YAML scanner and parser of yaml-rust2 0.13.1 (MIT OR Apache-2.0, by Yuheng Chen, Ethiraric and
//! contributors: <https://github.com/Ethiraric/yaml-rust2>; its MIT license is `syntax/LICENSE-MIT`), kept
//! here so that it accepts what libyaml accepts where real files rely on it; every change from the
//! original is marked `fixity:` (besides removing what fixity does not use: the loader, debug printing).
//!
//! - In a flow collection, indentation is not checked (libyaml does not): a `]` or `}` may close a flow
//!   collection at its key's column or left of it, and flow items may be written left of the key.
//! - A quoted scalar's continuation lines may be written at any column, a tab among them (libyaml reads them).
//! - A `#` right after a token starts a comment; `-` before `,]}` in a flow collection is a plain scalar; a
//!   tab after a simple key's `:` separates the value; a directive may follow a document without `...`,
//!   and `%TAG` directives hold to the stream's end; a block scalar's leading blank lines may be longer
//!   than the line that ends it. libyaml does each of these.

pub mod chars;
pub mod parser;
pub mod scanner;
