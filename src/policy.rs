//! `fixity policy --format kyverno|vap`: the image policy of `.fixity.yml` (`unpinned-image` and its
//! `policies:`) as an admission policy, so the cluster refuses at deploy time what fixity flags in CI.
//!
//! Both formats carry the same CEL: every image of a Pod (`containers`, `initContainers`,
//! `ephemeralContainers`) or of the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job
//! or CronJob is normalized as Docker does (`nginx` is `docker.io/library/nginx`), then judged by the most
//! specific matching pattern of the configuration, as `fixity check` judges it: `digest` (the default)
//! wants `@sha256:` and 64 hex characters (or `@sha512:` and 128), `tag` also accepts an explicit tag
//! other than `latest`, `any` accepts everything. The CEL uses only `matches`, `contains`,
//! `has`, `all`, `map`, `+` and the conditional, which Kubernetes and Kyverno both evaluate.
//!
//! - `vap`: a `ValidatingAdmissionPolicy` (`admissionregistration.k8s.io/v1`, Kubernetes 1.30+) and its
//!   `ValidatingAdmissionPolicyBinding` with `validationActions: [Deny]`.
//! - `kyverno`: a Kyverno `ClusterPolicy` with one `validate.cel` rule (Kyverno 1.11+), matching the same
//!   kinds itself (auto-generation for controllers is turned off: the rule already reads their templates).

use crate::config::{Config, ImagePolicy};
use crate::glob;
use crate::output::escape::{self, visible};

/// The policy's name in the cluster.
pub const NAME: &str = "fixity-pinned-images";

/// The message a refused object gets.
pub const MESSAGE: &str = "every container image must be pinned as .fixity.yml requires (by digest unless a policy accepts a tag); run `fixity pin`";

/// The CEL variables, in order (each may use the ones before), and the validation expression over them.
pub struct Cel {
    pub variables: Vec<(&'static str, String)>,
    pub validation: String,
}

/// The kinds checked: (API group, version, resource, kind).
const KINDS: [(&str, &str, &str, &str); 7] = [
    ("", "v1", "pods", "Pod"),
    ("apps", "v1", "deployments", "Deployment"),
    ("apps", "v1", "statefulsets", "StatefulSet"),
    ("apps", "v1", "daemonsets", "DaemonSet"),
    ("apps", "v1", "replicasets", "ReplicaSet"),
    ("batch", "v1", "jobs", "Job"),
    ("batch", "v1", "cronjobs", "CronJob"),
];

/// The policy of `config` in `format` (`kyverno` or `vap`), as YAML; `source` says where the
/// configuration came from (its file name), for the header.
pub fn render(config: &Config, source: &str, format: &str) -> Result<String, String> {
    let cel = cel(config);
    // The configuration's path goes into a comment line: one line, whatever its name.
    let source = visible(source);
    match format {
        "vap" => Ok(vap(&cel, &source)),
        "kyverno" => Ok(kyverno(&cel, &source)),
        other => Err(format!("unknown policy format `{other}` (expected kyverno or vap)")),
    }
}

/// The CEL that judges every image of the object as `config` does.
pub fn cel(config: &Config) -> Cel {
    let pod_spec = "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)".to_string();
    let containers = ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .map(|list| format!("(has(variables.podSpec.{list}) ? variables.podSpec.{list} : [])"))
        .collect::<Vec<_>>()
        .join(" + ");
    // Docker's rule: the first component names a registry when it has a `.` or `:`, is `localhost`, or
    // has uppercase letters; otherwise the image is on Docker Hub, in `library/` when it has no `/`.
    let images = "variables.containers.map(c, c.image.matches('^(?:[^/]*[.:A-Z][^/]*|localhost)/') ? c.image : (c.image.contains('/') ? 'docker.io/' + c.image : 'docker.io/library/' + c.image))".to_string();
    let mut policies: Vec<(String, ImagePolicy)> = config.image_policies().to_vec();
    // Most specific first; of equals, the one written last, as `fixity check` decides.
    policies.reverse();
    policies.sort_by_key(|(pattern, _)| std::cmp::Reverse(glob::specificity(pattern)));
    let mut decision = allows(ImagePolicy::Digest);
    for (pattern, policy) in policies.iter().rev() {
        decision = format!("(i.matches('{}') ? {} : {decision})", name_regex(pattern), allows(*policy));
    }
    Cel { variables: vec![("podSpec", pod_spec), ("containers", containers), ("images", images)], validation: format!("variables.images.all(i, {decision})") }
}

/// What `policy` accepts of a normalized image `i`.
fn allows(policy: ImagePolicy) -> String {
    let digest = "(i.matches('@sha256:[a-f0-9]{64}$') || i.matches('@sha512:[a-f0-9]{128}$'))";
    match policy {
        ImagePolicy::Digest => digest.to_string(),
        ImagePolicy::Tag => format!("({digest} || (i.matches('^[^@]*/[^/@:]+:[A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}}$') && !i.matches(':latest$')))"),
        ImagePolicy::Any => "true".to_string(),
    }
}

/// A regular expression (RE2, as CEL's `matches`) for a normalized image, tag and digest included, whose
/// name matches the policy pattern (`*` matches anything, `/` included; `?` one character).
pub fn name_regex(pattern: &str) -> String {
    let mut out = String::from("^");
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                while chars.next_if_eq(&'*').is_some() {}
                out.push_str(".*");
            }
            '?' => out.push('.'),
            // A quote would end the CEL string: written as a hex escape of the regex.
            '\'' => out.push_str("\\\\x27"),
            // The regex's own operators, escaped (the backslash doubled for the CEL string).
            '.' | '+' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '^' | '$' | '\\' => {
                out.push_str("\\\\");
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push_str("(?::[^/@]*)?(?:@.*)?$");
    out
}

/// A YAML double-quoted scalar (JSON's string syntax is one), with the characters a terminal, a log or a
/// YAML 1.1 reader would not take as text (C1 controls, line separators) as `\u` escapes.
fn quoted(text: &str) -> String {
    escape::json(serde_json::to_string(text).unwrap_or_default())
}

fn vap(cel: &Cel, source: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("# Generated by `fixity policy --format vap` from {source}: refuses images that `fixity check` would flag.\n"));
    out.push_str("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n");
    out.push_str(&format!("  name: {NAME}\nspec:\n  failurePolicy: Fail\n  matchConstraints:\n    resourceRules:\n"));
    let mut groups: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
    groups.dedup();
    for group in groups {
        let resources: Vec<String> = KINDS.iter().filter(|k| k.0 == group).flat_map(|k| if k.2 == "pods" { vec![k.2.to_string(), "pods/ephemeralcontainers".to_string()] } else { vec![k.2.to_string()] }).collect();
        out.push_str(&format!("      - apiGroups: [{}]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [{}]\n", quoted(group), resources.join(", ")));
    }
    out.push_str("  variables:\n");
    for (name, expression) in &cel.variables {
        out.push_str(&format!("    - name: {name}\n      expression: {}\n", quoted(expression)));
    }
    out.push_str(&format!("  validations:\n    - expression: {}\n      message: {}\n      reason: Forbidden\n", quoted(&cel.validation), quoted(MESSAGE)));
    out.push_str("---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n");
    out.push_str(&format!("  name: {NAME}\nspec:\n  policyName: {NAME}\n  validationActions: [Deny]\n"));
    out
}

fn kyverno(cel: &Cel, source: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("# Generated by `fixity policy --format kyverno` from {source}: refuses images that `fixity check` would flag.\n"));
    out.push_str("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n");
    out.push_str(&format!("  name: {NAME}\n  annotations:\n    pod-policies.kyverno.io/autogen-controllers: none\n    policies.kyverno.io/description: {}\n", quoted(MESSAGE)));
    out.push_str("spec:\n  validationFailureAction: Enforce\n  background: true\n  rules:\n    - name: pinned-images\n      match:\n        any:\n          - resources:\n              kinds:\n");
    for (_, _, _, kind) in KINDS {
        out.push_str(&format!("                - {kind}\n"));
    }
    out.push_str("      validate:\n        cel:\n          variables:\n");
    for (name, expression) in &cel.variables {
        out.push_str(&format!("            - name: {name}\n              expression: {}\n", quoted(expression)));
    }
    out.push_str(&format!("          expressions:\n            - expression: {}\n              message: {}\n", quoted(&cel.validation), quoted(MESSAGE)));
    out
}
