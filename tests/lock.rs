//! `fixity lock`, lock verification and `fixity drift` end to end, through the engine API the shim calls,
//! on real-format fixtures under `tests/lock/`. Expected lock files are snapshots: `FIXITY_BLESS=1`
//! rewrites them after a deliberate change (review the diff).

use fixity::{Config, Engine, Options};
use std::path::{Path, PathBuf};

const KEY: &[u8] = b"test-hmac-key-not-secret";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lock").join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

fn engine() -> Engine {
    Engine::new(Config::default(), Options::default()).unwrap()
}

/// Findings as `path:line:column severity rule | message`, one a line.
fn lines(engine: &Engine) -> String {
    engine.report().findings.iter().map(|f| format!("{}:{}:{} {} {} | {}\n", f.path, f.line, f.column, f.severity.as_str(), f.rule, f.message)).collect()
}

/// The lock of some files (path, text), or the findings that prevent it.
fn lock(files: &[(&str, &str)], key: Option<&[u8]>) -> Result<String, String> {
    let mut e = engine();
    e.start_lock(key);
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    e.lock_text().map_err(|r| r.findings.iter().map(|f| format!("{}:{}:{} {} | {}\n", f.path, f.line, f.column, f.rule, f.message)).collect())
}

fn check(lock_text: &str, files: &[(&str, &str)], key: Option<&[u8]>) -> (String, i32) {
    let mut e = engine();
    e.verify_lock("fixity.lock.json", lock_text, key);
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    (lines(&e), e.exit_code())
}

fn drift(lock_text: Option<&str>, files: &[(&str, &str)], live: (&str, &str), key: Option<&[u8]>) -> Result<(String, i32), String> {
    let mut e = engine();
    e.start_drift(lock_text.map(|t| ("fixity.lock.json", t)), key);
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    e.drift(live.0, live.1)?;
    Ok((lines(&e), e.exit_code()))
}

fn snapshot(rel: &str, actual: &str) {
    let path = fixture(rel);
    if std::env::var_os("FIXITY_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
    assert_eq!(actual, expected, "{rel} differs (FIXITY_BLESS=1 rewrites it)");
}

#[test]
fn kubernetes_round_trip() {
    let web = read("shop/web.yaml");
    let files = [("shop/web.yaml", web.as_str())];
    let locked = lock(&files, Some(KEY)).unwrap();
    snapshot("shop/fixity.lock.json", &locked);
    assert_eq!(lock(&files, Some(KEY)).unwrap(), locked, "the same inputs give the same bytes");

    // Verify clean.
    assert_eq!(check(&locked, &files, Some(KEY)), (String::new(), 0));

    // Reordering what has a natural key, respelling booleans, quantities and octals: still clean.
    let respelled = web.replace("automountServiceAccountToken: no", "automountServiceAccountToken: false").replace("cpu: 0.5", "cpu: 500m").replace("defaultMode: 0644", "defaultMode: 420");
    assert_eq!(check(&locked, &[("shop/web.yaml", &respelled)], Some(KEY)), (String::new(), 0));

    // Edit one field: the finding names that pointer, where it is written.
    let edited = web.replace("replicas: 3", "replicas: 4");
    assert_eq!(
        check(&locked, &[("shop/web.yaml", &edited)], Some(KEY)),
        ("shop/web.yaml:9:13 error lock-mismatch | `k8s:apps/Deployment:shop/web` differs from fixity.lock.json: changed `/spec/replicas`\n".to_string(), 1)
    );

    // A secret changed: named, never shown.
    let rotated = web.replace("password: hunter2", "password: hunter3");
    assert_eq!(
        check(&locked, &[("shop/web.yaml", &rotated)], Some(KEY)).0,
        "shop/web.yaml:74:13 error lock-mismatch | `k8s:core/Secret:shop/web-db` differs from fixity.lock.json: changed `/data/password`\n"
    );

    // Without the key, secrets cannot be verified: exit 3, nothing else.
    assert_eq!(
        check(&locked, &files, None),
        (
            "shop/web.yaml:5:9 warning lock-mismatch | `k8s:apps/Deployment:shop/web` cannot be fully verified: secret `/spec/template/spec/containers/name=web/env/name=SESSION_SECRET/value` was locked with an HMAC key; set FIXITY_HMAC_KEY to verify it\nshop/web.yaml:70:9 warning lock-mismatch | `k8s:core/Secret:shop/web-db` cannot be fully verified: secret `/data/password` was locked with an HMAC key; set FIXITY_HMAC_KEY to verify it\n".to_string(),
            3
        )
    );

    // Drift: server defaults and status are not drift; the one changed field is.
    let live = read("shop/live.json");
    assert_eq!(
        drift(Some(&locked), &files, ("live.json", &live), Some(KEY)).unwrap(),
        ("shop/web.yaml:9:13 error drift | `/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: declared 3, live 5\n".to_string(), 1)
    );
    // Without the declared files, the lock alone says where and what changed.
    let (found, code) = drift(Some(&locked), &[], ("live.json", &live), Some(KEY)).unwrap();
    assert_eq!((found.as_str(), code), ("fixity.lock.json:6:5 error drift | `/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: live 5 does not match the locked digest\n", 1));
    // In sync.
    let synced = live.replace("\"replicas\": 5,\n                \"revisionHistoryLimit\"", "\"replicas\": 3,\n                \"revisionHistoryLimit\"");
    assert_eq!(drift(Some(&locked), &files, ("live.json", &synced), Some(KEY)).unwrap(), (String::new(), 0));
}
