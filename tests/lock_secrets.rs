//! Secrets in `fixity lock`, lock verification and `fixity drift`, end to end through the engine: whether
//! a value is secret is decided by what holds it (an env entry's name however the list is addressed,
//! Terraform's `sensitive_values` however the list or map is addressed, a URL's credentials), and no
//! planted value, nor its plain hash, reaches the lock or any report format. Also: short HMAC keys are
//! refused, and hand-edited locks fail closed.

use fixity::model::hex;
use fixity::{Config, Engine, Options};
use sha2::{Digest, Sha256};

const KEY: &[u8] = b"test-hmac-key-not-secret-32-bytes";

/// Values that must never be shown: in the declared files, then in the live exports.
const PLANTED: &[&str] = &["hunter2", "tok", "p@h", "ghp_planted", "pgpass-planted", "pw-planted", "session-planted", "LIVESECRET1", "LIVESECRET2", "LIVETOKEN"];

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: shop
spec:
  containers:
    - name: app
      image: app@sha256:0000000000000000000000000000000000000000000000000000000000000000
      env:
        - {name: DB_PASSWORD, value: hunter2}
        - {name: DB_PASSWORD, value: hunter2}
        - {name: API_TOKEN, value: tok}
    - name: tools
      image: tools@sha256:0000000000000000000000000000000000000000000000000000000000000000
      env:
        - {name: DATABASE_URL, value: 'postgres://u:p@h/db'}
        - {name: GITHUB_PAT, value: ghp_planted}
        - {name: PGPASS, value: pgpass-planted}
        - {name: PW, value: pw-planted}
        - {name: SESSION_KEY, value: session-planted}
        - {name: LOG_LEVEL, value: debug}
";

/// The Pod as `kubectl get -o json` shows it with every secret changed, and `LOG_LEVEL`.
fn live_pod() -> String {
    let env = |pairs: &[(&str, &str)]| pairs.iter().map(|(n, v)| serde_json::json!({"name": n, "value": v})).collect::<Vec<_>>();
    let image = |name: &str| format!("{name}@sha256:{}", "0".repeat(64));
    serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "app", "namespace": "shop", "uid": "u-1"},
        "spec": {"containers": [
            {"name": "app", "image": image("app"), "env": env(&[("DB_PASSWORD", "LIVESECRET1"), ("DB_PASSWORD", "LIVESECRET1"), ("API_TOKEN", "LIVETOKEN")])},
            {"name": "tools", "image": image("tools"), "env": env(&[("DATABASE_URL", "postgres://u:LIVESECRET2@h/db"), ("GITHUB_PAT", "ghp_planted"), ("PGPASS", "LIVESECRET2"), ("PW", "pw-planted"), ("SESSION_KEY", "session-planted"), ("LOG_LEVEL", "info")])}
        ]},
        "status": {"phase": "Running"}
    })
    .to_string()
}

/// A plan whose list is addressed by a natural key and whose map key needs escaping in a pointer, both
/// marked sensitive, and an unmarked value that carries credentials.
fn terraform(format_version: &str, db_password: &str, owner: &str) -> String {
    let resource = serde_json::json!({
        "address": "aws_elastic_beanstalk_environment.app", "mode": "managed", "type": "aws_elastic_beanstalk_environment", "name": "app",
        "values": {
            "name": "app",
            "setting": [{"name": "DB_PASSWORD", "value": db_password}, {"name": "REGION", "value": "eu-west-1"}],
            "tags": {"team/owner~x": owner, "db": "postgres://u:p@h/db", "env": "prod"}
        },
        "sensitive_values": {"setting": [{"value": true}, {}], "tags": {"team/owner~x": true}}
    });
    let doc = if format_version == "1.0" {
        serde_json::json!({"format_version": "1.0", "values": {"root_module": {"resources": [resource]}}})
    } else {
        serde_json::json!({
            "format_version": format_version,
            "planned_values": {"root_module": {"resources": [resource]}},
            "configuration": {"root_module": {"resources": [{"address": "aws_elastic_beanstalk_environment.app", "mode": "managed", "type": "aws_elastic_beanstalk_environment", "name": "app", "expressions": {"name": {}, "setting": {}, "tags": {}}}]}}
        })
    };
    serde_json::to_string_pretty(&doc).unwrap()
}

fn engine() -> Engine {
    Engine::new(Config::default(), Options::default()).unwrap()
}

fn lock(path: &str, text: &str, key: Option<&[u8]>) -> String {
    let mut e = engine();
    e.start_lock(key, Default::default()).unwrap();
    e.add_file(path, text.as_bytes(), None);
    e.finish();
    e.lock_text().unwrap_or_else(|why| panic!("{why}: {:?}", e.report().findings.iter().map(|f| &f.message).collect::<Vec<_>>()))
}

fn check(lock_text: &str, path: &str, text: &str, key: Option<&[u8]>) -> Engine {
    let mut e = engine();
    e.verify_lock("fixity.lock.json", Some(lock_text.to_string()), false, key, Default::default()).unwrap();
    e.add_file(path, text.as_bytes(), None);
    e.finish();
    e
}

fn drift(lock_text: &str, files: &[(&str, &str)], live: (&str, &str), key: Option<&[u8]>) -> Engine {
    let mut e = engine();
    e.start_drift("fixity.lock.json", Some(lock_text.to_string()), false, live, key, Default::default()).unwrap();
    for (path, text) in files {
        e.add_file(path, text.as_bytes(), None);
    }
    e.finish();
    e.drift().unwrap();
    e
}

/// Findings as `path:line:column severity rule | message`, one a line, and the exit code.
fn findings(e: &Engine) -> (String, i32) {
    (e.report().findings.iter().map(|f| format!("{}:{}:{} {} {} | {}\n", f.path, f.line, f.column, f.severity.as_str(), f.rule, f.message)).collect(), e.exit_code())
}

/// Fails if a planted value (as a word: `tok` is in `token`) or its plain hash is in `text`.
fn assert_clean(what: &str, text: &str) {
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    for value in PLANTED {
        let plain_hash = hex(&Sha256::digest(serde_json::Value::from(*value).to_string().as_bytes())[..8]);
        let shown = text.match_indices(value).any(|(at, _)| !is_word_char(text[..at].chars().next_back()) && !is_word_char(text[at + value.len()..].chars().next()));
        assert!(!shown, "{what} shows `{value}`:\n{text}");
        assert!(!text.contains(&plain_hash), "{what} holds the plain hash of `{value}`:\n{text}");
    }
}

/// Fails if any report format of the engine's report shows a planted value.
fn assert_reports_clean(what: &str, e: &Engine) {
    let report = e.report();
    for format in fixity::output::FORMATS {
        assert_clean(&format!("{what} as {format}"), &fixity::output::render(report, format, "0").unwrap());
    }
}

#[test]
fn kubernetes_env_secrets_however_addressed() {
    for key in [None, Some(KEY)] {
        let locked = lock("pod.yaml", POD, key);
        assert_clean("the lock", &locked);
        let (redacted, keyed) = (locked.matches("\"redacted\"").count(), locked.matches("\"hmac:").count());
        assert_eq!((redacted, keyed), if key.is_some() { (0, 8) } else { (8, 0) }, "{locked}");
        assert!(locked.contains("\"/spec/containers/name=app/env/0/value\""), "{locked}");

        // Verified clean with the key; without it, unverifiable.
        let e = check(&locked, "pod.yaml", POD, key);
        assert_eq!(e.exit_code(), if key.is_some() { 0 } else { 3 }, "{:?}", findings(&e));

        // A secret changed in the file: named, never shown.
        let rotated = POD.replace("{name: API_TOKEN, value: tok}", "{name: API_TOKEN, value: LIVETOKEN}");
        let e = check(&locked, "pod.yaml", &rotated, key);
        assert_reports_clean("check", &e);
    }

    let locked = lock("pod.yaml", POD, Some(KEY));
    let live = live_pod();
    // With the declared file and without it: every changed secret is named (at its object: a report shows
    // the line a finding points at), only LOG_LEVEL is shown.
    let with_file = drift(&locked, &[("pod.yaml", POD)], ("live.json", &live), Some(KEY));
    assert_eq!(
        findings(&with_file),
        (
            "pod.yaml:4:9 error drift | `/spec/containers/name=app/env/0/value` of `k8s:core/Pod:shop/app` drifted (a secret: values not shown)
pod.yaml:4:9 error drift | `/spec/containers/name=app/env/1/value` of `k8s:core/Pod:shop/app` drifted (a secret: values not shown)
pod.yaml:4:9 error drift | `/spec/containers/name=app/env/2/value` of `k8s:core/Pod:shop/app` drifted (a secret: values not shown)
pod.yaml:4:9 error drift | `/spec/containers/name=tools/env/name=DATABASE_URL/value` of `k8s:core/Pod:shop/app` drifted (a secret: values not shown)
pod.yaml:4:9 error drift | `/spec/containers/name=tools/env/name=PGPASS/value` of `k8s:core/Pod:shop/app` drifted (a secret: values not shown)
pod.yaml:22:36 error drift | `/spec/containers/name=tools/env/name=LOG_LEVEL/value` of `k8s:core/Pod:shop/app` drifted: declared \"debug\", live \"info\"
"
            .to_string(),
            1
        )
    );
    assert_reports_clean("drift", &with_file);
    let lock_only = drift(&locked, &[], ("live.json", &live), Some(KEY));
    assert_eq!(lock_only.report().findings.len(), 6);
    assert_reports_clean("drift from the lock alone", &lock_only);
    // Without the key, the secrets cannot be compared: named, not valued, exit 1 for LOG_LEVEL.
    let no_key = drift(&lock("pod.yaml", POD, None), &[("pod.yaml", POD)], ("live.json", &live), None);
    assert_eq!(
        findings(&no_key),
        (
            "pod.yaml:4:9 warning drift | `k8s:core/Pod:shop/app` cannot be fully compared: secret `/spec/containers/name=app/env/0/value`, `/spec/containers/name=app/env/1/value`, `/spec/containers/name=app/env/2/value`, `/spec/containers/name=tools/env/name=DATABASE_URL/value`, `/spec/containers/name=tools/env/name=GITHUB_PAT/value`, 3 more was locked redacted (lock with FIXITY_HMAC_KEY set to verify secrets)
pod.yaml:22:36 error drift | `/spec/containers/name=tools/env/name=LOG_LEVEL/value` of `k8s:core/Pod:shop/app` drifted: declared \"debug\", live \"info\"
"
            .to_string(),
            1
        )
    );
    assert_reports_clean("drift without the key", &no_key);
}

#[test]
fn terraform_sensitive_values_however_addressed() {
    let plan = terraform("1.2", "hunter2", "tok");
    for key in [None, Some(KEY)] {
        let locked = lock("plan.json", &plan, key);
        assert_clean("the lock", &locked);
        for pointer in ["/setting/name=DB_PASSWORD/value", "/tags/team~1owner~0x", "/tags/db"] {
            let record = if key.is_some() { "\"hmac:" } else { "\"redacted\"" };
            assert!(locked.contains(&format!("\"{pointer}\": {record}")), "{pointer} is not a secret:\n{locked}");
        }
    }
    let locked = lock("plan.json", &plan, Some(KEY));
    let state = terraform("1.0", "LIVESECRET1", "LIVETOKEN").replace("postgres://u:p@h/db", "postgres://u:LIVESECRET2@h/db").replace("eu-west-1", "us-east-1");
    let e = drift(&locked, &[("plan.json", &plan)], ("state.json", &state), Some(KEY));
    assert_eq!(
        findings(&e),
        (
            "plan.json:1:1 error drift | `/setting/name=DB_PASSWORD/value` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
plan.json:1:1 error drift | `/setting/name=REGION/value` of `tf:aws_elastic_beanstalk_environment.app` drifted: declared \"eu-west-1\", live \"us-east-1\"
plan.json:1:1 error drift | `/tags/db` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
plan.json:1:1 error drift | `/tags/team~1owner~0x` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
"
            .to_string(),
            1
        )
    );
    assert_reports_clean("terraform drift", &e);

    // A state that does not mark them, and no declared file: the lock's records still say they are secrets.
    let mut unmarked: serde_json::Value = serde_json::from_str(&state).unwrap();
    unmarked["values"]["root_module"]["resources"][0]["sensitive_values"] = serde_json::json!({});
    let e = drift(&locked, &[], ("state.json", &unmarked.to_string()), Some(KEY));
    assert_eq!(
        findings(&e),
        (
            "fixity.lock.json:7:7 error drift | `/setting/name=DB_PASSWORD/value` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
fixity.lock.json:7:7 error drift | `/setting/name=REGION/value` of `tf:aws_elastic_beanstalk_environment.app` drifted: live \"us-east-1\" does not match the locked digest
fixity.lock.json:7:7 error drift | `/tags/db` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
fixity.lock.json:7:7 error drift | `/tags/team~1owner~0x` of `tf:aws_elastic_beanstalk_environment.app` drifted (a secret: values not shown)
"
            .to_string(),
            1
        )
    );
    assert_reports_clean("terraform drift of an unmarked state", &e);
}

#[test]
fn short_keys_are_refused_by_every_command() {
    let refused = "FIXITY_HMAC_KEY has 24 bytes; it needs at least 32 (the lock's hmacKeyId lets anyone test guesses offline): use `openssl rand -hex 32`";
    let short = Some(&b"test-hmac-key-not-secret"[..]);
    assert_eq!(engine().start_lock(short, Default::default()), Err(refused.to_string()));
    assert_eq!(engine().verify_lock("fixity.lock.json", Some("{}".to_string()), false, short, Default::default()), Err(refused.to_string()));
    assert_eq!(engine().start_drift("fixity.lock.json", None, false, ("live.json", &live_pod()), short, Default::default()), Err(refused.to_string()));
    assert_eq!(engine().start_lock(Some(b""), Default::default()), Err(refused.replace("24 bytes", "0 bytes")));
}

#[test]
fn hand_edited_locks_fail_closed() {
    let plan = terraform("1.2", "hunter2", "tok");
    let locked = lock("plan.json", &plan, Some(KEY));
    let state = terraform("1.0", "hunter2", "tok").replace("eu-west-1", "us-east-1");

    // Every leaf `unknown`: the digest still verifies what it covers; once it differs, nothing passes.
    let leaves: Vec<&str> = locked.lines().filter(|l| l.trim_start().starts_with("\"/")).collect();
    let mut all_unknown = locked.clone();
    for line in &leaves {
        let (pointer, _) = line.split_once(": ").unwrap();
        all_unknown = all_unknown.replace(line, &format!("{pointer}: \"unknown\"{}", if line.ends_with(',') { "," } else { "" }));
    }
    assert_eq!(
        findings(&check(&all_unknown, "plan.json", &plan, Some(KEY))),
        (String::new(), 0)
    );
    assert_eq!(
        findings(&check(&all_unknown, "plan.json", &plan.replace("eu-west-1", "us-east-1"), Some(KEY))),
        ("plan.json:1:1 warning lock-mismatch | `tf:aws_elastic_beanstalk_environment.app` cannot be fully verified: `/name`, `/setting/name=DB_PASSWORD/name`, `/setting/name=DB_PASSWORD/value`, `/setting/name=REGION/name`, `/setting/name=REGION/value`, 3 more unknown until applied, so not compared (lock again once the plan knows it)\n".to_string(), 3)
    );
    let (found, code) = findings(&drift(&all_unknown, &[], ("state.json", &state), Some(KEY)));
    assert_eq!((found.lines().count(), found.contains("cannot be fully compared"), code), (1, true, 3), "{found}");

    // A digest with no hex, or the wrong length, uppercase, not hex: a parse error at its line.
    let digest_line = locked.lines().position(|l| l.contains("\"digest\"")).unwrap() as u32 + 1;
    let digest = locked.lines().find(|l| l.contains("\"digest\"")).unwrap().trim().trim_end_matches(',').trim_start_matches("\"digest\": ").trim_matches('"').to_string();
    for bad in ["fx1:sha256:".to_string(), digest.to_uppercase().replace("FX1:SHA256:", "fx1:sha256:"), format!("{digest}0"), digest.replacen(|c: char| c.is_ascii_digit(), "z", 1)] {
        let edited = locked.replace(&digest, &bad);
        let expected = format!("fixity.lock.json:{digest_line}:19 error parse-error | lock entry `tf:aws_elastic_beanstalk_environment.app`: `digest` must be `fx1:sha256:` and 64 lowercase hex digits\n");
        assert_eq!(findings(&check(&edited, "plan.json", &plan, Some(KEY))), (expected.clone(), 1), "{bad}");
        assert_eq!(findings(&drift(&edited, &[], ("state.json", &state), Some(KEY))), (expected, 1), "{bad}");
    }

    // A well-formed digest that is not the resource's, with leaves that are: edited by hand.
    let other = format!("fx1:sha256:{}", "0".repeat(64));
    assert_eq!(
        findings(&check(&locked.replace(&digest, &other), "plan.json", &plan, Some(KEY))),
        ("plan.json:1:1 warning lock-mismatch | `tf:aws_elastic_beanstalk_environment.app` cannot be verified: its digest in fixity.lock.json does not match its leaves; run `fixity lock`\n".to_string(), 3)
    );

    // Leaves taken out under a correct digest: the leaves are compared, and what is missing is named.
    let k8s = lock("pod.yaml", POD, Some(KEY));
    let image_leaf = k8s.lines().find(|l| l.contains("\"/spec/containers/name=app/image\"")).unwrap();
    let (found, code) = findings(&check(&k8s.replace(&format!("{image_leaf}\n"), ""), "pod.yaml", POD, Some(KEY)));
    assert_eq!((found.as_str(), code), ("pod.yaml:9:14 error lock-mismatch | `k8s:core/Pod:shop/app` differs from fixity.lock.json: added `/spec/containers/name=app/image`\n", 1));

    // A Kubernetes leaf `unknown`: no such record; a bad record is found at its line.
    let leaf_line = k8s.lines().position(|l| l.contains("\"/kind\"")).unwrap() as u32 + 1;
    let unknown_kind = k8s.replace(k8s.lines().find(|l| l.contains("\"/kind\"")).unwrap(), "        \"/kind\": \"unknown\",");
    assert_eq!(
        findings(&check(&unknown_kind, "pod.yaml", POD, Some(KEY))),
        (format!("fixity.lock.json:{leaf_line}:18 error parse-error | lock entry `k8s:core/Pod:shop/app`: leaf `/kind` is not valid: `unknown` is only recorded for Terraform and Pulumi values\n"), 1)
    );
}
