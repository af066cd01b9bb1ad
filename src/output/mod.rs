//! Renderers: one per `--format`, each a pure function of the report. Those whose size grows with the
//! findings (text, JSON, SARIF, JUnit, GitLab) write them one at a time into an [`Out`], which hands the text on
//! in pieces: a large report is never whole in memory, in the core or in the shim.

pub mod escape;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::model::Report;
use std::ops::{Deref, DerefMut};

pub const FORMATS: &[&str] = &["text", "json", "sarif", "github", "gitlab", "junit", "markdown"];

/// About how much text an [`Out`] gathers before handing it on: large enough that each piece's write
/// costs little, small enough to be nothing next to the findings.
const PIECE_BYTES: usize = 64 * 1024;

/// Where a renderer writes: text gathered until a finding is whole ([`Out::piece`]) and there is enough
/// of it, then handed to `emit`. It derefs to the text so far, so renderers write into it as into a
/// `String` (and may look back at it within a finding).
pub struct Out<'e> {
    text: String,
    emit: &'e mut dyn FnMut(&str),
}

impl<'e> Out<'e> {
    fn new(emit: &'e mut dyn FnMut(&str)) -> Out<'e> {
        Out { text: String::with_capacity(PIECE_BYTES + PIECE_BYTES / 4), emit }
    }

    /// A piece (a finding) is whole: hands the text on once there is enough of it.
    pub fn piece(&mut self) {
        if self.text.len() >= PIECE_BYTES {
            (self.emit)(&self.text);
            self.text.clear();
        }
    }

    fn finish(self) {
        if !self.text.is_empty() {
            (self.emit)(&self.text);
        }
    }
}

impl Deref for Out<'_> {
    type Target = String;

    fn deref(&self) -> &String {
        &self.text
    }
}

impl DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// Writes a report in `format` to `emit`, in pieces of about [`PIECE_BYTES`] (their concatenation is the
/// report); false for an unknown format, when nothing is written.
pub fn write(report: &Report, format: &str, version: &str, emit: &mut dyn FnMut(&str)) -> bool {
    // These are small whatever the report: GitHub shows a few annotations, Markdown is capped.
    let whole = match format {
        "github" => Some(github::render(report)),
        "markdown" => Some(markdown::render(report)),
        _ => None,
    };
    if let Some(text) = whole {
        emit(&text);
        return true;
    }
    let mut out = Out::new(emit);
    match format {
        "text" => text::write(report, &mut out),
        "json" => json::write(report, version, &mut out),
        "sarif" => sarif::write(report, version, &mut out),
        "gitlab" => gitlab::write(report, &mut out),
        "junit" => junit::write(report, &mut out),
        _ => return false,
    }
    out.finish();
    true
}

/// Renders a report whole, or `None` for an unknown format.
pub fn render(report: &Report, format: &str, version: &str) -> Option<String> {
    let mut whole = String::new();
    write(report, format, version, &mut |piece| whole.push_str(piece)).then_some(whole)
}
