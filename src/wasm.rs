//! The wasm-bindgen surface used by the JS shim (CLI, Action, playground). Inputs and outputs are plain
//! strings and bytes; errors are one-line messages.

use crate::baseline::{self, Baseline};
use crate::engine::{self, Engine, FailOn, Options};
use crate::{output, rules, sources, Config};
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
}

/// One run: configure it, add files, render the report.
#[wasm_bindgen]
pub struct Checker {
    engine: Engine,
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
        let fail_on = match options.fail_on.as_deref() {
            None => FailOn::Error,
            Some(s) => FailOn::parse(s).ok_or_else(|| JsError::new(&format!("invalid fail-on level `{s}` (expected error, warning, note or never)")))?,
        };
        let options = Options { select: options.select, ignore: options.ignore, exclude: options.exclude, fail_on };
        Engine::new(config, options).map(|engine| Checker { engine }).map_err(|e| JsError::new(&e))
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

    /// Records a file too large to read.
    #[wasm_bindgen(js_name = addOversized)]
    pub fn add_oversized(&mut self, path: &str, bytes: f64) {
        self.engine.add_oversized(path, bytes as usize);
    }

    /// The lock file name the configuration asks for.
    #[wasm_bindgen(js_name = lockFile)]
    pub fn lock_file(&self) -> Option<String> {
        self.engine.config().lock.clone()
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

    /// `check`: verify this lock against the files that follow. `key`: `FIXITY_HMAC_KEY`, if set (an
    /// error when it is too short).
    #[wasm_bindgen(js_name = verifyLock)]
    pub fn verify_lock(&mut self, path: &str, text: &str, key: Option<Vec<u8>>) -> Result<(), JsError> {
        self.engine.verify_lock(path, text, key.as_deref()).map_err(|e| JsError::new(&e))
    }

    /// `lock`: gather the resources of the files that follow.
    #[wasm_bindgen(js_name = startLock)]
    pub fn start_lock(&mut self, key: Option<Vec<u8>>) -> Result<(), JsError> {
        self.engine.start_lock(key.as_deref()).map_err(|e| JsError::new(&e))
    }

    /// `drift`: reads the live export (an error when it cannot be read); the files that follow are the
    /// declared side; `lock` (path and text), when there is one, is what the live export is compared with.
    #[wasm_bindgen(js_name = startDrift)]
    pub fn start_drift(&mut self, lock_path: Option<String>, lock_text: Option<String>, live_path: &str, live_text: &str, key: Option<Vec<u8>>) -> Result<(), JsError> {
        let lock = lock_path.as_deref().zip(lock_text.as_deref());
        self.engine.start_drift(lock, (live_path, live_text), key.as_deref()).map_err(|e| JsError::new(&e))
    }

    /// Runs the checks that need every file (provider and chart locks, removed lock entries). Call once,
    /// after the last file.
    pub fn finish(&mut self) {
        self.engine.finish();
    }

    /// `lock`: the new lock's text, or undefined when a file could not be read or identities repeat (the
    /// report says which; no partial lock is ever made).
    #[wasm_bindgen(js_name = lockText)]
    pub fn lock_text(&self) -> Option<String> {
        self.engine.lock_text().ok()
    }

    /// `drift`: compares the live export with the lock. Call after `finish`.
    pub fn drift(&mut self) -> Result<(), JsError> {
        self.engine.drift().map_err(|e| JsError::new(&e))
    }

    /// The report in one of `formats()`.
    pub fn render(&self, format: &str) -> Result<String, JsError> {
        output::render(self.engine.report(), format, crate::VERSION)
            .ok_or_else(|| JsError::new(&format!("unknown format `{format}` (expected one of: {})", output::FORMATS.join(", "))))
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

/// The rule table (`fixity rules`).
#[wasm_bindgen(js_name = rulesTable)]
pub fn rules_table() -> String {
    rules::table()
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
