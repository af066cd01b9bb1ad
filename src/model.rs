//! What a run produces: findings with their positions, and the report that gathers them.

use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// Where something is written: 1-based lines and columns in characters; the end is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    pub fn point(line: u32, column: u32) -> Span {
        Span { line, column, end_line: line, end_column: column + 1 }
    }

    /// A span over `text` written on one line starting at `column`.
    pub fn over(line: u32, column: u32, text: &str) -> Span {
        let width = text.chars().count().max(1) as u32;
        Span { line, column, end_line: line, end_column: column + width }
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
    /// A finding whose fingerprint hashes the rule, path, symbolic location and subject, so it survives
    /// edits that only move lines.
    pub fn new(rule: &'static str, severity: Severity, path: &str, span: Span, location: &str, subject: &str, message: String) -> Finding {
        let mut hasher = Sha256::new();
        for part in [rule, path, location, subject] {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        Finding {
            rule,
            severity,
            message: shortened(message),
            path: path.to_string(),
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            subject: subject.to_string(),
            fingerprint: hex(&hasher.finalize()),
            snippet: String::new(),
            unverifiable: false,
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
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
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
    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        let cut = super::shortened("é".repeat(600));
        assert_eq!(cut.chars().count(), 501);
        assert!(cut.ends_with('…'));
        assert_eq!(super::shortened("short".into()), "short");
    }
}
