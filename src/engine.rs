//! A run: files go in one at a time (so memory stays small), findings accumulate, a report comes out.
//! The same engine serves the wasm shim, the native benchmark binary and the tests.

use crate::baseline::Baseline;
use crate::config::Config;
use crate::glob;
use crate::model::{Finding, Report, Severity, Span};
use crate::rules::{self, parse_error, unused_suppression, Rule};
use crate::sources::{self, SourceKind};
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use crate::suppression;

/// Files larger than this are reported instead of read: a manifest this size is almost surely generated
/// or hostile, and checking it would cost unbounded memory in the browser.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "note" => Some(FailOn::Note),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Note => Some(Severity::Note),
            FailOn::Never => None,
        }
    }
}

/// Command-line choices that narrow or widen what the configuration says.
#[derive(Debug, Clone)]
pub struct Options {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub exclude: Vec<String>,
    pub fail_on: FailOn,
}

impl Default for Options {
    fn default() -> Options {
        Options { select: Vec::new(), ignore: Vec::new(), exclude: Vec::new(), fail_on: FailOn::Error }
    }
}

/// A file's lines, indexed on first use: most files have no finding and never need it.
struct Lines<'a> {
    text: &'a str,
    starts: OnceCell<Vec<usize>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { text, starts: OnceCell::new() }
    }

    /// The text of a 1-based line, without its line break.
    fn get(&self, line: u32) -> &'a str {
        let starts = self.starts.get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        let Some(&start) = starts.get(line.saturating_sub(1) as usize) else { return "" };
        let rest = &self.text[start..];
        let line = rest.split('\n').next().unwrap_or("");
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// Findings of one file on their way into the report: suppressions applied, duplicates dropped.
struct FileFindings<'a> {
    path: &'a str,
    lines: Lines<'a>,
    suppressions: Vec<suppression::Suppression>,
    seen: HashSet<(&'static str, u32, u32, String)>,
}

impl<'a> FileFindings<'a> {
    fn new(path: &'a str, text: &'a str) -> FileFindings<'a> {
        FileFindings { path, lines: Lines::new(text), suppressions: suppression::scan(text), seen: HashSet::new() }
    }
}

pub struct Engine {
    config: Config,
    options: Options,
    baseline: Option<Baseline>,
    findings: Vec<Finding>,
    files: usize,
}

impl Engine {
    /// An engine, or an error naming a rule in `--select`/`--ignore` that does not exist.
    pub fn new(config: Config, options: Options) -> Result<Engine, String> {
        for name in options.select.iter().chain(&options.ignore) {
            if rules::by_name(name).is_none() {
                return Err(format!("unknown rule `{name}` (see `fixity rules`)"));
            }
        }
        Ok(Engine { config, options, baseline: None, findings: Vec::new(), files: 0 })
    }

    /// From now on, reports leave out the findings that `baseline` records.
    pub fn use_baseline(&mut self, baseline: Baseline) {
        self.baseline = Some(baseline);
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether a path is excluded by `--exclude` or the configuration's `exclude` (folders prune the walk).
    pub fn excludes(&self, path: &str) -> bool {
        self.options.exclude.iter().chain(&self.config.exclude).any(|p| glob::path_matches(p, path))
    }

    /// Whether a file is worth reading: not excluded, and named like something fixity checks.
    pub fn wants(&self, path: &str) -> bool {
        !self.excludes(path) && sources::kind_from_name(path).is_some()
    }

    fn severity(&self, rule: &Rule) -> Option<Severity> {
        let selected = self.options.select.is_empty() || self.options.select.iter().any(|s| s == rule.name);
        if !selected || self.options.ignore.iter().any(|s| s == rule.name) {
            return None;
        }
        self.config.severity(rule)
    }

    /// Reports a file that was not read because it is over [`MAX_FILE_BYTES`].
    pub fn add_oversized(&mut self, path: &str, bytes: usize) {
        let message = format!("file is {:.1} MB, over the {} MiB limit; it was not checked", bytes as f64 / 1e6, MAX_FILE_BYTES >> 20);
        self.add_unreadable(path, Span::point(1, 1), "file", message);
    }

    /// A file that could not be read as text at all: one `parse-error`, no suppressions.
    fn add_unreadable(&mut self, path: &str, span: Span, location: &str, message: String) {
        self.files += 1;
        let mut file = FileFindings::new(path, "");
        self.push(&mut file, &parse_error::RULE, span, location, path, message);
    }

    /// Checks one file. `kind` overrides what the name and content say (the playground's picker).
    pub fn add_file(&mut self, path: &str, bytes: &[u8], kind: Option<SourceKind>) {
        if bytes.len() > MAX_FILE_BYTES {
            return self.add_oversized(path, bytes.len());
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let named = kind.is_some() || sources::kind_from_name(path).is_some_and(|k| k.is_some());
        if named && bytes[..bytes.len().min(8192)].contains(&0) {
            let message = "binary file (it contains NUL bytes), not a manifest".to_string();
            return self.add_unreadable(path, Span::point(1, 1), "binary", message);
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) if kind.is_some() || sources::kind_from_name(path).is_some() => {
                let before = &bytes[..e.valid_up_to()];
                let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u32 + 1;
                let message = format!("file is not valid UTF-8 (at byte offset {})", e.valid_up_to());
                return self.add_unreadable(path, Span::point(line, column), "utf-8", message);
            }
            Err(_) => return,
        };
        let Some(kind) = kind.or_else(|| sources::classify(path, text)) else { return };
        self.files += 1;
        let extraction = sources::extract(kind, text);
        let mut file = FileFindings::new(path, text);
        for reference in &extraction.references {
            if let Some((rule, message)) = rules::judge(reference, &self.config) {
                self.push(&mut file, rule, reference.span, &reference.location, &reference.written, message);
            }
        }
        for error in &extraction.errors {
            let location = format!("parse:{}", error.message);
            self.push(&mut file, &parse_error::RULE, Span::point(error.line, error.column), &location, path, error.message.clone());
        }
        self.report_unused_suppressions(&mut file);
    }

    fn report_unused_suppressions(&mut self, file: &mut FileFindings) {
        let unused: Vec<suppression::Suppression> = std::mem::take(&mut file.suppressions).into_iter().filter(|s| !s.used).collect();
        for s in unused {
            // A suppression for a rule that is switched off has nothing to find; it is not stale.
            if s.rules.iter().any(|r| rules::by_name(r).is_some_and(|rule| self.severity(rule).is_none())) {
                continue;
            }
            let message = match s.rules.iter().find(|r| rules::by_name(r).is_none()) {
                Some(name) => format!("suppression names unknown rule `{name}`"),
                None => format!("suppression of `{}` matches no finding on this line or the next", s.rules.join(", ")),
            };
            let subject = format!("ignore[{}]", s.rules.join(","));
            let span = Span::over(s.line, s.column, file.lines.get(s.line).trim_end());
            let span = Span { end_column: span.end_column.max(s.column + 1), ..span };
            self.push(file, &unused_suppression::RULE, span, &subject, &subject, message);
        }
    }

    /// Adds a finding unless its rule is off, a suppression covers it, or it repeats one already made (a
    /// reference reached through several aliases is one thing to fix).
    fn push(&mut self, file: &mut FileFindings, rule: &'static Rule, span: Span, location: &str, subject: &str, message: String) {
        let Some(severity) = self.severity(rule) else { return };
        if suppression::suppresses(&mut file.suppressions, rule.name, span.line) {
            return;
        }
        if !file.seen.insert((rule.name, span.line, span.column, subject.to_string())) {
            return;
        }
        let mut finding = Finding::new(rule.name, severity, file.path, span, location, subject, message);
        finding.snippet = file.lines.get(span.line).to_string();
        self.findings.push(finding);
    }

    /// Every finding so far, sorted by path, line, column and rule, with unique fingerprints; the
    /// baseline is not applied (this is what `--write-baseline` records).
    pub fn all_findings(&self) -> Report {
        let mut findings = self.findings.clone();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut occurrences: HashMap<String, usize> = HashMap::new();
        for finding in &mut findings {
            let seen = occurrences.entry(finding.fingerprint.clone()).or_insert(0);
            if *seen > 0 {
                finding.disambiguate(*seen);
            }
            *seen += 1;
        }
        Report { findings, files: self.files, baselined: 0 }
    }

    /// The report so far: [`Engine::all_findings`] less those the baseline records.
    pub fn report(&self) -> Report {
        let mut report = self.all_findings();
        if let Some(baseline) = &self.baseline {
            let before = report.findings.len();
            report.findings.retain(|f| !baseline.contains(&f.fingerprint));
            report.baselined = before - report.findings.len();
        }
        report
    }

    /// 1 when a reported finding reaches `--fail-on`, else 0.
    pub fn exit_code(&self) -> i32 {
        match self.options.fail_on.threshold() {
            Some(t) if self.report().findings.iter().any(|f| f.severity >= t) => 1,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_that_share_a_fingerprint_get_distinct_ones() {
        let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
        let text = "# fixity: ignore[unpinned-image]\nFROM scratch\n# fixity: ignore[unpinned-image]\nFROM scratch\n";
        engine.add_file("Dockerfile", text.as_bytes(), None);
        let first = engine.all_findings();
        let prints: HashSet<&str> = first.findings.iter().map(|f| f.fingerprint.as_str()).collect();
        assert_eq!((first.findings.len(), prints.len()), (2, 2));
        // Stable: moving both down keeps both fingerprints.
        let mut moved = Engine::new(Config::default(), Options::default()).unwrap();
        moved.add_file("Dockerfile", format!("\n\n{text}").as_bytes(), None);
        let again: Vec<String> = moved.all_findings().findings.into_iter().map(|f| f.fingerprint).collect();
        assert_eq!(again, first.findings.iter().map(|f| f.fingerprint.clone()).collect::<Vec<_>>());
    }
}
