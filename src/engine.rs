//! A run: files go in one at a time (so memory stays small), findings accumulate, a report comes out.
//! The same engine serves the wasm shim, the native benchmark binary and the tests.

use crate::baseline::Baseline;
use crate::config::Config;
use crate::crossfile::CrossFile;
use crate::glob;
use crate::lock::declared::{Declared, Mode};
use crate::lock::{self, Problem};
use crate::model::{Finding, Report, Severity, Span};
use crate::rules::{self, parse_error, unpinned_module, unused_suppression, Rule};
use crate::sources::{self, Fact, SourceKind};
use crate::suppression;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

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
    /// Resources gathered for `lock`, lock verification in `check`, or `drift`.
    declared: Option<Declared>,
    /// Facts kept for the rules that compare files of one folder.
    crossfile: CrossFile,
    /// The paths the run covers (empty: everything), for judging which lock entries it can see.
    scope: Vec<String>,
    /// Where display paths start, relative to the repository root (empty: at it).
    base: String,
}

impl Engine {
    /// An engine, or an error naming a rule in `--select`/`--ignore` that does not exist.
    pub fn new(config: Config, options: Options) -> Result<Engine, String> {
        for name in options.select.iter().chain(&options.ignore) {
            if rules::by_name(name).is_none() {
                return Err(format!("unknown rule `{name}` (see `fixity rules`)"));
            }
        }
        Ok(Engine { config, options, baseline: None, findings: Vec::new(), files: 0, declared: None, crossfile: CrossFile::default(), scope: Vec::new(), base: String::new() })
    }

    /// The files and folders this run checks (as displayed paths); lock entries from elsewhere are not
    /// reported as removed.
    pub fn set_scope(&mut self, roots: Vec<String>) {
        self.scope = roots;
    }

    /// The working directory relative to the repository root: files are classified by their path in the
    /// repository (a workflow by its `.github/workflows/` folder) even when fixity runs from deeper in it.
    pub fn set_base(&mut self, base: &str) {
        self.base = base.trim_matches('/').to_string();
    }

    /// The path a file is classified by: its display path, seen from the repository root.
    fn in_repository<'p>(&self, path: &'p str) -> Cow<'p, str> {
        if self.base.is_empty() || path == "-" || path.starts_with('/') {
            return Cow::Borrowed(path);
        }
        let mut parts: Vec<&str> = self.base.split('/').collect();
        for part in path.split('/') {
            match part {
                "." | "" => {}
                ".." if parts.last().is_some_and(|p| *p != "..") => {
                    parts.pop();
                }
                _ => parts.push(part),
            }
        }
        Cow::Owned(parts.join("/"))
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
        !self.excludes(path) && sources::kind_from_name(&self.in_repository(path)).is_some()
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

    /// A file that could not be read as text at all: one `parse-error`, no suppressions, and no lock
    /// made from a run that could not read all of its files.
    fn add_unreadable(&mut self, path: &str, span: Span, location: &str, message: String) {
        self.files += 1;
        if let Some(declared) = self.declared.as_mut() {
            declared.failed();
        }
        let mut file = FileFindings::new(path, "");
        self.push(&mut file, &parse_error::RULE, span, location, path, message);
    }

    /// Checks one file. `kind` overrides what the name and content say (the playground's picker).
    pub fn add_file(&mut self, path: &str, bytes: &[u8], kind: Option<SourceKind>) {
        if bytes.len() > MAX_FILE_BYTES {
            return self.add_oversized(path, bytes.len());
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let located = self.in_repository(path);
        let from_name = sources::kind_from_name(&located);
        let named = kind.is_some() || from_name.is_some_and(|k| k.is_some());
        if named && bytes[..bytes.len().min(8192)].contains(&0) {
            let message = "binary file (it contains NUL bytes), not a manifest".to_string();
            return self.add_unreadable(path, Span::point(1, 1), "binary", message);
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) if kind.is_some() || from_name.is_some() => {
                let before = &bytes[..e.valid_up_to()];
                let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u32 + 1;
                let message = format!("file is not valid UTF-8 (at byte offset {})", e.valid_up_to());
                return self.add_unreadable(path, Span::point(line, column), "utf-8", message);
            }
            Err(_) => return,
        };
        let Some(kind) = kind.or_else(|| sources::classify_named(from_name, &located, text)) else { return };
        self.files += 1;
        let mut problems = Vec::new();
        let extraction = match self.declared.as_mut() {
            Some(declared) => {
                let extraction = sources::extract_visiting(kind, text, &mut |doc| problems.extend(declared.document(path, doc)));
                if kind == SourceKind::TerraformPlan {
                    problems.extend(declared.plan(path, text));
                }
                if !extraction.errors.is_empty() {
                    declared.failed();
                }
                extraction
            }
            None => sources::extract(kind, text),
        };
        let mut file = FileFindings::new(path, text);
        for p in problems {
            self.push_problem(&mut file, p);
        }
        // `lock` and `drift` read resources; the reference rules are `check`'s business.
        let judge_references = self.declared.as_ref().is_none_or(|d| d.mode() == Mode::Verify);
        for reference in extraction.references.iter().filter(|_| judge_references) {
            if let Some((rule, message)) = rules::judge(reference, &self.config) {
                self.push(&mut file, rule, reference.span, &reference.location, &reference.written, message);
            }
        }
        for fact in extraction.facts.into_iter().filter(|_| judge_references) {
            match &fact {
                Fact::Module(call) => {
                    if let Some((message, span)) = unpinned_module::check(call) {
                        let location = format!("module.{}/source", call.name);
                        self.push(&mut file, &unpinned_module::RULE, span, &location, &call.source, message);
                    }
                }
                _ => self.crossfile.add(path, fact),
            }
        }
        for error in &extraction.errors {
            let location = format!("parse:{}", error.message);
            self.push(&mut file, &parse_error::RULE, Span::point(error.line, error.column), &location, path, error.message.clone());
        }
        // Without the reference rules, a suppression of one has had no chance to match.
        if judge_references {
            self.report_unused_suppressions(&mut file);
        }
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

    /// `check`: verify this lock (its path and text) against the resources of the files that follow.
    /// `key` is the HMAC key for secrets (`FIXITY_HMAC_KEY`), if set; an error when it is too short.
    /// Call before adding files.
    pub fn verify_lock(&mut self, path: &str, text: &str, key: Option<&[u8]>) -> Result<(), String> {
        self.start(Mode::Verify, key, Some((path, text)), None)
    }

    /// `lock`: gather the resources of the files that follow for [`Engine::lock_text`]. Call before adding
    /// files.
    pub fn start_lock(&mut self, key: Option<&[u8]>) -> Result<(), String> {
        self.start(Mode::Lock, key, None, None)
    }

    /// `drift`: reads the live export (path and text; an error when it cannot be read), then the files
    /// that follow are the declared side (optional: they give the declared values and positions); the
    /// lock, when there is one, is what the live export is compared with in [`Engine::drift`]. Call
    /// before adding files.
    pub fn start_drift(&mut self, lock: Option<(&str, &str)>, live: (&str, &str), key: Option<&[u8]>) -> Result<(), String> {
        self.start(Mode::Drift, key, lock, Some(live))
    }

    fn start(&mut self, mode: Mode, key: Option<&[u8]>, lock: Option<(&str, &str)>, live: Option<(&str, &str)>) -> Result<(), String> {
        let mut declared = Declared::new(mode, key)?;
        let problem = lock.and_then(|(path, text)| {
            self.files += 1;
            declared.use_lock(path, text)
        });
        if let Some((path, text)) = live {
            declared.use_live(path, text)?;
            self.files += 1;
        }
        self.declared = Some(declared);
        self.push_problems(problem.into_iter().collect());
        Ok(())
    }

    /// Runs what needs every file: the rules that compare files of one folder (provider and chart
    /// locks) and lock entries that no file declares any more. Call once, after the last file.
    pub fn finish(&mut self) {
        let mut problems = self.crossfile.finish();
        let in_scope = |source: &str| self.scope.is_empty() || self.scope.iter().any(|root| glob::is_within(root, source));
        problems.extend(self.declared.as_ref().map(|d| d.finish(in_scope)).unwrap_or_default());
        self.push_problems(problems);
    }

    /// `lock`: the new lock file's text, deterministic for the same inputs; or, when a file could not be
    /// read or two resources share an identity, the report that says so (no partial lock is ever made).
    pub fn lock_text(&self) -> Result<String, Report> {
        self.declared.as_ref().filter(|d| d.mode() == Mode::Lock).and_then(Declared::lock_text).ok_or_else(|| self.report())
    }

    /// `drift`: compares the live export with the lock and adds the findings. Call after the last file.
    pub fn drift(&mut self) -> Result<(), String> {
        let Some(declared) = self.declared.as_ref().filter(|d| d.mode() == Mode::Drift) else {
            return Err("drift: call start_drift before adding files".into());
        };
        let problems = lock::drift::drift(declared);
        self.push_problems(problems);
        Ok(())
    }

    /// Problems about files that are not being read now (the lock file, a folder's other files).
    fn push_problems(&mut self, problems: Vec<Problem>) {
        for p in problems {
            let path = p.path.clone();
            self.push_problem(&mut FileFindings::new(&path, ""), p);
        }
    }

    fn push_problem(&mut self, file: &mut FileFindings, p: Problem) {
        let before = self.findings.len();
        self.push(file, p.rule, Span::point(p.line, p.column), &p.location, &p.subject, p.message);
        let Some(f) = self.findings.get_mut(before..).and_then(|f| f.first_mut()) else { return };
        // Not knowing is not a failure: at most a warning, and exit code 3.
        let ceiling = if p.unverifiable { Some(Severity::Warning) } else { p.at_most };
        f.unverifiable = p.unverifiable;
        f.severity = ceiling.map_or(f.severity, |c| f.severity.min(c));
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

    /// 1 when a reported, verifiable finding reaches `--fail-on`; else 3 when something could not be
    /// verified; else 0.
    pub fn exit_code(&self) -> i32 {
        let report = self.report();
        match self.options.fail_on.threshold() {
            Some(t) if report.findings.iter().any(|f| f.severity >= t && !f.unverifiable) => 1,
            _ if report.findings.iter().any(|f| f.unverifiable) => 3,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_classified_by_their_place_in_the_repository() {
        let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
        engine.set_base(".github/workflows");
        assert_eq!(engine.in_repository("ci.yml"), ".github/workflows/ci.yml");
        assert_eq!(engine.in_repository("../../deploy/web.yaml"), "deploy/web.yaml");
        assert_eq!(engine.in_repository("../../../outside/x.yaml"), "../outside/x.yaml");
        assert!(engine.wants("ci.yml"));
        engine.add_file("ci.yml", b"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n", None);
        assert_eq!(engine.report().findings.iter().map(|f| (f.path.as_str(), f.rule)).collect::<Vec<_>>(), [("ci.yml", "unpinned-action")]);
    }

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
