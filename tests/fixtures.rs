//! Snapshot tests: every file under `tests/fixtures/` (other than `*.expected`) is checked on its own, and
//! its findings must equal `<file>.expected` exactly, one line per finding:
//! `line:column-end_line:end_column severity rule subject #fingerprint | message` (the fingerprint's first 16
//! hex digits: baselines and code-scanning alerts key on it, so a change to one is a change users see).
//! Run with `FIXITY_BLESS=1` to write the expectations after a deliberate change, then review the diff.

use fixity::{Config, Engine, Options};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_none_or(|e| e != "expected") {
            out.push(path);
        }
    }
}

/// The findings for one fixture, in the snapshot's line format.
pub fn snapshot(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    engine.add_file(&rel, &std::fs::read(file).unwrap(), None);
    engine.finish();
    let report = engine.report();
    report
        .findings
        .iter()
        .map(|f| format!("{}:{}-{}:{} {} {} {} #{} | {}\n", f.line, f.column, f.end_line, f.end_column, f.severity.as_str(), f.rule, f.subject, &f.fingerprint[..16], f.message))
        .collect()
}

#[test]
fn fixtures_match_their_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    files(&root, &mut all);
    assert!(!all.is_empty(), "no fixtures found");
    let bless = std::env::var_os("FIXITY_BLESS").is_some();
    let mut failures = Vec::new();
    for file in &all {
        let actual = snapshot(&root, file);
        let expected_path = PathBuf::from(format!("{}.expected", file.display()));
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| panic!("missing {}", expected_path.display()));
        if actual != expected {
            failures.push(format!("{}\n--- expected\n{expected}--- actual\n{actual}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// A worker analyzes a file and judges its findings (severities, suppressions, fingerprints); the run takes
/// the result in from JSON. Every fixture's findings must come through whole, snippets and suppressions
/// (used or stale) included, as the run's own engine makes them.
#[test]
fn fixtures_through_a_worker_give_the_same_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    files(&root, &mut all);
    let worker = Engine::new(Config::default(), Options::default()).unwrap();
    for file in &all {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(file).unwrap();
        let mut direct = Engine::new(Config::default(), Options::default()).unwrap();
        direct.add_file(&rel, &bytes, None);
        direct.finish();
        let mut run = Engine::new(Config::default(), Options::default()).unwrap();
        let json = serde_json::to_vec(&worker.analyze_file(&rel, &bytes, false)).unwrap();
        run.add_result(serde_json::from_slice(&json).unwrap());
        run.finish();
        assert_eq!(run.report().findings, direct.report().findings, "{rel}");
        assert_eq!(run.files(), direct.files(), "{rel}");
    }
}
