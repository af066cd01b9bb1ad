//! The wasm-bindgen surface used by the JS shim (CLI, Action, playground). Inputs and outputs are plain
//! strings and bytes; errors are one-line messages.

use crate::baseline::{self, Baseline};
use crate::engine::{self, Coverage, Engine, FailOn, Options};
use crate::pin::verify::Verifier;
use crate::pin::{self, Pinner};
use crate::resolve::{Answer, Credentials, Resolver, Servers};
use crate::model::Report;
use crate::{output, rules, shard, sources, Config};
use std::collections::HashMap;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

// Parsing allocates many small short-lived values; talc serves them faster than the default dlmalloc
// (measured with `npm run bench`).
#[global_allocator]
static ALLOCATOR: talc::cell::TalcSyncCell<GrowGeometrically, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(GrowGeometrically { end: None });

/// Grows the wasm memory by at least a quarter of its size at a time, not just enough for the allocation
/// at hand: V8 collects garbage at every growth, and a lock of a large repository, held in memory until it
/// is written, would otherwise grow it thousands of times (measured: `fixity lock` on the benchmark corpus
/// took twice as long).
#[derive(Debug)]
struct GrowGeometrically {
    end: Option<std::ptr::NonNull<u8>>,
}

// SAFETY: allocates nothing itself; every region it hands to talc was just added by `memory.grow`.
unsafe impl talc::source::Source for GrowGeometrically {
    fn acquire<B: talc::base::binning::Binning>(talc: &mut talc::base::Talc<Self, B>, layout: std::alloc::Layout) -> Result<(), ()> {
        const PAGE: usize = 64 * 1024;
        // Room for the allocation, its alignment and talc's bookkeeping, generously.
        let needed = (layout.size() + layout.align() + 4096).div_ceil(PAGE);
        let mut pages = needed.max(core::arch::wasm32::memory_size::<0>() / 4);
        let mut previous = core::arch::wasm32::memory_grow::<0>(pages);
        // Near the memory's limit, what the allocation needs may still fit.
        if previous == usize::MAX && pages > needed {
            pages = needed;
            previous = core::arch::wasm32::memory_grow::<0>(pages);
        }
        if previous == usize::MAX {
            return Err(());
        }
        let base = (previous * PAGE) as *mut u8;
        let end = (previous * PAGE).saturating_add(pages * PAGE) as *mut u8;
        // SAFETY: `base..end` is fresh memory, owned by nobody; it extends the heap when it follows it.
        talc.source.end = unsafe {
            match talc.source.end.take() {
                Some(old_end) if old_end.as_ptr() == base => Some(talc.extend(old_end, end)),
                _ => talc.claim(base, pages * PAGE),
            }
        };
        Ok(())
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct RunOptions {
    select: Vec<String>,
    ignore: Vec<String>,
    exclude: Vec<String>,
    fail_on: Option<String>,
    require_all: bool,
}

#[wasm_bindgen]
extern "C" {
    /// Where the shim has a report written (a file, standard output): `write(bytes)` is called with each
    /// piece in turn, a view of the core's memory that is valid only during the call.
    pub type Sink;

    #[wasm_bindgen(method, catch)]
    fn write(this: &Sink, bytes: &[u8]) -> Result<(), JsValue>;
}

/// Writes `report` in `format` to `sink` piece by piece; the first error the sink throws is thrown again
/// once the rendering stops.
fn write_report(report: &Report, format: &str, sink: &Sink) -> Result<(), JsValue> {
    let mut failed = None;
    let known = output::write(report, format, crate::VERSION, &mut |piece| {
        if failed.is_none() {
            failed = sink.write(piece.as_bytes()).err();
        }
    });
    if !known {
        return Err(unknown_format(format).into());
    }
    failed.map_or(Ok(()), Err)
}

/// A file's bytes, gathered in the core a piece at a time (`push`): a large file (a lock) is then never
/// whole in the shim's memory as well. A checker method that takes it takes it over.
#[wasm_bindgen]
pub struct Bytes {
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl Bytes {
    /// Room for `capacity` bytes, the size the file had (more may come).
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: f64) -> Bytes {
        Bytes { bytes: Vec::with_capacity(capacity as usize) }
    }

    pub fn push(&mut self, piece: &[u8]) {
        self.bytes.extend_from_slice(piece);
    }
}

impl Bytes {
    /// The bytes as text, kept in place when they are UTF-8; what is not becomes U+FFFD, as the shim's
    /// own decoding does.
    fn text(self) -> String {
        String::from_utf8(self.bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// One run: configure it, add files, render the report.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
    /// `pin` and `update`, once the files are in.
    pinner: Option<Pinner>,
    /// `check --online`, once the files are in.
    verifier: Option<Verifier>,
}

/// What the shim tells `pin` and `update`: the command's flags, where the servers are, and the
/// credentials it read (which the core alone hands to requests).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct PinSetup {
    update: bool,
    branches: bool,
    github_server: Option<String>,
    gitlab_server: Option<String>,
    registry_auths: HashMap<String, String>,
    github_token: Option<String>,
    gitlab_token: Option<(String, String)>,
}

/// The resolver a `PinSetup` (JSON) asks for, and the setup. `.fixity.yml`'s `resolve:` wins over the
/// environment's `GITHUB_SERVER_URL` and `CI_SERVER_URL`.
fn resolver_of(setup: &str, config: &Config) -> Result<(Resolver, PinSetup), JsError> {
    let setup: PinSetup = serde_json::from_str(setup).map_err(|e| JsError::new(&format!("invalid pin setup: {e}")))?;
    let mut servers = Servers::default();
    let resolve = &config.resolve;
    servers.github = resolve.github.clone().or_else(|| setup.github_server.clone()).unwrap_or(servers.github);
    servers.gitlab = resolve.gitlab.clone().or_else(|| setup.gitlab_server.clone()).unwrap_or(servers.gitlab);
    servers.registries = resolve.registries.iter().cloned().collect();
    // Tokens go to the servers the environment names, whatever `resolve:` says (see `Credentials`).
    let defaults = Credentials::default();
    let credentials = Credentials {
        registries: setup.registry_auths.clone(),
        github: setup.github_token.clone(),
        github_server: setup.github_server.clone().unwrap_or(defaults.github_server),
        gitlab: setup.gitlab_token.clone(),
        gitlab_server: setup.gitlab_server.clone().unwrap_or(defaults.gitlab_server),
    };
    Ok((Resolver::new(servers, credentials), setup))
}

#[wasm_bindgen]
impl Checker {
    /// `config` is the text of `.fixity.yml` (named `config_name` in errors), if any; `options` is JSON
    /// `{select, ignore, exclude, failOn}`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: Option<String>, config_name: &str, options: &str) -> Result<Checker, JsError> {
        let options: RunOptions = serde_json::from_str(options).map_err(|e| JsError::new(&format!("invalid options: {e}")))?;
        let config = match config {
            Some(text) => Config::parse(&text, &rules::knobs).map_err(|e| JsError::new(&format!("{config_name}:{e}")))?,
            None => Config::default(),
        };
        let fail_on = fail_on_of(options.fail_on.as_deref())?;
        let options = Options { select: options.select, ignore: options.ignore, exclude: options.exclude, fail_on, require_all: options.require_all };
        Engine::new(config, options).map(|engine| Checker { engine, pinner: None, verifier: None }).map_err(|e| JsError::new(&e))
    }

    /// Whether a path is excluded (a folder: skip all below it).
    pub fn excludes(&self, path: &str) -> bool {
        self.engine.excludes(path)
    }

    /// Whether a file is worth reading at all.
    pub fn wants(&self, path: &str) -> bool {
        self.engine.wants(path)
    }

    /// Checks one file; `kind` (a kind name from `kinds()`) overrides classification.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, path: &str, bytes: &[u8], kind: Option<String>) {
        let kind = kind.as_deref().and_then(sources::by_name);
        self.engine.add_file(path, bytes, kind);
    }

    /// Checks a file the user named (a path given, standard input): its content may tell any kind. Returns
    /// whether it was a manifest fixity checks.
    #[wasm_bindgen(js_name = addNamedFile)]
    pub fn add_named_file(&mut self, path: &str, bytes: &[u8], kind: Option<String>) -> bool {
        let kind = kind.as_deref().and_then(sources::by_name);
        self.engine.add_named_file(path, bytes, kind)
    }

    /// A worker's share of `addFile` (`named`: of `addNamedFile`): the file's analysis as JSON bytes, for
    /// the run's checker to take in with `addResult`. Bytes rather than a string: they cross to the main
    /// thread without being decoded, copied and encoded again (a worker transfers their buffer).
    #[wasm_bindgen(js_name = analyzeFile)]
    pub fn analyze_file(&self, path: &str, bytes: &[u8], named: bool) -> Result<Vec<u8>, JsError> {
        let result = self.engine.analyze_file(path, bytes, named);
        serde_json::to_vec(&result).map_err(|e| JsError::new(&format!("{path}: cannot send its analysis: {e}")))
    }

    /// A worker's share of `addOversized`, as `analyzeFile` gives it.
    #[wasm_bindgen(js_name = analyzeOversized)]
    pub fn analyze_oversized(&self, path: &str, bytes: f64) -> Result<Vec<u8>, JsError> {
        serde_json::to_vec(&crate::analysis::oversized(path, bytes as usize)).map_err(|e| JsError::new(&format!("{path}: cannot send its analysis: {e}")))
    }

    /// Takes in a file's analysis from a worker (`analyzeFile`), in the order the files were found;
    /// returns whether it was a manifest fixity checks.
    #[wasm_bindgen(js_name = addResult)]
    pub fn add_result(&mut self, json: &[u8]) -> Result<bool, JsError> {
        let result = serde_json::from_slice(json).map_err(|e| JsError::new(&format!("invalid analysis from a worker: {e}")))?;
        Ok(self.engine.add_result(result))
    }

    /// `check --shard K/N`: this run checks shard `spec` of `files` (JSON `[[path, size]]`: every file
    /// the run found, each once); `inShard` says which to add. Call before the lock and the files.
    #[wasm_bindgen(js_name = setShard)]
    pub fn set_shard(&mut self, spec: &str, files: &str) -> Result<(), JsError> {
        let files: Vec<(String, u64)> = serde_json::from_str(files).map_err(|e| JsError::new(&format!("invalid files: {e}")))?;
        self.engine.set_shard(spec, &files).map_err(|e| JsError::new(&e))
    }

    /// Whether the file at `path` is this run's to check.
    #[wasm_bindgen(js_name = inShard)]
    pub fn in_shard(&self, path: &str) -> bool {
        self.engine.in_shard(path)
    }

    /// Records a file too large to read.
    #[wasm_bindgen(js_name = addOversized)]
    pub fn add_oversized(&mut self, path: &str, bytes: f64) {
        self.engine.add_oversized(path, bytes as usize);
    }

    /// Where the lock is unless one is named: the configuration's `lock:` (or `fixity.lock.json`) in
    /// `configDir`, the configuration's folder (undefined: the working directory).
    #[wasm_bindgen(js_name = lockPath)]
    pub fn lock_path(&self, config_dir: Option<String>) -> String {
        self.engine.lock_path(config_dir.as_deref())
    }

    /// The environments a command runs for, as JSON `[{name, paths, lock, namespace}]` (paths and lock
    /// relative to the configuration's folder): `name`'s, or every one the configuration defines.
    pub fn environments(&self, name: Option<String>) -> Result<String, JsError> {
        let environments = self.engine.config().environments_for(name.as_deref()).map_err(|e| JsError::new(&e))?;
        let json: Vec<serde_json::Value> = environments
            .iter()
            .map(|e| serde_json::json!({"name": e.name, "paths": e.paths, "lock": e.lock_file(), "namespace": e.namespace}))
            .collect();
        Ok(serde_json::Value::Array(json).to_string())
    }

    /// The working directory relative to the repository root (`/`-separated; empty at the root): files
    /// are classified by their place in the repository.
    #[wasm_bindgen(js_name = setBase)]
    pub fn set_base(&mut self, base: &str) {
        self.engine.set_base(base);
    }

    /// The paths this run covers (display paths): lock entries from elsewhere are not reported removed.
    #[wasm_bindgen(js_name = setScope)]
    pub fn set_scope(&mut self, roots: Vec<String>) {
        self.engine.set_scope(roots);
    }

    /// `check`: verify the lock at `path` (its `Bytes`, undefined when there is no such file: an error when
    /// it was `named`) against the files that follow. `key`: `FIXITY_HMAC_KEY`, if set (an error when it is
    /// too short).
    /// `coverage` (JSON `{environment, paths, namespace}`, all optional) says what the lock is about.
    #[wasm_bindgen(js_name = verifyLock)]
    pub fn verify_lock(&mut self, path: &str, bytes: Option<Bytes>, named: bool, key: Option<Vec<u8>>, coverage: Option<String>) -> Result<(), JsError> {
        self.engine.verify_lock(path, bytes.map(Bytes::text), named, key.as_deref(), coverage_of(coverage)?).map_err(|e| JsError::new(&e))
    }

    /// `lock`: gather the resources of the files that follow.
    #[wasm_bindgen(js_name = startLock)]
    pub fn start_lock(&mut self, key: Option<Vec<u8>>, coverage: Option<String>) -> Result<(), JsError> {
        self.engine.start_lock(key.as_deref(), coverage_of(coverage)?).map_err(|e| JsError::new(&e))
    }

    /// `drift`: reads the live export (an error when it cannot be read); the files that follow are the
    /// declared side; the lock at `lockPath` (its `Bytes`, undefined when there is none: an error when it was
    /// `named`) is what the live export is compared with.
    #[wasm_bindgen(js_name = startDrift)]
    pub fn start_drift(&mut self, lock_path: &str, lock_bytes: Option<Bytes>, named: bool, live_path: &str, live_text: &str, key: Option<Vec<u8>>, coverage: Option<String>) -> Result<(), JsError> {
        let coverage = coverage_of(coverage)?;
        self.engine.start_drift(lock_path, lock_bytes.map(Bytes::text), named, (live_path, live_text), key.as_deref(), coverage).map_err(|e| JsError::new(&e))
    }

    /// `pin`, `update`: keep the references of the files that follow.
    #[wasm_bindgen(js_name = startPin)]
    pub fn start_pin(&mut self) {
        self.engine.start_pin();
    }

    /// `pin`, `update`: after `finish`, decides what to resolve; `setup` is JSON (see `PinSetup`).
    #[wasm_bindgen(js_name = planPins)]
    pub fn plan_pins(&mut self, setup: &str) -> Result<(), JsError> {
        let (resolver, setup) = resolver_of(setup, self.engine.config())?;
        let options = pin::Options { update: setup.update, branches: setup.branches };
        self.pinner = Some(Pinner::new(self.engine.take_pinning(), resolver, options));
        Ok(())
    }

    /// `check --online`: after the files and before `finish`, decides which pins to verify; `setup` is
    /// JSON (see `PinSetup`).
    #[wasm_bindgen(js_name = planOnline)]
    pub fn plan_online(&mut self, setup: &str) -> Result<(), JsError> {
        let (resolver, _) = resolver_of(setup, self.engine.config())?;
        self.verifier = Some(Verifier::new(self.engine.take_pinning(), resolver));
        Ok(())
    }

    /// `check --online`: adds the findings about the pins verified. Call when no request is left, before
    /// `finish`.
    #[wasm_bindgen(js_name = finishOnline)]
    pub fn finish_online(&mut self) {
        if let Some(verifier) = self.verifier.take() {
            self.engine.add_online(verifier.findings());
        }
    }

    /// The resolver of the `pin`, `update` or `check --online` under way.
    fn resolver(&mut self) -> Option<&mut Resolver> {
        match (self.pinner.as_mut(), self.verifier.as_mut()) {
            (Some(pinner), _) => Some(&mut pinner.resolver),
            (None, Some(verifier)) => Some(&mut verifier.resolver),
            (None, None) => None,
        }
    }

    /// The requests to make now, as JSON `[{id, method, url, headers, body?, host}]`.
    #[wasm_bindgen(js_name = pinRequests)]
    pub fn pin_requests(&mut self) -> String {
        let requests = self.resolver().map(Resolver::requests).unwrap_or_default();
        serde_json::to_string(&requests).unwrap_or_default()
    }

    /// The answer to request `id` (`headers`: JSON `[[name, value]]`, names in lowercase); returns the
    /// follow-up request as JSON, or undefined.
    #[wasm_bindgen(js_name = pinAnswer)]
    pub fn pin_answer(&mut self, id: u32, status: u16, headers: &str, body: Vec<u8>) -> Option<String> {
        let headers = serde_json::from_str(headers).unwrap_or_default();
        let next = self.resolver()?.answer(id, &Answer { status, headers, body })?;
        serde_json::to_string(&next).ok()
    }

    /// Request `id` could not be made (timeout, connection refused, retries spent).
    #[wasm_bindgen(js_name = pinFailed)]
    pub fn pin_failed(&mut self, id: u32, reason: &str) {
        if let Some(resolver) = self.resolver() {
            resolver.failed(id, reason);
        }
    }

    /// `[resolved, total]` targets, for progress.
    #[wasm_bindgen(js_name = pinProgress)]
    pub fn pin_progress(&mut self) -> Vec<u32> {
        let (done, total) = self.resolver().map(|r| r.progress()).unwrap_or_default();
        vec![done as u32, total as u32]
    }

    /// The outcome as JSON `{files: [[path, text]], diff, json, text, exitCode}`; `written`: the files are
    /// about to be written (not `--dry-run`).
    #[wasm_bindgen(js_name = pinOutcome)]
    pub fn pin_outcome(&self, written: bool) -> String {
        let result = self.pinner.as_ref().map(Pinner::finish).unwrap_or_default();
        let outcome = serde_json::json!({"files": result.files, "diff": result.diff, "json": result.json(), "text": result.text(written), "exitCode": result.exit_code()});
        outcome.to_string()
    }

    /// Runs the checks that need every file (provider and chart locks, removed lock entries). Call once,
    /// after the last file.
    pub fn finish(&mut self) {
        self.engine.finish();
    }

    /// `lock`: the new lock's text, or undefined when none is made ([`Checker::lock_refusal`] says why).
    #[wasm_bindgen(js_name = lockText)]
    pub fn lock_text(&self) -> Option<String> {
        self.engine.lock_text().ok()
    }

    /// `lock`: writes the new lock to `sink` piece by piece (see `writeReport`): a large lock is never
    /// whole in memory. An error, before anything is written, when none is made (`lockRefusal`).
    #[wasm_bindgen(js_name = writeLock)]
    pub fn write_lock(&self, sink: &Sink) -> Result<(), JsValue> {
        let mut failed = None;
        self.engine
            .write_lock(&mut |piece| {
                if failed.is_none() {
                    failed = sink.write(piece.as_bytes()).err();
                }
            })
            .map_err(|e| JsError::new(&e))?;
        failed.map_or(Ok(()), Err)
    }

    /// `lock`: why no lock is made (a file could not be read, identities repeat), if none is.
    #[wasm_bindgen(js_name = lockRefusal)]
    pub fn lock_refusal(&self) -> Option<String> {
        self.engine.lock_refusal()
    }

    /// `drift`: compares the live export with the lock. Call after `finish`.
    pub fn drift(&mut self) -> Result<(), JsError> {
        self.engine.drift().map_err(|e| JsError::new(&e))
    }

    /// The report in one of `formats()`.
    pub fn render(&self, format: &str) -> Result<String, JsError> {
        render(self.engine.report(), format)
    }

    /// The report in one of `formats()`, written to `sink` piece by piece: a large report is never whole
    /// in memory.
    #[wasm_bindgen(js_name = writeReport)]
    pub fn write_report(&self, format: &str, sink: &Sink) -> Result<(), JsValue> {
        write_report(self.engine.report(), format, sink)
    }

    /// The report's summary line (`Found 3 findings in 1 file: 3 errors.`).
    pub fn summary(&self) -> String {
        output::text::summary(self.engine.report()).trim_end().to_string()
    }

    /// The report's counts as JSON, as its JSON report's `summary` gives them (`{files, findings, error,
    /// warning, note, baselined?}`), without rendering the report.
    pub fn counts(&self) -> String {
        serde_json::to_string(&self.engine.report().summary()).unwrap_or_default()
    }

    /// Leaves out of reports what the baseline `text` (named `name` in errors) records.
    #[wasm_bindgen(js_name = useBaseline)]
    pub fn use_baseline(&mut self, text: &str, name: &str) -> Result<(), JsError> {
        let baseline = Baseline::parse(text).map_err(|e| JsError::new(&format!("{name}: {e}")))?;
        self.engine.use_baseline(baseline);
        Ok(())
    }

    /// A baseline recording every finding so far, whatever baseline is in use (`--write-baseline`).
    pub fn baseline(&self) -> String {
        baseline::render(&self.engine.all_findings())
    }

    /// The annotations for GitHub as JSON `[{level, message, properties?}]`: what `--format github` prints,
    /// for the Action to emit through `@actions/core`.
    pub fn annotations(&self) -> String {
        serde_json::to_string(&output::github::annotations(self.engine.report())).unwrap_or_default()
    }

    /// The files checked so far (a lock or a live export read counts as one): the shim fails a run that
    /// checks none.
    pub fn files(&self) -> u32 {
        self.engine.files() as u32
    }

    #[wasm_bindgen(js_name = exitCode)]
    pub fn exit_code(&self) -> i32 {
        self.engine.exit_code()
    }
}

/// `--fail-on`'s level (none: error).
fn fail_on_of(level: Option<&str>) -> Result<FailOn, JsError> {
    match level {
        None => Ok(FailOn::Error),
        Some(s) => FailOn::parse(s).ok_or_else(|| JsError::new(&format!("invalid fail-on level `{s}` (expected error, warning, note or never)"))),
    }
}

/// `fixity merge`: the one report of every shard's JSON report.
#[wasm_bindgen]
pub struct Merged {
    report: Report,
    fail_on: FailOn,
}

#[wasm_bindgen]
impl Merged {
    /// `reports` is JSON `[[name, text]]`: every shard report of one run (`name` names it in errors);
    /// `failOn` decides the exit status, as `check`'s does.
    #[wasm_bindgen(constructor)]
    pub fn new(reports: &str, fail_on: Option<String>) -> Result<Merged, JsError> {
        let fail_on = fail_on_of(fail_on.as_deref())?;
        let reports: Vec<(String, String)> = serde_json::from_str(reports).map_err(|e| JsError::new(&format!("invalid reports: {e}")))?;
        let report = shard::merge(&reports, crate::VERSION).map_err(|e| JsError::new(&e))?;
        Ok(Merged { report, fail_on })
    }

    /// The merged report in one of `formats()`.
    pub fn render(&self, format: &str) -> Result<String, JsError> {
        render(&self.report, format)
    }

    /// The merged report written to `sink` (see `Checker::writeReport`).
    #[wasm_bindgen(js_name = writeReport)]
    pub fn write_report(&self, format: &str, sink: &Sink) -> Result<(), JsValue> {
        write_report(&self.report, format, sink)
    }

    /// The files the shards checked together.
    pub fn files(&self) -> u32 {
        self.report.files as u32
    }

    #[wasm_bindgen(js_name = exitCode)]
    pub fn exit_code(&self) -> i32 {
        engine::exit_code(&self.report, self.fail_on)
    }
}

fn render(report: &Report, format: &str) -> Result<String, JsError> {
    output::render(report, format, crate::VERSION).ok_or_else(|| unknown_format(format))
}

fn unknown_format(format: &str) -> JsError {
    JsError::new(&format!("unknown format `{format}` (expected one of: {})", output::FORMATS.join(", ")))
}

/// A lock's coverage from its JSON (none: every file, no default namespace).
fn coverage_of(json: Option<String>) -> Result<Coverage, JsError> {
    json.map_or(Ok(Coverage::default()), |json| serde_json::from_str(&json).map_err(|e| JsError::new(&format!("invalid coverage: {e}"))))
}

#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

#[wasm_bindgen]
pub fn formats() -> Vec<String> {
    output::FORMATS.iter().map(|s| s.to_string()).collect()
}

#[wasm_bindgen]
pub fn kinds() -> Vec<String> {
    sources::ALL.iter().map(|k| k.name.to_string()).collect()
}

/// Every kind as JSON `[{name, label, lockable}]`, for the playground's picker and Lock view.
#[wasm_bindgen(js_name = kindsJson)]
pub fn kinds_json() -> String {
    let kinds: Vec<serde_json::Value> =
        sources::ALL.iter().map(|k| serde_json::json!({"name": k.name, "label": k.label, "lockable": k.resources != sources::Resources::None})).collect();
    serde_json::Value::Array(kinds).to_string()
}

/// The kind the core gives a file named by the user (as `addNamedFile` reads it), or undefined when it
/// checks nothing in it.
#[wasm_bindgen]
pub fn classify(path: &str, text: &str) -> Option<String> {
    sources::classify_given(path, text).map(|k| k.name.to_string())
}

#[wasm_bindgen(js_name = maxFileBytes)]
pub fn max_file_bytes() -> f64 {
    engine::MAX_FILE_BYTES as f64
}

/// `fixity policy`: the image policy of the configuration (`config`, named `config_name` in errors) as an
/// admission policy in `format` (`kyverno` or `vap`).
#[wasm_bindgen(js_name = admissionPolicy)]
pub fn admission_policy(config: Option<String>, config_name: &str, format: &str) -> Result<String, JsError> {
    let (config, source) = match config {
        Some(text) => (Config::parse(&text, &rules::knobs).map_err(|e| JsError::new(&format!("{config_name}:{e}")))?, config_name),
        None => (Config::default(), "the default configuration"),
    };
    crate::policy::render(&config, source, format).map_err(|e| JsError::new(&e))
}

/// The rule table (`fixity rules`).
#[wasm_bindgen(js_name = rulesTable)]
pub fn rules_table() -> String {
    rules::table()
}

/// `text` as reports show it (one line, controls escaped): for what the CLI and the Action print besides a
/// report, errors included, which name files and quote the repository's text.
#[wasm_bindgen]
pub fn visible(text: &str) -> String {
    output::escape::visible(text).into_owned()
}

/// One rule's documentation as Markdown (`fixity explain RULE`).
#[wasm_bindgen]
pub fn explain(rule: &str) -> Option<String> {
    rules::by_name(rule).map(rules::Rule::explain)
}

/// Every rule as JSON `[{name, severity, summary, docs}]`, for the playground's links and help.
#[wasm_bindgen(js_name = rulesJson)]
pub fn rules_json() -> String {
    rules::json()
}
