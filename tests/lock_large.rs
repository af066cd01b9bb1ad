//! `fixity lock`, verification and `drift` on one object with a very long list take linear time: a
//! quadratic step (a natural key checked or a leaf located by scanning the list) would take minutes here.
//! No timing is asserted; the findings are.

use fixity::{Config, Engine, Options};

// 30,000 keeps the debug build under ten seconds; quadratic steps would still take minutes.
const ENTRIES: usize = 30_000;

fn engine() -> Engine {
    Engine::new(Config::default(), Options::default()).unwrap()
}

/// A Pod whose container has `ENTRIES` environment variables, `VAR_<i>` = `value-<i>`.
fn pod() -> String {
    let mut text = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: app@sha256:0000000000000000000000000000000000000000000000000000000000000000\n      env:\n");
    for i in 0..ENTRIES {
        text.push_str(&format!("        - name: VAR_{i}\n          value: value-{i}\n"));
    }
    text
}

/// The Pod as `kubectl get -o json` exports it, with `VAR_<changed>` set to `changed`.
fn live(changed: usize) -> String {
    let env: Vec<serde_json::Value> = (0..ENTRIES).map(|i| serde_json::json!({"name": format!("VAR_{i}"), "value": if i == changed { "changed".to_string() } else { format!("value-{i}") }})).collect();
    serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "big", "namespace": "shop"}, "spec": {"containers": [{"name": "app", "image": format!("app@sha256:{}", "0".repeat(64)), "env": env}]}}).to_string()
}

fn messages(e: &Engine) -> Vec<String> {
    e.report().findings.iter().map(|f| format!("{}:{}:{} {}", f.path, f.line, f.column, f.message)).collect()
}

#[test]
fn a_pod_with_30000_env_entries_locks_verifies_and_drifts_in_linear_time() {
    let pod = pod();
    let mut e = engine();
    e.start_lock(None, Default::default()).unwrap();
    e.add_file("big.yaml", pod.as_bytes(), None);
    e.finish();
    let locked = e.lock_text().unwrap();
    assert_eq!(locked.matches("/env/name=VAR_").count(), 2 * ENTRIES);

    // One value edited near the end: found and located by pointer.
    let last = ENTRIES - 1;
    let edited = pod.replace(&format!("value: value-{last}\n"), "value: edited\n");
    let mut e = engine();
    e.verify_lock("fixity.lock.json", Some(locked.clone()), false, None, Default::default()).unwrap();
    e.add_file("big.yaml", edited.as_bytes(), None);
    e.finish();
    assert_eq!(messages(&e), [format!("big.yaml:{}:18 `k8s:core/Pod:shop/big` differs from fixity.lock.json: changed `/spec/containers/name=app/env/name=VAR_{last}/value`", 11 + 2 * last + 1)]);

    let mut e = engine();
    e.start_drift("fixity.lock.json", Some(locked.clone()), false, ("live.json", &live(last)), None, Default::default()).unwrap();
    e.add_file("big.yaml", pod.as_bytes(), None);
    e.finish();
    e.drift().unwrap();
    assert_eq!(
        messages(&e),
        [format!("big.yaml:{}:18 `/spec/containers/name=app/env/name=VAR_{last}/value` of `k8s:core/Pod:shop/big` drifted: declared \"value-{last}\", live \"changed\"", 11 + 2 * last + 1)]
    );
}

/// A live export that cannot be read is refused before any declared file is read.
#[test]
fn a_bad_live_export_is_refused_first() {
    let mut e = engine();
    assert_eq!(e.start_drift("fixity.lock.json", None, false, ("live.json", "{\"kind\": "), None, Default::default()), Err("live.json:1:9: the live export is not valid JSON (invalid JSON: EOF while parsing a value)".into()));
}
