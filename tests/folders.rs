//! Rules that compare the files of one folder (`unlocked-provider`, `helm-lock-mismatch`) and the per-file
//! `unpinned-module`: every folder under `tests/folders/` is checked as one run, and its findings must
//! equal the folder's `expected` exactly, one line per finding:
//! `path:line:column severity rule subject | message`. `FIXITY_BLESS=1` rewrites them (review the diff).

use fixity::{Config, Engine, Options};
use std::path::Path;

#[test]
fn folders_match_their_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/folders");
    let mut folders: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    folders.sort();
    let mut failures = Vec::new();
    for folder in folders {
        let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).filter(|p| p.file_name().is_some_and(|n| n != "expected")).collect();
        files.sort();
        let actual = findings(&files, false);
        // A worker sends each file's analysis to the run as JSON: the cross-file rules' facts must come
        // through whole.
        assert_eq!(findings(&files, true), actual, "{}: through JSON", folder.display());
        let expected_path = folder.join("expected");
        if std::env::var_os("FIXITY_BLESS").is_some() {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!("{}\n--- expected\n{expected}--- actual\n{actual}", folder.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A values file the user names is judged without its chart; walked, it waits for the `Chart.yaml`.
#[test]
fn a_named_values_file_is_judged_alone() {
    let values = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/folders/helm-values/values.yaml")).unwrap();
    let findings = |named: bool| {
        let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
        if named {
            assert!(engine.add_named_file("chart/values.yaml", &values, None));
        } else {
            engine.add_file("chart/values.yaml", &values, None);
        }
        engine.finish();
        engine.report().findings.iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect::<Vec<_>>()
    };
    assert_eq!(findings(false), Vec::<String>::new());
    assert_eq!(
        findings(true),
        [
            "3:15 image `nginx` has no `tag`: the chart's templates usually default it to Chart.yaml's `appVersion`, which this run did not read; whichever tag runs, it is not pinned by digest",
            "10:10 image `ghcr.io/acme/sidecar:2.1` is not pinned by digest",
            "19:10 image `prom/statsd-exporter:v0.26.0` is not pinned by digest",
        ]
    );
}

/// The findings of one run over `files`, one line each; `through_json`: each file analyzed by a second
/// engine, as a worker does, and its result taken in from JSON.
fn findings(files: &[std::path::PathBuf], through_json: bool) -> String {
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    let worker = Engine::new(Config::default(), Options::default()).unwrap();
    for file in files {
        let rel = file.file_name().unwrap().to_string_lossy().to_string();
        assert!(engine.wants(&rel), "{rel} is not a file fixity reads");
        let bytes = std::fs::read(file).unwrap();
        if through_json {
            let json = serde_json::to_string(&worker.analyze_file(&rel, &bytes, false)).unwrap();
            engine.add_result(serde_json::from_str(&json).unwrap());
        } else {
            engine.add_file(&rel, &bytes, None);
        }
    }
    engine.finish();
    engine.report().findings.iter().map(|f| format!("{}:{}:{} {} {} {} | {}\n", f.path, f.line, f.column, f.severity.as_str(), f.rule, f.subject, f.message)).collect()
}
