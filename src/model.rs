//! What a run produces: findings with their positions, and the report that gathers them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::cell::OnceCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A problem that stops part of a file from being understood; it becomes a `parse-error` finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceError {
    pub span: Span,
    pub message: String,
}

impl SourceError {
    /// A serde_json error in `text` at its place, without serde's " at line … column …" suffix.
    pub fn json(text: &str, e: &serde_json::Error) -> SourceError {
        let full = e.to_string();
        let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
        // serde_json counts lines from 1 and columns in bytes from 1 (0 before the line's first byte).
        let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        let offset = (line_start + e.column().saturating_sub(1)).min(text.len());
        SourceError { span: Span::at(offset), message: format!("invalid JSON: {message}") }
    }
}

/// What `.fixity.yml` may set for a rule besides its severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policies {
    None,
    /// `digest`, `tag` or `any`, by image name pattern.
    Image,
    /// `hash-pin`, `ref-pin` or `any`, by the patterns described.
    Pin { patterns: &'static str },
}

/// Where something is written: a byte range of the file as it was read (a byte-order mark included), the
/// end exclusive. Edits (`fixity pin`) apply to these bytes; people see them through a [`LineIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end.max(start) as u32 }
    }

    /// An empty span: a place, not a stretch of text.
    pub fn at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    /// This span moved `by` bytes further into the text (a span found in a slice of it).
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start as usize + by, self.end as usize + by)
    }
}

/// A span as people read it: 1-based lines, columns in characters (Unicode scalar values), the end
/// exclusive. An empty span covers one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// The one map from byte offsets to lines and columns of a file, built on first use: most files have no
/// finding and never need it. A byte-order mark takes bytes but no column, as in editors.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: OnceCell<Vec<u32>>,
}

const BOM: &str = "\u{FEFF}";

/// Where each line starts. Lines are short, so a search per line costs more than the line: eight bytes
/// are looked at at once, a line feed found by the exact zero-byte test (no false hits).
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut starts = vec![0];
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let x = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]) ^ 0x0a0a_0a0a_0a0a_0a0a;
        // The high bit of each byte of `found` is set where `x` has a zero byte, that is a line feed.
        let mut found = !(((x & LOW) + LOW) | x | LOW);
        while found != 0 {
            starts.push((at + found.trailing_zeros() as usize / 8) as u32 + 1);
            found &= found - 1;
        }
        at += 8;
    }
    starts.extend(words.remainder().iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| (at + i) as u32 + 1));
    starts
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex { text, starts: OnceCell::new() }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| line_starts(self.text.as_bytes()))
    }

    /// The 1-based line and character column of a byte offset (clamped to the text; inside a character,
    /// the character's own column).
    pub fn position(&self, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(self.text.len());
        let starts = self.starts();
        let line = starts.partition_point(|&s| s as usize <= offset).max(1);
        let mut start = starts[line - 1] as usize;
        if start == 0 && self.text.starts_with(BOM) {
            start = BOM.len().min(offset);
        }
        let before = &self.text.as_bytes()[start..offset];
        // Counting the bytes that start a character counts characters, even when `offset` splits one.
        let column = before.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32 + 1;
        (line as u32, column)
    }

    pub fn locate(&self, span: Span) -> Located {
        let place = self.place(span);
        Located { place, snippet: self.line(place.line).to_string() }
    }

    pub fn place(&self, span: Span) -> Place {
        let (line, column) = self.position(span.start);
        let (end_line, end_column) = if span.end > span.start { self.position(span.end) } else { (line, column + 1) };
        Place { line, column, end_line, end_column }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: u32) -> &'a str {
        let starts = self.starts();
        let Some(&start) = starts.get(line.saturating_sub(1) as usize) else { return "" };
        let rest = &self.text[start as usize..];
        let line = rest.split('\n').next().unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.strip_prefix(BOM).filter(|_| start == 0).unwrap_or(line)
    }
}

/// A span located for people: its place, and the line it starts on (for renderers that show it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    pub place: Place,
    pub snippet: String,
}

impl Located {
    /// A one-column place with no source line shown.
    pub fn point(line: u32, column: u32) -> Located {
        Located { place: Place { line, column, end_line: line, end_column: column + 1 }, snippet: String::new() }
    }
}

impl Default for Located {
    /// The start of a file.
    fn default() -> Located {
        Located { place: Place { line: 1, column: 1, end_line: 1, end_column: 2 }, snippet: String::new() }
    }
}

/// What a reader, a rule, the lock or a cross-file check found: the one shape every finding is made in,
/// before the run locates it, gives it a severity, applies suppressions and fingerprints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(deserialize_with = "static_name")]
    pub rule: StaticName,
    pub path: String,
    /// Where in the file at `path` it points.
    pub span: Span,
    /// Symbolic location, stable across line moves, for the fingerprint.
    pub location: String,
    pub subject: String,
    pub message: String,
    /// Something could not be verified: at most a warning, and exit code 3 when nothing else fails.
    pub unverifiable: bool,
    /// A ceiling on the rule's severity (a stale lock entry is only a note).
    pub at_most: Option<Severity>,
}

/// A name fixed in the code (a rule's, a source's pin key). Spelled as an alias so that serde's derive
/// does not take the field for one borrowed from its input: [`static_name`] reads it back.
pub type StaticName = &'static str;

/// A [`StaticName`] read back from a worker's results ([`crate::analysis::FileResult`] as JSON): each
/// distinct name read is kept for the rest of the process (a few dozen at most, the names in the code).
pub fn static_name<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<StaticName, D::Error> {
    static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let name = std::borrow::Cow::<str>::deserialize(deserializer)?;
    let mut names = NAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.iter().find(|known| **known == name) {
        return Ok(known);
    }
    let kept: &'static str = Box::leak(name.into_owned().into_boxed_str());
    names.push(kept);
    Ok(kept)
}

impl Diagnostic {
    pub fn new(rule: &'static str, path: &str, span: Span, location: &str, subject: &str, message: String) -> Diagnostic {
        Diagnostic { rule, path: path.to_string(), span, location: location.to_string(), subject: subject.to_string(), message, unverifiable: false, at_most: None }
    }

    pub fn unverifiable(mut self) -> Diagnostic {
        self.unverifiable = true;
        self
    }

    pub fn at_most(mut self, severity: Severity) -> Diagnostic {
        self.at_most = Some(severity);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub subject: String,
    pub fingerprint: String,
    /// The source line the finding starts on, for renderers that show it; not part of the JSON contract.
    #[serde(skip)]
    pub snippet: String,
    /// Something could not be verified (a redacted secret, an unknown lock profile): exit code 3 when
    /// nothing else fails. Not part of the JSON contract.
    #[serde(skip)]
    pub unverifiable: bool,
}

impl Finding {
    /// The finding a diagnostic becomes at its place and `severity`. Its fingerprint hashes the rule,
    /// path, symbolic location and subject, so it survives edits that only move lines.
    pub fn new(d: Diagnostic, at: Located, severity: Severity) -> Finding {
        let mut hasher = Sha256::new();
        for part in [d.rule, &d.path, &d.location, &d.subject] {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        // Not knowing is not a failure: at most a warning.
        let ceiling = if d.unverifiable { Some(Severity::Warning) } else { d.at_most };
        Finding {
            rule: d.rule,
            severity: ceiling.map_or(severity, |c| severity.min(c)),
            message: shortened(d.message),
            path: d.path,
            line: at.place.line,
            column: at.place.column,
            end_line: at.place.end_line,
            end_column: at.place.end_column,
            subject: d.subject,
            fingerprint: hex(&hasher.finalize()),
            snippet: at.snippet,
            unverifiable: d.unverifiable,
        }
    }

    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        (&self.path, self.line, self.column, self.rule)
    }

    /// Rehashes the fingerprint of the `occurrence`-th (1-based) later finding that shares it (two stale
    /// suppressions of one rule in one file, say), so that code scanning, Code Quality and baselines,
    /// which all key on fingerprints, still see two things. Counting in report order keeps it stable
    /// across line moves.
    pub fn disambiguate(&mut self, occurrence: usize) {
        let mut hasher = Sha256::new();
        hasher.update(self.fingerprint.as_bytes());
        hasher.update([0u8]);
        hasher.update(occurrence.to_string().as_bytes());
        self.fingerprint = hex(&hasher.finalize());
    }
}

/// Findings as a worker sends them to the run ([`crate::analysis::FileResult::findings`]): each an array of
/// its fields, no name repeated, and without its path, which the run gives back (the file's). Everything
/// else of a finding travels, so the run takes it in as it was made.
pub mod pathless {
    use super::{static_name, Finding, Severity, StaticName};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(findings: &[Finding], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(findings.iter().map(|f| {
            (f.rule, f.severity, &f.message, f.line, f.column, f.end_line, f.end_column, &f.subject, &f.fingerprint, &f.snippet, f.unverifiable)
        }))
    }

    #[derive(Deserialize)]
    struct Fields(#[serde(deserialize_with = "static_name")] StaticName, Severity, String, u32, u32, u32, u32, String, String, String, bool);

    /// The findings, each with an empty path until the run gives it the file's.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Finding>, D::Error> {
        let fields = Vec::<Fields>::deserialize(deserializer)?;
        Ok(fields
            .into_iter()
            .map(|Fields(rule, severity, message, line, column, end_line, end_column, subject, fingerprint, snippet, unverifiable)| Finding {
                rule,
                severity,
                message,
                path: String::new(),
                line,
                column,
                end_line,
                end_column,
                subject,
                fingerprint,
                snippet,
                unverifiable,
            })
            .collect())
    }
}

/// Messages are for people: one that quotes a hostile reference as long as its file is cut short.
fn shortened(mut message: String) -> String {
    const MAX: usize = 1000;
    if message.len() > MAX {
        let mut end = MAX;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    message
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    // Bytes, not chars: pushing a char encodes it, and every digit is one ASCII byte.
    let mut s = Vec::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize]);
        s.push(DIGITS[(b & 15) as usize]);
    }
    String::from_utf8(s).unwrap_or_default()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub error: usize,
    pub warning: usize,
    pub note: usize,
    /// Only present when a baseline left findings out.
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything a renderer needs: the sorted findings and their counts.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub files: usize,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
    /// The shard of the files this report is about (`check --shard`), if it is one: its JSON carries
    /// what `merge` needs to render the whole.
    pub shard: Option<ShardInfo>,
}

/// Which shard of a run's files a report is about (see [`crate::shard`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardInfo {
    /// 1-based.
    pub index: usize,
    pub total: usize,
    /// sha256 of the paths and sizes the plan was made from: shards of one run share it.
    pub plan: String,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files: self.files,
            findings: self.findings.len(),
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            note: count(Severity::Note),
            baselined: self.baselined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_every_line_feed_and_nothing_else() {
        // Bytes next to a line feed that a looser zero-byte test would also take (0x0b, 0x0a ^ 0x80, 0x8a).
        let texts = ["", "\n", "a\n\x0b\x0bb\n", "0123456\n\n\n\x0b\x0b\x0b\x0b\x0b\x0b\x0bé\n", "ab\u{8a}\u{28a}\ncd\r\n\n\n\n\n\n\n\n\n\nx"];
        for text in texts {
            let expected: Vec<u32> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect();
            assert_eq!(line_starts(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn places_count_characters_and_lines() {
        let text = "a: é\r\nb: \u{1F600}x\n";
        let lines = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.place(Span::new(x, x + 1)), Place { line: 2, column: 5, end_line: 2, end_column: 6 });
        assert_eq!(lines.place(Span::at(0)), Place { line: 1, column: 1, end_line: 1, end_column: 2 });
        assert_eq!(lines.position(text.len() as u32 + 10), (3, 1));
        assert_eq!(lines.line(1), "a: é");
        assert_eq!(lines.line(9), "");
        let bom = LineIndex::new("\u{FEFF}a: x\n");
        assert_eq!((bom.position(3), bom.position(6), bom.line(1)), ((1, 1), (1, 4), "a: x"));
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let cut = super::shortened("é".repeat(600));
        assert_eq!(cut.chars().count(), 501);
        assert!(cut.ends_with('…'));
        assert_eq!(super::shortened("short".into()), "short");
    }
}
