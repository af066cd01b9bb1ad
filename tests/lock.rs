//! `fixity lock`, lock verification and `fixity drift` end to end, through the engine API the shim calls,
//! on real-format fixtures under `tests/lock/`. Expected lock files are snapshots: `FIXITY_BLESS=1`
//! rewrites them after a deliberate change (review the diff).

use fixity::{Config, Engine, Options};
use std::path::{Path, PathBuf};

const KEY: &[u8] = b"test-hmac-key-not-secret-32-bytes";

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
    e.start_lock(key, Default::default())?;
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    e.lock_text().map_err(|_| e.report().findings.iter().map(|f| format!("{}:{}:{} {} | {}\n", f.path, f.line, f.column, f.rule, f.message)).collect())
}

fn check(lock_text: &str, files: &[(&str, &str)], key: Option<&[u8]>) -> (String, i32) {
    let mut e = engine();
    e.verify_lock("fixity.lock.json", Some(lock_text.to_string()), false, key, Default::default()).unwrap();
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    (lines(&e), e.exit_code())
}

fn drift(lock_text: Option<&str>, files: &[(&str, &str)], live: (&str, &str), key: Option<&[u8]>) -> Result<(String, i32), String> {
    let mut e = engine();
    e.start_drift("fixity.lock.json", lock_text.map(str::to_string), false, live, key, Default::default())?;
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    e.drift()?;
    Ok((lines(&e), e.exit_code()))
}

/// The live export with the one drifted field put back.
fn synced_export(live: &str) -> String {
    live.replace("\"replicas\": 5,\n                \"revisionHistoryLimit\"", "\"replicas\": 3,\n                \"revisionHistoryLimit\"")
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

    // A secret changed: named, never shown (the finding points at the object, not the secret's line).
    let rotated = web.replace("password: hunter2", "password: hunter3");
    assert_eq!(
        check(&locked, &[("shop/web.yaml", &rotated)], Some(KEY)).0,
        "shop/web.yaml:70:9 error lock-mismatch | `k8s:core/Secret:shop/web-db` differs from fixity.lock.json: changed `/data/password`\n"
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
    assert_eq!((found.as_str(), code), ("fixity.lock.json:7:7 error drift | `/spec/replicas` of `k8s:apps/Deployment:shop/web` drifted: live 5 does not match the locked digest\n", 1));
    // A leaf gone, a secret changed, an object replaced by another of its kind: each named, the secret's
    // values never shown (its finding points at the object: reports show the line a finding is on). (An export with no ConfigMap at all would not have looked at ConfigMaps.)
    let mut export: serde_json::Value = serde_json::from_str(&synced_export(&live)).unwrap();
    let items = export["items"].as_array_mut().unwrap();
    items[0]["spec"]["template"]["spec"]["containers"][0].as_object_mut().unwrap().remove("args");
    items[0]["spec"]["template"]["spec"]["containers"][0]["env"][1]["value"] = "rotated-by-hand".into();
    items[2]["metadata"]["name"] = "web-config-v2".into();
    assert_eq!(
        drift(Some(&locked), &files, ("live.json", &export.to_string()), Some(KEY)).unwrap(),
        (
            "shop/web.yaml:5:9 error drift | `/spec/template/spec/containers/name=web/env/name=SESSION_SECRET/value` of `k8s:apps/Deployment:shop/web` drifted (a secret: values not shown)
shop/web.yaml:20:18 error drift | `/spec/template/spec/containers/name=web/args/0` of `k8s:apps/Deployment:shop/web` is gone from the live object (declared \"--port=8080\")
shop/web.yaml:20:33 error drift | `/spec/template/spec/containers/name=web/args/1` of `k8s:apps/Deployment:shop/web` is gone from the live object (declared \"--log-format=json\")
shop/web.yaml:61:9 error drift | `k8s:core/ConfigMap:shop/web-config` is missing from the live export
"
            .to_string(),
            1
        )
    );

    // In sync.
    let synced = synced_export(&live);
    assert_eq!(drift(Some(&locked), &files, ("live.json", &synced), Some(KEY)).unwrap(), (String::new(), 0));
}

#[test]
fn terraform_round_trip() {
    let plan = read("infra/plan.json");
    let files = [("infra/plan.json", plan.as_str())];
    let locked = lock(&files, Some(KEY)).unwrap();
    snapshot("infra/fixity.lock.json", &locked);
    assert_eq!(check(&locked, &files, Some(KEY)), (String::new(), 0));

    // The state after apply: defaults are not drift; the opened ingress is. The policy, unknown when
    // planned, could not be compared.
    let state = read("infra/state.json");
    assert_eq!(
        drift(Some(&locked), &files, ("state.json", &state), Some(KEY)).unwrap(),
        ("infra/plan.json:1:1 warning drift | `tf:aws_s3_bucket_policy.logs` cannot be fully compared: `/policy` unknown until applied, so not compared (lock again once the plan knows it)\ninfra/plan.json:1:1 error drift | `/ingress/0/cidr_blocks/0` of `tf:module.network.aws_security_group.web[0]` drifted: declared \"10.0.0.0/16\", live \"0.0.0.0/0\"\n".to_string(), 1)
    );

    // A value unknown when planned and absent from the state was never known: not compared, not gone.
    let no_policy = state.replace(",\n            \"policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"", "");
    assert_ne!(no_policy, state);
    assert_eq!(
        drift(Some(&locked), &files, ("state.json", &no_policy), Some(KEY)).unwrap(),
        drift(Some(&locked), &files, ("state.json", &state), Some(KEY)).unwrap()
    );

    // A plan is its own evidence: no lock needed.
    assert_eq!(
        drift(None, &[], ("plan.json", &plan), None).unwrap(),
        (
            "plan.json:105:18 error drift | `tf:aws_s3_bucket.logs` changed outside Terraform: `/tags/team`\nplan.json:137:18 error drift | the plan would update `tf:aws_s3_bucket.logs`: `/tags/team`\nplan.json:152:18 error drift | the plan would create `tf:aws_s3_bucket_policy.logs`\n".to_string(),
            1
        )
    );
}

#[test]
fn bad_input_is_a_precise_error() {
    let web = read("shop/web.yaml");
    let locked = lock(&[("shop/web.yaml", &web)], None).unwrap();

    // A live export that is not JSON, a state of an unknown format version, something else entirely.
    assert_eq!(drift(Some(&locked), &[], ("live.yaml", "apiVersion: v1\nkind: List\n"), None), Err("live.yaml:1:1: the live export is not valid JSON (invalid JSON: expected value)".into()));
    assert_eq!(
        drift(Some(&locked), &[], ("state.json", "{\"format_version\": \"2.0\", \"values\": {}}"), None),
        Err("state.json: Terraform state JSON format_version 2.0 is not supported (fixity reads 1.x)".into())
    );
    assert_eq!(drift(Some(&locked), &[], ("x.json", "{\"a\": 1}"), None), Err("x.json: neither `kubectl get -o json` output (an object or List), `terraform show -json` output nor `pulumi stack export` output".into()));
    assert_eq!(
        drift(None, &[], ("live.json", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}"), None),
        Err("live.json: comparing a live export needs fixity.lock.json (run `fixity lock` first)".into())
    );

    // A truncated plan: a parse error with its place, and no lock.
    let plan = read("infra/plan.json");
    let truncated = &plan[..plan.find("\"resource_drift\"").unwrap()];
    assert_eq!(lock(&[("plan.json", truncated)], None), Err("plan.json:103:2 parse-error | invalid JSON: EOF while parsing a value\n".into()));

    // Duplicate identities: no lock, and both places named.
    let twice = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n  name: a\n";
    assert_eq!(lock(&[("cm.yaml", twice)], None), Err("cm.yaml:9:9 lock-mismatch | duplicate resource identity `k8s:core/ConfigMap:x/a`: also declared at cm.yaml:3\n".into()));

    // An unknown profile: unverifiable, exit 3. A lock broken by hand: a parse error at its place.
    let unknown = locked.replace("\"fx1\"", "\"fx2\"");
    assert_eq!(
        check(&unknown, &[], None),
        ("fixity.lock.json:1:1 warning lock-mismatch | the lock cannot be verified: hashing profile \"fx2\" is not one this fixity knows (it knows \"fx1\")\n".into(), 3)
    );
    let broken = locked.replacen("\",\n", "\"\n", 1);
    assert_eq!(check(&broken, &[], None), ("fixity.lock.json:4:3 error parse-error | invalid JSON: expected `,` or `}`\n".into(), 1));

    // Added and removed resources (the renamed ConfigMap is also named by the Deployment's volume).
    let renamed = web.replace("name: web-config", "name: web-settings");
    assert_eq!(
        check(&locked, &[("shop/web.yaml", &renamed)], None),
        (
            "fixity.lock.json:46:7 error lock-mismatch | `k8s:core/ConfigMap:shop/web-config` is in fixity.lock.json (from shop/web.yaml) but no checked file declares it; run `fixity lock` if it was removed
shop/web.yaml:43:19 error lock-mismatch | `k8s:apps/Deployment:shop/web` differs from fixity.lock.json: changed `/spec/template/spec/volumes/name=config/configMap/name`
shop/web.yaml:61:9 error lock-mismatch | `k8s:core/ConfigMap:shop/web-settings` is not in fixity.lock.json; run `fixity lock` to record it
shop/web.yaml:70:9 warning lock-mismatch | `k8s:core/Secret:shop/web-db` cannot be fully verified: secret `/data/password` was locked redacted (lock with FIXITY_HMAC_KEY set to verify secrets)
"
            .to_string(),
            1
        )
    );
}

/// Every prefix of every fixture (a truncated download, a half-written file) is an error or a result,
/// never a panic, in every mode.
#[test]
fn truncated_inputs_never_panic() {
    let mut inputs = Vec::new();
    for dir in ["tests/lock/shop", "tests/lock/infra", "tests/lock/stack", "tests/folders/terraform-root", "tests/folders/chart-stale"] {
        let mut files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files.into_iter().filter(|f| f.file_name().is_some_and(|n| n != "expected")) {
            inputs.push((file.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(file).unwrap()));
        }
    }
    let locked = lock(&[("shop/web.yaml", &read("shop/web.yaml"))], None).unwrap();
    for (name, text) in &inputs {
        let cuts: Vec<usize> = (0..text.len()).step_by(13).filter(|&i| text.is_char_boundary(i)).collect();
        for cut in cuts {
            let part = &text[..cut];
            let _ = lock(&[(name, part)], Some(KEY));
            let _ = check(&locked[..cut.min(locked.len())], &[(name, part)], None);
            let _ = drift(Some(&locked), &[], ("live.json", part), None);
        }
    }
}

#[test]
fn pulumi_round_trip() {
    let preview = read("stack/preview.json");
    let files = [("stack/preview.json", preview.as_str())];
    let locked = lock(&files, Some(KEY)).unwrap();
    snapshot("stack/fixity.lock.json", &locked);
    assert!(!locked.contains("Vx8rT2qLm9ZpW4sYb7NcD1fGh3JkQ6eA"), "a secret reached the lock");
    assert_eq!(check(&locked, &files, Some(KEY)), (String::new(), 0));

    // An edited input is named by its URN and pointer.
    let edited = preview.replace("\"team\": \"shop\"", "\"team\": \"payments\"");
    assert_eq!(
        check(&locked, &[("stack/preview.json", &edited)], Some(KEY)),
        ("stack/preview.json:76:20 error lock-mismatch | `urn:pulumi:prod::shop::aws:s3/bucketV2:BucketV2::assets` differs from fixity.lock.json: changed `/tags/team`\n".to_string(), 1)
    );

    // A refreshed export: provider defaults and computed outputs are not drift; the replicas scaled by
    // hand are, and the role no locked definition declares is a note.
    let export = read("stack/export.json");
    let role = "export.json:376:24 note drift | `urn:pulumi:prod::shop::aws:iam/role:Role::legacy-ci` is live but no locked definition declares it\n";
    assert_eq!(
        drift(Some(&locked), &files, ("export.json", &export), Some(KEY)).unwrap(),
        (format!("{role}stack/preview.json:271:20 error drift | `/spec/replicas` of `urn:pulumi:prod::shop::acme:web:Frontend$kubernetes:apps/v1:Deployment::web` drifted: declared 3, live 5\n"), 1)
    );
    let synced = export.replace("\"replicas\": 5,", "\"replicas\": 3,");
    assert_eq!(drift(Some(&locked), &files, ("export.json", &synced), Some(KEY)).unwrap(), (role.to_string(), 0));

    // Secrets without the key: locked redacted, never verified (exit 3), never shown.
    let redacted = lock(&files, None).unwrap();
    assert!(redacted.contains("\"/password\": \"redacted\"") && !redacted.contains("hmacKeyId"));
    let (findings, code) = check(&redacted, &files, None);
    assert_eq!(code, 3);
    assert!(findings.contains("`urn:pulumi:prod::shop::aws:rds/instance:Instance::orders` cannot be fully verified: secret `/password` was locked redacted"), "{findings}");
    assert!(!findings.contains("Vx8rT2qLm9ZpW4sYb7NcD1fGh3JkQ6eA"));
}

#[test]
fn pulumi_bad_input_is_a_precise_error() {
    let preview = read("stack/preview.json");
    let locked = lock(&[("stack/preview.json", &preview)], None).unwrap();
    let export = read("stack/export.json");
    let live = |text: &str| drift(Some(&locked), &[], ("export.json", text), None).map(|_| ());

    // A truncated export, an unknown deployment version, one without resources' URNs, a URN twice.
    assert_eq!(live(&export[..export.find("\"secrets_providers\"").unwrap()]), Err("export.json:9:8: the live export is not valid JSON (invalid JSON: EOF while parsing a value)".into()));
    assert_eq!(live(&export.replacen("\"version\": 3", "\"version\": 4", 1)), Err("export.json: Pulumi stack export version 4 is not supported (fixity reads version 3)".into()));
    assert_eq!(live(&export.replacen("\"urn\": \"urn:pulumi:prod::shop::pulumi:pulumi:Stack", "\"urm\": \"x", 1)), Err("export.json: not `pulumi stack export` output: resource 1 has no `urn`".into()));
    let twice = export.replace("urn:pulumi:prod::shop::aws:iam/role:Role::legacy-ci", "urn:pulumi:prod::shop::pulumi:providers:aws::default_6_18_0");
    assert_eq!(live(&twice), Err("export.json: duplicate URN `urn:pulumi:prod::shop::pulumi:providers:aws::default_6_18_0` at lines 24 and 376".into()));
    // A preview given as the live state.
    assert_eq!(live(&preview), Err("export.json: a Pulumi preview declares resources; `--live` takes `pulumi stack export` output (after `pulumi refresh`)".into()));

    // A preview of another shape, a truncated one, one declaring a URN twice: a parse error, no lock.
    let shapeless = preview.replacen("\"newState\"", "\"state\"", 1);
    assert_eq!(lock(&[("preview.json", &shapeless)], None), Err("preview.json:9:20 parse-error | not `pulumi preview --json` output: step `same` of `urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod` has no `newState`\n".into()));
    assert_eq!(lock(&[("preview.json", &preview[..2000])], None), Err("preview.json:56:37 parse-error | invalid JSON: EOF while parsing a string\n".into()));
    let stack = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
    let duplicated = preview.replace("urn:pulumi:prod::shop::pulumi:providers:kubernetes::cluster\"", &format!("{stack}\""));
    assert_eq!(
        lock(&[("preview.json", &duplicated)], None),
        Err(format!("preview.json:42:20 parse-error | duplicate URN `{stack}`: steps 1 and 3 both declare it\n"))
    );
    // A replacement names its URN in three steps (and a step deleting it has no new state): one
    // declaration, the same lock.
    let mut replaced: serde_json::Value = serde_json::from_str(&preview).unwrap();
    let steps = replaced["steps"].as_array_mut().unwrap();
    let update = steps.iter().position(|s| s["op"] == "update").unwrap();
    steps[update]["op"] = "create-replacement".into();
    let mut replace = steps[update].clone();
    replace["op"] = "replace".into();
    let delete = serde_json::json!({"op": "delete-replaced", "urn": replace["urn"], "oldState": replace["oldState"]});
    steps.splice(update + 1..update + 1, [replace, delete]);
    let replaced = serde_json::to_string_pretty(&replaced).unwrap();
    assert_eq!(lock(&[("stack/preview.json", &replaced)], None), Ok(locked));
}

/// A small manifest locked with [`KEY`]: a ConfigMap and a Secret.
const SETTINGS: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  a: \"1\"
  b: \"2\"
  c: \"3\"
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
stringData:
  password: hunter2
";

#[test]
fn verification_names_each_difference() {
    let locked = lock(&[("settings.yaml", SETTINGS)], Some(KEY)).unwrap();
    let check_edit = |from: &str, to: &str, key: &[u8]| check(&locked, &[("settings.yaml", &SETTINGS.replace(from, to))], Some(key));
    let mismatch = |at: &str, what: &str| format!("settings.yaml:{at} error lock-mismatch | `k8s:core/ConfigMap:shop/settings` differs from fixity.lock.json: {what}\n");
    // Leaves removed with none added, or with one added: only the removed ones are named so.
    assert_eq!(check_edit("  b: \"2\"\n", "", KEY), (mismatch("4:9", "removed `/data/b`"), 1));
    assert_eq!(check_edit("  b: \"2\"\n  c: \"3\"\n", "", KEY), (mismatch("4:9", "removed `/data/b`, `/data/c`"), 1));
    // At the added leaf, where it is written.
    assert_eq!(check_edit("  b: \"2\"\n", "  d: \"2\"\n", KEY), (mismatch("8:6", "added `/data/d`; removed `/data/b`"), 1));
    // Another key than the lock's: its secrets cannot be verified, not changed.
    assert_eq!(
        check_edit("", "", b"another-hmac-key-not-secret-32-bytes"),
        ("settings.yaml:14:9 warning lock-mismatch | `k8s:core/Secret:shop/db` cannot be fully verified: secret `/data/password` was locked with a different HMAC key than FIXITY_HMAC_KEY\n".into(), 3)
    );
    // Locked without a key, its secrets were redacted: a key now cannot verify them either.
    let redacted = lock(&[("settings.yaml", SETTINGS)], None).unwrap();
    assert_eq!(
        check(&redacted, &[("settings.yaml", SETTINGS)], Some(KEY)),
        ("settings.yaml:14:9 warning lock-mismatch | `k8s:core/Secret:shop/db` cannot be fully verified: secret `/data/password` was locked redacted (lock with FIXITY_HMAC_KEY set to verify secrets)\n".into(), 3)
    );
}

/// A `kubectl get -o json` List of ConfigMaps (namespace, name, data).
fn config_maps(objects: &[(&str, &str, serde_json::Value)]) -> String {
    let items: Vec<_> = objects.iter().map(|(namespace, name, data)| serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": namespace}, "data": data})).collect();
    serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
}

#[test]
fn drift_fails_closed() {
    let drift_with = |locked: &str, files: &[(&str, &str)], live: &str, require_all: bool| {
        let mut e = Engine::new(Config::default(), Options { require_all, ..Options::default() }).unwrap();
        e.start_drift("fixity.lock.json", Some(locked.to_string()), false, ("live.json", live), Some(KEY), Default::default()).unwrap();
        for (path, text) in files {
            e.add_file(path, text.as_bytes(), None);
        }
        e.finish();
        e.drift().unwrap();
        (lines(&e), e.exit_code())
    };
    let locked = lock(&[("settings.yaml", SETTINGS)], Some(KEY)).unwrap();
    let same = serde_json::json!({"a": "1", "b": "2", "c": "3"});
    let not_compared = "fixity.lock.json:20:7 note drift | `k8s:core/Secret:shop/db` was not compared: the live export holds no core/Secret\n";
    // An export of other kinds compared nothing.
    let pods = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"}}]}).to_string();
    assert_eq!(
        drift_with(&locked, &[], &pods, false),
        ("live.json:1:1 warning drift | nothing was compared: live.json holds no object of a kind fixity.lock.json declares (the wrong context or namespace?)\n".into(), 3)
    );
    // The ConfigMap in sync, and no Secret in the export: not compared, a note unless all must be.
    let maps = config_maps(&[("shop", "settings", same.clone())]);
    assert_eq!(drift_with(&locked, &[], &maps, false), (not_compared.into(), 0));
    assert_eq!(drift_with(&locked, &[], &maps, true), (not_compared.replace(" note ", " warning "), 3));
    // ConfigMaps, but not this one.
    assert_eq!(
        drift_with(&locked, &[], &config_maps(&[("shop", "other", same.clone())]), false),
        (format!("fixity.lock.json:7:7 error drift | `k8s:core/ConfigMap:shop/settings` is missing from the live export\n{not_compared}"), 1)
    );
    // A value longer than 80 characters is cut short.
    for (x, shown) in [(100, format!("\"{}…", "x".repeat(78))), (78, format!("\"{}\"", "x".repeat(78)))] {
        let long = config_maps(&[("shop", "settings", serde_json::json!({"a": "x".repeat(x), "b": "2", "c": "3"}))]);
        assert_eq!(
            drift_with(&locked, &[("settings.yaml", SETTINGS)], &long, false),
            (format!("settings.yaml:7:6 error drift | `/data/a` of `k8s:core/ConfigMap:shop/settings` drifted: declared \"1\", live {shown}\n{}", not_compared.replace("fixity.lock.json:20:7", "settings.yaml:14:9")), 1)
        );
    }

    // Only the lock's entries of the export's kind of resources are compared (not its Terraform ones).
    let mixed = lock(&[("settings.yaml", SETTINGS), ("infra/plan.json", &read("infra/plan.json"))], Some(KEY)).unwrap();
    assert!(mixed.contains("\"tf:"));
    assert_eq!(drift_with(&mixed, &[], &maps, false), (not_compared.replace(":20:7", ":63:7"), 0));

    // One identity locked from two files: which one the live object is compared with is not known.
    let twice = lock(&[("a.yaml", SETTINGS), ("b.yaml", SETTINGS)], Some(KEY)).unwrap();
    let several = |line: u32, identity: &str| format!("fixity.lock.json:{line}:7 warning drift | `{identity}` is locked from 2 files (`a.yaml`, `b.yaml`); drift compares a live object with one declaration: narrow the run with `--env` or paths\n");
    assert_eq!(drift_with(&twice, &[], &maps, false), (several(7, "k8s:core/ConfigMap:shop/settings") + &several(20, "k8s:core/Secret:shop/db"), 3));

    // Declared without a namespace: the one live object of that name, wherever it is; two are ambiguous.
    let bare = lock(&[("bare.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: \"1\", b: \"2\", c: \"3\"}\n")], None).unwrap();
    assert_eq!(drift_with(&bare, &[], &maps, false), ("".into(), 0));
    let two = config_maps(&[("shop", "settings", same.clone()), ("dev", "settings", same)]);
    assert_eq!(
        drift_with(&bare, &[], &two, false),
        ("fixity.lock.json:6:7 warning drift | `k8s:core/ConfigMap:/settings` has no namespace, and the live export holds it in `shop`, `dev`: give it one (`--namespace`, or the environment's `namespace:`)\n".into(), 3)
    );
}

#[test]
fn coverage_names_namespace_and_environment() {
    let bare = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: \"1\"}\n";
    let mut e = engine();
    e.start_lock(None, fixity::engine::Coverage { namespace: Some("shop".into()), ..Default::default() }).unwrap();
    e.add_file("bare.yaml", bare.as_bytes(), None);
    e.finish();
    let locked = e.lock_text().unwrap();
    assert!(locked.contains("\"k8s:core/ConfigMap:shop/settings\""), "{locked}");

    // Each environment's findings about one file are its own: their fingerprints differ.
    let fingerprint = |environment: Option<&str>| {
        let mut e = engine();
        let coverage = fixity::engine::Coverage { namespace: Some("shop".into()), environment: environment.map(str::to_string), ..Default::default() };
        e.verify_lock("fixity.lock.json", Some(locked.clone()), false, None, coverage).unwrap();
        e.add_file("bare.yaml", bare.replace("\"1\"", "\"2\"").as_bytes(), None);
        e.finish();
        assert_eq!(lines(&e), "bare.yaml:4:11 error lock-mismatch | `k8s:core/ConfigMap:shop/settings` differs from fixity.lock.json: changed `/data/a`\n");
        e.report().findings[0].fingerprint.clone()
    };
    let (none, prod, staging) = (fingerprint(None), fingerprint(Some("prod")), fingerprint(Some("staging")));
    assert!(none != prod && prod != staging && none != staging, "{none} {prod} {staging}");
}

#[test]
fn drift_says_which_key_secrets_need() {
    let locked = lock(&[("settings.yaml", SETTINGS)], Some(KEY)).unwrap();
    let secret = serde_json::json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "shop"}, "data": {"password": "aHVudGVyMg=="}});
    let settings = serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "shop"}, "data": {"a": "1", "b": "2", "c": "3"}});
    let live = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": [settings, secret]}).to_string();
    let why = |key: Option<&[u8]>| drift(Some(&locked), &[], ("live.json", &live), key).unwrap();
    assert_eq!(why(Some(KEY)), ("".into(), 0));
    let incomplete = |reason: &str| (format!("fixity.lock.json:20:7 warning drift | `k8s:core/Secret:shop/db` cannot be fully compared: secret `/data/password` {reason}\n"), 3);
    assert_eq!(why(None), incomplete("was locked with an HMAC key; set FIXITY_HMAC_KEY to verify it"));
    assert_eq!(why(Some(b"another-hmac-key-not-secret-32-bytes")), incomplete("was locked with a different HMAC key than FIXITY_HMAC_KEY"));
}

#[test]
fn a_plan_names_each_pending_action() {
    let change = |name: &str, actions: &[&str], before: serde_json::Value, after: serde_json::Value| {
        serde_json::json!({"address": format!("aws_instance.{name}"), "mode": "managed", "type": "aws_instance", "name": name, "change": {"actions": actions, "before": before, "after": after}})
    };
    let ami = |id: &str| serde_json::json!({"ami": id});
    let plan = serde_json::to_string_pretty(&serde_json::json!({
        "format_version": "1.2",
        "resource_changes": [
            change("swap", &["delete", "create"], ami("a"), ami("b")),
            change("swap_first", &["create", "delete"], ami("a"), ami("b")),
            change("new", &["create"], serde_json::Value::Null, ami("c")),
            change("old", &["delete"], ami("d"), serde_json::Value::Null),
            change("same", &["no-op"], ami("e"), ami("e"))
        ]
    }))
    .unwrap();
    // Pointers are named for what changes in place or is replaced, not for what is created or deleted.
    assert_eq!(
        drift(None, &[], ("plan.json", &plan), None).unwrap(),
        (
            "plan.json:5:18 error drift | the plan would replace `tf:aws_instance.swap`: `/ami`
plan.json:23:18 error drift | the plan would replace `tf:aws_instance.swap_first`: `/ami`
plan.json:41:18 error drift | the plan would create `tf:aws_instance.new`
plan.json:56:18 error drift | the plan would delete `tf:aws_instance.old`
"
            .into(),
            1
        )
    );
    // Each points at its quoted address in `resource_changes`.
    let mut e = engine();
    e.start_drift("fixity.lock.json", None, false, ("plan.json", &plan), None, Default::default()).unwrap();
    e.finish();
    e.drift().unwrap();
    let spans: Vec<_> = e.report().findings.iter().map(|f| (f.line, f.column, f.end_line, f.end_column)).collect();
    assert_eq!(spans, [(5, 18, 5, 37), (23, 18, 23, 43), (41, 18, 41, 36), (56, 18, 56, 36)]);
}

#[test]
fn a_live_export_is_told_by_its_shape() {
    let locked = lock(&[("settings.yaml", SETTINGS)], None).unwrap();
    let neither = |path: &str| Err(format!("{path}: neither `kubectl get -o json` output (an object or List), `terraform show -json` output nor `pulumi stack export` output"));
    for half in ["{\"kind\": \"List\"}", "{\"apiVersion\": \"v1\"}", "{\"steps\": []}", "{\"changeSummary\": {}}"] {
        assert_eq!(drift(Some(&locked), &[], ("live.json", half), None), neither("live.json"), "{half}");
    }
}
