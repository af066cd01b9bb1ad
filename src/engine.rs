//! A run: each file analyzed on its own ([`crate::analysis`]), its result merged as it comes (so memory
//! stays small); what needs several files is judged at the end: the rules that compare files of one
//! folder, lock verification's removed entries, suppressions of those findings, the baseline, fingerprint
//! disambiguation and ordering. The same engine serves the wasm shim, the native benchmark binary and
//! the tests.

use crate::analysis::{self, FileResult, Origin, Settings};
use crate::baseline::Baseline;
use crate::config::Config;
use crate::crossfile::CrossFile;
use crate::glob;
use crate::lock::declared::{Declared, Mode};
use crate::lock::drift::{self, Live};
use crate::pin;
use crate::model::{Diagnostic, Finding, LineIndex, Located, Report, Severity, Span};
use crate::rules::{self, unused_suppression};
use crate::shard::Shard;
use crate::sources::{self, SourceKind};
use crate::suppression::{self, Suppression};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

pub use crate::analysis::MAX_FILE_BYTES;

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
    /// `drift`: a locked object whose kind the live export does not hold is unverifiable (exit 3), not
    /// a note.
    pub require_all: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { select: Vec::new(), ignore: Vec::new(), exclude: Vec::new(), fail_on: FailOn::Error, require_all: false }
    }
}

/// What one lock is about: the files it covers and the namespace of objects that name none.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Coverage {
    /// The environment of `.fixity.yml` it is, if any (findings name it, so two environments' findings
    /// about one file stay apart).
    pub environment: Option<String>,
    /// Display paths (files or folders); empty: every file of the run.
    pub paths: Vec<String>,
    pub namespace: Option<String>,
}

impl Coverage {
    /// Standard input is covered whatever the paths: it is what the user piped in (`kustomize build … |`).
    fn covers(&self, path: &str) -> bool {
        self.paths.is_empty() || path == "-" || self.paths.iter().any(|root| glob::is_within(root, path))
    }
}

/// The lock side of a run: one lock (or none, for `lock`), gathered over the files it covers.
struct Scope {
    coverage: Coverage,
    declared: Declared,
}

/// What the run keeps of a file until its end: where later findings may point, and its suppressions.
#[derive(Default)]
struct FileMarks {
    landmarks: HashMap<Span, Located>,
    suppressions: Vec<Suppression>,
}

pub struct Engine {
    config: Config,
    options: Options,
    baseline: Option<Baseline>,
    /// The findings and the file count; sorted, with unique fingerprints, once [`Engine::settle`] has run
    /// (and until a finding is added).
    results: Report,
    settled: bool,
    /// Resources gathered for `lock`, lock verification in `check` (a lock per environment), or `drift`.
    scopes: Vec<Scope>,
    /// Facts kept for the rules that compare files of one folder.
    crossfile: CrossFile,
    /// By path: only files with suppressions or landmarks are kept.
    marks: HashMap<String, FileMarks>,
    /// The paths the run covers (empty: everything), for judging which lock entries it can see.
    scope: Vec<String>,
    /// Where display paths start, relative to the repository root (empty: at it).
    base: String,
    /// The report when `results` cannot be shown as they are (not settled, or a baseline applies), made
    /// once until a finding is added.
    report: OnceCell<Report>,
    /// `pin` and `update`: the files with references, kept whole for their edits.
    pinning: Option<Vec<pin::File>>,
    /// `check --shard`: the share of the files this run checks.
    shard: Option<Shard>,
}

impl Engine {
    /// An engine, or an error naming a rule in `--select`/`--ignore` that does not exist.
    pub fn new(config: Config, options: Options) -> Result<Engine, String> {
        for name in options.select.iter().chain(&options.ignore) {
            if rules::by_name(name).is_none() {
                return Err(format!("unknown rule `{name}` (see `fixity rules`)"));
            }
        }
        Ok(Engine {
            config,
            options,
            baseline: None,
            results: Report::default(),
            settled: false,
            scopes: Vec::new(),
            crossfile: CrossFile::default(),
            marks: HashMap::new(),
            scope: Vec::new(),
            base: String::new(),
            report: OnceCell::new(),
            pinning: None,
            shard: None,
        })
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

    /// `check --shard K/N`: this run checks shard `spec` of `files` (every file the run found, display
    /// path and size, each once); [`Engine::in_shard`] says which to add. Call before the lock and the
    /// files.
    pub fn set_shard(&mut self, spec: &str, files: &[(String, u64)]) -> Result<(), String> {
        if self.results.files > 0 || !self.scopes.is_empty() {
            return Err("set the shard before the lock and the files".to_string());
        }
        let shard = Shard::new(spec, files)?;
        self.results.shard = Some(shard.info.clone());
        self.shard = Some(shard);
        self.report = OnceCell::new();
        Ok(())
    }

    /// Whether the file at `path` is this run's to check (always, when the run is not sharded).
    pub fn in_shard(&self, path: &str) -> bool {
        self.shard.as_ref().is_none_or(|s| s.owns(path))
    }

    /// Whether this run reports what is about the whole run (a lock file read, a lock that cannot be).
    fn leads(&self) -> bool {
        self.shard.as_ref().is_none_or(Shard::leads)
    }

    /// From now on, reports leave out the findings that `baseline` records.
    pub fn use_baseline(&mut self, baseline: Baseline) {
        self.baseline = Some(baseline);
        self.report = OnceCell::new();
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
        let located = self.in_repository(path);
        !self.excludes(path) && (self.config.kind_of(&located).is_some() || sources::kind_from_name(&located).is_some())
    }

    fn severity(&self, rule: &str) -> Option<Severity> {
        let rule = rules::by_name(rule)?;
        let selected = self.options.select.is_empty() || self.options.select.iter().any(|s| s == rule.name);
        if !selected || self.options.ignore.iter().any(|s| s == rule.name) {
            return None;
        }
        self.config.severity(rule.name, rule.default_severity)
    }

    /// Reports a file that was not read because it is over [`MAX_FILE_BYTES`].
    pub fn add_oversized(&mut self, path: &str, bytes: usize) {
        self.merge(analysis::oversized(path, bytes));
    }

    /// Checks one file found while walking. `kind` overrides what the configuration's `kinds:`, the name
    /// and the content say (the playground's picker).
    pub fn add_file(&mut self, path: &str, bytes: &[u8], kind: Option<SourceKind>) {
        self.add(path, bytes, kind, Origin::Found);
    }

    /// Checks a file the user named (a path on the command line, standard input): when neither the
    /// configuration's `kinds:` nor its name says what it is, any kind's content may. Returns whether it
    /// was a manifest fixity checks, so that a named file of no kind is never a silent pass.
    pub fn add_named_file(&mut self, path: &str, bytes: &[u8], kind: Option<SourceKind>) -> bool {
        let before = self.results.files;
        self.add(path, bytes, kind, Origin::Named);
        self.results.files > before
    }

    fn add(&mut self, path: &str, bytes: &[u8], kind: Option<SourceKind>, origin: Origin) {
        let mut result = self.analyze(path, bytes, kind, origin);
        let references = std::mem::take(&mut result.references);
        let unreadable = result.unreadable;
        let reported = self.merge(result);
        if let (Some(files), false) = (self.pinning.as_mut(), references.is_empty()) {
            // What check would not report, pin does not touch.
            let references = references.into_iter().filter(|(r, v)| v.as_ref().is_none_or(|v| reported.contains(&(v.rule.name, v.span.unwrap_or(r.span))))).collect();
            files.push(pin::File::new(path, bytes, unreadable, references));
        }
    }

    /// A worker's share of [`Engine::add_file`] (`named`: of [`Engine::add_named_file`]): the file's
    /// analysis with this engine's configuration and locks, for the run's engine to take in with
    /// [`Engine::add_result`]. The worker's engine itself keeps nothing.
    pub fn analyze_file(&self, path: &str, bytes: &[u8], named: bool) -> FileResult {
        let mut result = self.analyze(path, bytes, None, if named { Origin::Named } else { Origin::Found });
        // What of the merge depends only on the file is done here, on the worker's core, not on the run's
        // (a run with workers waits on its main thread): severities, the file's suppressions, fingerprints.
        let diagnostics = std::mem::take(&mut result.diagnostics);
        result.findings = diagnostics.into_iter().filter_map(|(diagnostic, located)| self.judge(diagnostic, located, &mut result.suppressions)).collect();
        result
    }

    /// Takes in a file's result from a worker ([`Engine::analyze_file`], [`analysis::oversized`]), as
    /// [`Engine::add_file`] would have; results must come in the order the files were found, so that
    /// the report does not depend on how many workers there were. Returns whether the file was a
    /// manifest fixity checks.
    pub fn add_result(&mut self, result: FileResult) -> bool {
        let checked = result.checked;
        self.merge(result);
        checked
    }

    fn analyze(&self, path: &str, bytes: &[u8], kind: Option<SourceKind>, origin: Origin) -> FileResult {
        let located = self.in_repository(path);
        let kind = kind.or_else(|| self.config.kind_of(&located));
        let covering = self.covering(path);
        let declared = covering.iter().map(|&i| &self.scopes[i].declared).collect();
        let settings = Settings { config: &self.config, declared, judge_references: self.judges_references(), collect: self.pinning.is_some() };
        analysis::analyze(path, &located, bytes, kind, origin, &settings)
    }

    /// The scopes whose lock covers the file at `path`, by index.
    fn covering(&self, path: &str) -> Vec<usize> {
        (0..self.scopes.len()).filter(|&i| self.scopes[i].coverage.covers(path)).collect()
    }

    /// `lock` and `drift` read resources; the reference rules are `check`'s business.
    fn judges_references(&self) -> bool {
        self.scopes.iter().all(|s| s.declared.mode() == Mode::Verify)
    }

    /// `pin` and `update`: keep the references of the files that follow, and their text.
    pub fn start_pin(&mut self) {
        self.pinning = Some(Vec::new());
    }

    /// `check --online`: the findings about pins that the servers were asked about, each located in its
    /// file, with that file's suppressions. Call before [`Engine::finish`], which reports the
    /// suppressions that matched nothing.
    pub fn add_online(&mut self, findings: Vec<(Diagnostic, Located)>) {
        for (diagnostic, located) in findings {
            let mut kept = self.marks.remove(&diagnostic.path).unwrap_or_default();
            let path = diagnostic.path.clone();
            self.push(diagnostic, located, &mut kept.suppressions);
            self.marks.insert(path, kept);
        }
    }

    /// The files kept for `pin` and `update`.
    pub fn take_pinning(&mut self) -> Vec<pin::File> {
        self.pinning.take().unwrap_or_default()
    }

    /// Takes in one file's result, analyzed with the locks of the scopes covering it; returns the rule
    /// and span of each of its findings that is reported.
    fn merge(&mut self, result: FileResult) -> foldhash::HashSet<(&'static str, Span)> {
        let covering = self.covering(&result.path);
        let FileResult { path, checked, unreadable, findings, diagnostics, mut suppressions, facts, declarations, landmarks, references: _ } = result;
        let mut reported = foldhash::HashSet::default();
        // Only `pin` asks which findings were reported.
        let pinning = self.pinning.is_some();
        self.results.files += usize::from(checked);
        let mut diagnostics = diagnostics;
        for &i in covering.iter().filter(|_| unreadable) {
            self.scopes[i].declared.failed();
        }
        for mut finding in findings {
            // A worker leaves it out of each finding: it is the file's.
            finding.path.clone_from(&path);
            self.add_finding(finding);
        }
        for (which, declaration, located) in declarations {
            if let Some(duplicate) = self.scopes[covering[which]].declared.add(declaration, located.place.line) {
                diagnostics.push((duplicate, located));
            }
        }
        for (diagnostic, located) in diagnostics {
            let key = (diagnostic.rule, diagnostic.span);
            if self.push(diagnostic, located, &mut suppressions) && pinning {
                reported.insert(key);
            }
        }
        for fact in facts {
            self.crossfile.add(&path, fact);
        }
        if !suppressions.is_empty() || !landmarks.is_empty() {
            let kept = self.marks.entry(path).or_default();
            kept.landmarks.extend(landmarks);
            kept.suppressions.extend(suppressions);
        }
        reported
    }

    /// Adds a finding unless its rule is off or a suppression covers it ([`Engine::judge`]).
    fn push(&mut self, diagnostic: Diagnostic, located: Located, suppressions: &mut [Suppression]) -> bool {
        let Some(finding) = self.judge(diagnostic, located, suppressions) else { return false };
        self.add_finding(finding);
        true
    }

    /// The finding a diagnostic becomes in this run, unless its rule is off or one of `suppressions` (its
    /// file's, marked when used) covers it. `lock-mismatch` and `drift` are never suppressed inline:
    /// re-locking is how a change is accepted.
    fn judge(&self, diagnostic: Diagnostic, located: Located, suppressions: &mut [Suppression]) -> Option<Finding> {
        let severity = self.severity(diagnostic.rule)?;
        let lockable = matches!(diagnostic.rule, "lock-mismatch" | "drift");
        if !lockable && suppression::suppresses(suppressions, diagnostic.rule, located.place.line) {
            return None;
        }
        Some(Finding::new(diagnostic, located, severity))
    }

    fn add_finding(&mut self, finding: Finding) {
        self.results.findings.push(finding);
        self.settled = false;
        self.report = OnceCell::new();
    }

    /// A finding about a file that is not being read now, located by what the run kept of it (or at the
    /// file's start), with that file's suppressions.
    fn push_later(&mut self, diagnostic: Diagnostic) {
        let mut kept = self.marks.remove(&diagnostic.path).unwrap_or_default();
        let located = kept.landmarks.get(&diagnostic.span).cloned().unwrap_or_default();
        let path = diagnostic.path.clone();
        self.push(diagnostic, located, &mut kept.suppressions);
        self.marks.insert(path, kept);
    }

    /// `check`: verify the lock at `path` against the resources of the files that follow and it covers.
    /// `text` is `None` when there is no such file: an error when the lock was `named` (verifying
    /// nothing would read as verified), else there is nothing to verify. `key` is the HMAC key for
    /// secrets (`FIXITY_HMAC_KEY`), if set. Call before adding files; once per environment to verify
    /// each environment's lock.
    pub fn verify_lock(&mut self, path: &str, text: Option<String>, named: bool, key: Option<&[u8]>, coverage: Coverage) -> Result<(), String> {
        match text {
            Some(text) => self.start(Mode::Verify, key, Some((path, text)), None, coverage),
            None if named => Err(format!("{path}: no such lock file")),
            None => Ok(()),
        }
    }

    /// `lock`: gather the resources of the files that follow for [`Engine::lock_text`]. Call before adding
    /// files.
    pub fn start_lock(&mut self, key: Option<&[u8]>, coverage: Coverage) -> Result<(), String> {
        self.start(Mode::Lock, key, None, None, coverage)
    }

    /// `drift`: reads the live export (path and text; an error when it cannot be read), then the files
    /// that follow are the declared side (optional: they give the declared values and positions); the
    /// lock at `lock_path` (its text `None` when there is no such file: an error when it was `named`) is
    /// what the live export is compared with in [`Engine::drift`]. Call before adding files.
    pub fn start_drift(&mut self, lock_path: &str, lock_text: Option<String>, named: bool, live: (&str, &str), key: Option<&[u8]>, coverage: Coverage) -> Result<(), String> {
        if named && lock_text.is_none() {
            return Err(format!("{lock_path}: no such lock file"));
        }
        self.start(Mode::Drift, key, lock_text.map(|text| (lock_path, text)), Some(live), coverage)
    }

    /// `lock`: the lock's path and text, which the lock keeps once read.
    fn start(&mut self, mode: Mode, key: Option<&[u8]>, lock: Option<(&str, String)>, live: Option<(&str, &str)>, coverage: Coverage) -> Result<(), String> {
        if self.scopes.iter().any(|s| s.declared.mode() != mode) {
            return Err(format!("a run is for one of lock, check and drift, not {mode:?} as well"));
        }
        let mut declared = Declared::new(mode, key)?;
        declared.set_namespace(coverage.namespace.as_deref());
        declared.set_environment(coverage.environment.as_deref());
        let leads = self.leads();
        let problem = lock.and_then(|(path, text)| {
            self.results.files += usize::from(leads);
            let text = Arc::new(text);
            let problem = declared.use_lock(path, Arc::clone(&text));
            // The lock's findings point at its entries: locate them while the text is at hand.
            let lines = LineIndex::new(&text);
            let spans = declared.lock().map(|(_, l)| l.entries.values().map(|e| e.span).collect::<Vec<_>>()).unwrap_or_default();
            let kept = self.marks.entry(path.to_string()).or_default();
            kept.landmarks.extend(spans.into_iter().chain(problem.iter().map(|p| p.span)).map(|span| (span, lines.locate(span))));
            problem.filter(|_| leads)
        });
        if let Some((path, text)) = live {
            declared.use_live(path, text)?;
            self.results.files += 1;
            // A plan's findings and live resources point into it: locate them while its text is at hand.
            let spans: Vec<Span> = match declared.live() {
                Some(Live::Plan(diagnostics)) => diagnostics.iter().map(|d| d.span).collect(),
                Some(Live::Resources { resources, .. }) => resources.iter().map(|r| r.span).filter(|s| *s != Span::default()).collect(),
                None => Vec::new(),
            };
            if !spans.is_empty() {
                let lines = LineIndex::new(text);
                let kept = self.marks.entry(path.to_string()).or_default();
                kept.landmarks.extend(spans.into_iter().map(|span| (span, lines.locate(span))));
            }
        }
        self.scopes.push(Scope { coverage, declared });
        if let Some(problem) = problem {
            self.push_later(problem);
        }
        Ok(())
    }

    /// Whether a lock entry's source is one this scope's run looked at: a check of `deploy/` says nothing
    /// of what `infra/` declares.
    fn sees(&self, coverage: &Coverage, source: &str) -> bool {
        (self.scope.is_empty() || self.scope.iter().any(|root| glob::is_within(root, source)))
            && coverage.covers(source)
            && self.shard.as_ref().is_none_or(|s| s.answers_for(source))
    }

    /// Runs what needs every file: the rules that compare files of one folder (provider and chart
    /// locks), lock entries that no file declares any more, and suppressions that matched nothing. Call
    /// once, after the last file.
    pub fn finish(&mut self) {
        let mut diagnostics = self.crossfile.finish(&self.config);
        for scope in &self.scopes {
            diagnostics.extend(scope.declared.finish(|source| self.sees(&scope.coverage, source)));
        }
        for diagnostic in diagnostics {
            self.push_later(diagnostic);
        }
        // Without the reference rules (`lock`, `drift`), a suppression has had no chance to match.
        if self.judges_references() {
            self.report_unused_suppressions();
        }
        self.settle();
    }

    fn report_unused_suppressions(&mut self) {
        let mut paths: Vec<String> = self.marks.iter().filter(|(_, k)| k.suppressions.iter().any(|s| !s.used)).map(|(p, _)| p.clone()).collect();
        paths.sort();
        for path in paths {
            let unused: Vec<Suppression> = self.marks.get_mut(&path).map(|k| std::mem::take(&mut k.suppressions)).unwrap_or_default().into_iter().filter(|s| !s.used).collect();
            for s in unused {
                // A suppression for a rule that is switched off has nothing to find; it is not stale.
                if s.rules.iter().any(|r| rules::by_name(r).is_some() && self.severity(r).is_none()) {
                    continue;
                }
                let message = match s.rules.iter().find(|r| rules::by_name(r).is_none()) {
                    Some(name) => format!("suppression names unknown rule `{name}`"),
                    None => format!("suppression of `{}` matches no finding on this line or the next", s.rules.join(", ")),
                };
                let subject = format!("ignore[{}]", s.rules.join(","));
                let located = s.located.clone();
                self.push(Diagnostic::new(unused_suppression::RULE.name, &path, s.span, &subject, &subject, message), located, &mut []);
            }
        }
    }

    /// Where the lock is, unless named on the command line: the configuration's `lock:` (or
    /// `fixity.lock.json`) in `config_dir`, the configuration's folder (none: the working directory).
    pub fn lock_path(&self, config_dir: Option<&str>) -> String {
        let name = self.config.lock.as_deref().unwrap_or("fixity.lock.json");
        match config_dir {
            Some(dir) if !dir.is_empty() && dir != "." => format!("{}/{name}", dir.trim_end_matches('/')),
            _ => name.to_string(),
        }
    }

    /// `lock`: why no lock is made (a file could not be read, two resources share an identity: the report
    /// says which), if none is. A lock is never partial.
    pub fn lock_refusal(&self) -> Option<String> {
        match self.scopes.as_slice() {
            [scope] if scope.declared.mode() == Mode::Lock => scope.declared.lock_refusal(),
            _ => Some("lock: call start_lock once before adding files".to_string()),
        }
    }

    /// `lock`: writes the new lock file to `emit` in pieces (their concatenation is the file; the same
    /// bytes for the same inputs), or returns [`Engine::lock_refusal`] before writing anything.
    pub fn write_lock(&self, emit: &mut dyn FnMut(&str)) -> Result<(), String> {
        match self.scopes.as_slice() {
            [scope] if scope.declared.mode() == Mode::Lock => scope.declared.write_lock(emit),
            _ => Err(self.lock_refusal().unwrap_or_default()),
        }
    }

    /// `lock`: the new lock file's text whole ([`Engine::write_lock`]).
    pub fn lock_text(&self) -> Result<String, String> {
        let mut text = String::new();
        self.write_lock(&mut |piece| text.push_str(piece)).map(|()| text)
    }

    /// `drift`: compares the live export with the lock and adds the findings. Call after the last file.
    pub fn drift(&mut self) -> Result<(), String> {
        let [scope] = self.scopes.as_slice() else { return Err("drift: call start_drift once before adding files".into()) };
        if scope.declared.mode() != Mode::Drift {
            return Err("drift: call start_drift before adding files".into());
        }
        let diagnostics = drift::drift(&scope.declared, |source| self.sees(&scope.coverage, source), self.options.require_all);
        for diagnostic in diagnostics {
            self.push_later(diagnostic);
        }
        self.settle();
        Ok(())
    }

    /// The files checked so far; a lock or a live export read counts as one.
    pub fn files(&self) -> usize {
        self.results.files
    }

    /// Sorts the findings and makes their fingerprints unique, in place: reports then show them as they
    /// are, with no copy (a large repository's findings are most of a run's memory). Run at the end of
    /// [`Engine::finish`] and [`Engine::drift`]; the findings a later run of it meets are only those
    /// added since (drift's, which share no fingerprint with the others).
    fn settle(&mut self) {
        settle(&mut self.results.findings);
        self.settled = true;
        self.report = OnceCell::new();
    }

    /// Every finding so far, sorted by path, line, column and rule, with unique fingerprints; the
    /// baseline is not applied (this is what `--write-baseline` records).
    pub fn all_findings(&self) -> Report {
        let mut report = self.results.clone();
        if !self.settled {
            settle(&mut report.findings);
        }
        report
    }

    /// The report so far: [`Engine::all_findings`] less those the baseline records.
    pub fn report(&self) -> &Report {
        if self.settled && self.baseline.is_none() {
            return &self.results;
        }
        self.report.get_or_init(|| {
            let mut report = self.all_findings();
            if let Some(baseline) = &self.baseline {
                let before = report.findings.len();
                report.findings.retain(|f| !baseline.contains(&f.fingerprint));
                report.baselined = before - report.findings.len();
            }
            report
        })
    }

    /// 1 when a reported, verifiable finding reaches `--fail-on`; else 3 when something could not be
    /// verified; else 0.
    pub fn exit_code(&self) -> i32 {
        exit_code(self.report(), self.options.fail_on)
    }
}

/// Sorts `findings` by path, line, column and rule, and gives each repeat of a fingerprint its own.
fn settle(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Counted by index first: keys borrowed from the findings, not a copy of each fingerprint.
    let mut occurrences: foldhash::HashMap<&str, usize> = foldhash::HashMap::with_capacity_and_hasher(findings.len(), Default::default());
    let repeats: Vec<(usize, usize)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, finding)| {
            let seen = occurrences.entry(finding.fingerprint.as_str()).or_insert(0);
            *seen += 1;
            (*seen > 1).then_some((i, *seen - 1))
        })
        .collect();
    for (i, occurrence) in repeats {
        findings[i].disambiguate(occurrence);
    }
}

/// A report's exit status: 1 when a verifiable finding reaches `fail_on`; else 3 when something could
/// not be verified; else 0.
pub fn exit_code(report: &Report, fail_on: FailOn) -> i32 {
    match fail_on.threshold() {
        Some(t) if report.findings.iter().any(|f| f.severity >= t && !f.unverifiable) => 1,
        _ if report.findings.iter().any(|f| f.unverifiable) => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
        engine.finish();
        let first = engine.all_findings();
        let prints: HashSet<&str> = first.findings.iter().map(|f| f.fingerprint.as_str()).collect();
        assert_eq!((first.findings.len(), prints.len()), (2, 2));
        // Stable: moving both down keeps both fingerprints.
        let mut moved = Engine::new(Config::default(), Options::default()).unwrap();
        moved.add_file("Dockerfile", format!("\n\n{text}").as_bytes(), None);
        moved.finish();
        let again: Vec<String> = moved.all_findings().findings.into_iter().map(|f| f.fingerprint).collect();
        assert_eq!(again, first.findings.iter().map(|f| f.fingerprint.clone()).collect::<Vec<_>>());
    }
}
