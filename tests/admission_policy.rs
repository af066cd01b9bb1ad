//! `fixity policy`: the generated admission policies, parsed as the cluster would read them, and their
//! CEL evaluated (with the `cel-interpreter` crate) over sample Pods, Deployments and CronJobs. Every
//! image must be refused exactly when `fixity check` flags it under the same `.fixity.yml`.

use cel_interpreter::{Context, Program, Value};
use fixity::{Config, Engine, Options};
use serde_json::json;
use yaml_rust2::{Yaml, YamlLoader};

const CONFIG: &str = "rules:\n  unpinned-image:\n    policies:\n      \"registry.internal/*\": tag\n      \"registry.internal/prod/*\": digest\n      \"docker.io/library/busybox\": any\n      \"ghcr.io/acme/?ools\": tag\n";
const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn config() -> Config {
    Config::parse(CONFIG, &fixity::rules::knobs).unwrap()
}

fn documents(format: &str) -> Vec<Yaml> {
    let text = fixity::policy::render(&config(), ".fixity.yml", format).unwrap();
    YamlLoader::load_from_str(&text).unwrap()
}

/// The (variables, validation) CEL of a parsed policy: `spec` for a VAP, the rule's `validate.cel` for Kyverno.
fn cel_of(holder: &Yaml, validations: &str) -> (Vec<(String, String)>, String) {
    let variables = holder["variables"].as_vec().unwrap().iter().map(|v| (v["name"].as_str().unwrap().to_string(), v["expression"].as_str().unwrap().to_string())).collect();
    let checks = holder[validations].as_vec().unwrap();
    assert_eq!(checks.len(), 1);
    assert!(checks[0]["message"].as_str().unwrap().contains(".fixity.yml"));
    (variables, checks[0]["expression"].as_str().unwrap().to_string())
}

/// Whether the policy admits `object`, evaluating each variable in order as the API server does.
fn admits(cel: &(Vec<(String, String)>, String), object: &serde_json::Value) -> bool {
    let mut context = Context::default();
    context.add_variable("object", object.clone()).unwrap();
    let mut variables = std::collections::HashMap::<String, Value>::new();
    for (name, expression) in &cel.0 {
        context.add_variable_from_value("variables", variables.clone());
        let value = Program::compile(expression).unwrap_or_else(|e| panic!("{expression}: {e:?}")).execute(&context).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        variables.insert(name.clone(), value);
    }
    context.add_variable_from_value("variables", variables);
    match Program::compile(&cel.1).unwrap().execute(&context) {
        Ok(Value::Bool(admitted)) => admitted,
        other => panic!("the validation gave {other:?}"),
    }
}

/// Whether `fixity check` flags `image` in a Pod under the same configuration (not pinned as required, or
/// not a valid reference at all).
fn flagged(image: &str) -> bool {
    let mut engine = Engine::new(config(), Options::default()).unwrap();
    let pod = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - name: c\n      image: \"{image}\"\n");
    engine.add_file("pod.yaml", pod.as_bytes(), None);
    engine.finish();
    engine.report().findings.iter().any(|f| f.rule == "unpinned-image" || f.rule == "invalid-image-reference")
}

fn pod(containers: serde_json::Value) -> serde_json::Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": containers}})
}

const IMAGES: &[&str] = &[
    "nginx",
    "nginx:1.25",
    "nginx:latest",
    "library/nginx:1.25",
    "docker.io/library/nginx:1.25",
    "acme/app:1.0",
    "registry.internal/team/app:1.2",
    "registry.internal/team/app:latest",
    "registry.internal/team/app",
    "registry.internal/prod/app:1.2",
    "busybox",
    "busybox:latest",
    "docker.io/library/busybox:1.36",
    "ghcr.io/acme/tools:v2",
    "ghcr.io/acme/fools:v2",
    "ghcr.io/acme/toolsets:v2",
    "ghcr.io/acme/app:1@sha256:0123",
    "localhost:5000/app:1",
    "Registry.example/app:1",
];

fn with_digests() -> Vec<String> {
    IMAGES.iter().map(|i| i.to_string()).chain(["nginx", "nginx:1.25", "registry.internal/prod/app:1.2", "ghcr.io/acme/app", "localhost:5000/app"].iter().map(|i| format!("{i}@{SHA}"))).collect()
}

#[test]
fn the_vap_refuses_exactly_what_fixity_flags() {
    let docs = documents("vap");
    assert_eq!(docs.len(), 2);
    let (policy, binding) = (&docs[0], &docs[1]);
    assert_eq!(policy["kind"].as_str(), Some("ValidatingAdmissionPolicy"));
    assert_eq!(policy["apiVersion"].as_str(), Some("admissionregistration.k8s.io/v1"));
    assert_eq!(binding["kind"].as_str(), Some("ValidatingAdmissionPolicyBinding"));
    assert_eq!(binding["spec"]["policyName"], policy["metadata"]["name"]);
    assert_eq!(binding["spec"]["validationActions"][0].as_str(), Some("Deny"));
    let resources: Vec<&str> = policy["spec"]["matchConstraints"]["resourceRules"].as_vec().unwrap().iter().flat_map(|r| r["resources"].as_vec().unwrap().iter().map(|r| r.as_str().unwrap())).collect();
    assert_eq!(resources, ["pods", "pods/ephemeralcontainers", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs"]);
    let cel = cel_of(&policy["spec"], "validations");
    for image in with_digests() {
        assert_eq!(admits(&cel, &pod(json!([{"name": "c", "image": image}]))), !flagged(&image), "{image}");
    }
    judges_every_container_list_and_template(&cel);
}

#[test]
fn the_kyverno_policy_carries_the_same_cel() {
    let docs = documents("kyverno");
    assert_eq!(docs.len(), 1);
    let policy = &docs[0];
    assert_eq!((policy["apiVersion"].as_str(), policy["kind"].as_str()), (Some("kyverno.io/v1"), Some("ClusterPolicy")));
    assert_eq!(policy["spec"]["validationFailureAction"].as_str(), Some("Enforce"));
    assert_eq!(policy["metadata"]["annotations"]["pod-policies.kyverno.io/autogen-controllers"].as_str(), Some("none"));
    let rules = policy["spec"]["rules"].as_vec().unwrap();
    assert_eq!(rules.len(), 1);
    let kinds: Vec<&str> = rules[0]["match"]["any"][0]["resources"]["kinds"].as_vec().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(kinds, ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]);
    let cel = cel_of(&rules[0]["validate"]["cel"], "expressions");
    let vap = cel_of(&documents("vap")[0]["spec"], "validations");
    assert_eq!(cel, vap);
    for image in with_digests() {
        assert_eq!(admits(&cel, &pod(json!([{"name": "c", "image": image}]))), !flagged(&image), "{image}");
    }
    judges_every_container_list_and_template(&cel);
}

/// Init and ephemeral containers count, and every controller's pod template is read.
fn judges_every_container_list_and_template(cel: &(Vec<(String, String)>, String)) {
    let pinned = json!([{"name": "a", "image": format!("nginx@{SHA}")}]);
    let loose = json!([{"name": "b", "image": "nginx:1.25"}]);
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        let mut spec = json!({"containers": pinned});
        spec[list] = loose.clone();
        assert!(!admits(cel, &json!({"apiVersion": "v1", "kind": "Pod", "spec": spec})), "{list}");
    }
    assert!(admits(cel, &pod(pinned.clone())));
    let template = |containers: &serde_json::Value| json!({"spec": {"containers": containers}});
    for kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"] {
        assert!(admits(cel, &json!({"kind": kind, "spec": {"template": template(&pinned)}})), "{kind}");
        assert!(!admits(cel, &json!({"kind": kind, "spec": {"template": template(&loose)}})), "{kind}");
    }
    let cron = |containers: &serde_json::Value| json!({"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": template(containers)}}}});
    assert!(admits(cel, &cron(&pinned)));
    assert!(!admits(cel, &cron(&loose)));
}

#[test]
fn without_policies_only_digests_are_admitted() {
    let text = fixity::policy::render(&Config::default(), "the default configuration", "vap").unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap();
    let cel = cel_of(&docs[0]["spec"], "validations");
    assert!(!admits(&cel, &pod(json!([{"name": "c", "image": "registry.internal/team/app:1.2"}]))));
    assert!(admits(&cel, &pod(json!([{"name": "c", "image": format!("registry.internal/team/app:1.2@{SHA}")}]))));
    assert!(fixity::policy::render(&Config::default(), "the default configuration", "opa").unwrap_err().contains("kyverno or vap"));
}

/// A pattern of `.fixity.yml` and the configuration's path are the repository's: the policy shows them as
/// escapes (no C1 control, line separator or bidirectional override as itself, no line a CI log obeys),
/// and still holds the pattern exactly once YAML is read.
#[test]
fn hostile_patterns_and_paths_stay_text() {
    let pattern = "ghcr.io/\u{85}\u{9b}31m\u{2028}\u{202e}x/*";
    let config = Config::parse(&format!("rules:\n  unpinned-image:\n    policies:\n      {}: tag\n", serde_json::to_string(pattern).unwrap()), &fixity::rules::knobs).unwrap();
    for format in ["vap", "kyverno"] {
        let text = fixity::policy::render(&config, "a\n::error::x\u{1b}[2J/.fixity.yml", format).unwrap();
        let hidden: Vec<char> = text.chars().filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{202e}')).collect();
        assert!(hidden.is_empty(), "{format}: {hidden:?}");
        assert!(text.lines().all(|l| !l.trim_start().starts_with("::")), "{format}");
        assert!(text.lines().next().unwrap().ends_with("from a\\n::error::x\\u{1b}[2J/.fixity.yml: refuses images that `fixity check` would flag."), "{format}");
        let docs = YamlLoader::load_from_str(&text).unwrap();
        let (_, validation) = if format == "vap" { cel_of(&docs[0]["spec"], "validations") } else { cel_of(&docs[0]["spec"]["rules"][0]["validate"]["cel"], "expressions") };
        assert!(validation.contains("/\u{85}\u{9b}31m\u{2028}\u{202e}x/"), "{format}: {validation}");
    }
}
