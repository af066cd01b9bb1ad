//! Manifest kinds: which kind a file is (from its name, then its content), and the references each kind
//! makes. One module per kind; each turns a file's text into [`Reference`]s and [`SourceError`]s.

pub mod compose;
pub mod dockerfile;
pub mod github_action;
pub mod github_workflow;
pub mod gitlab_ci;
pub mod helm_chart;
pub mod kubernetes;
pub mod kustomization;
pub mod terraform;
pub mod terraform_lock;
pub mod terraform_plan;

use crate::model::Span;
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{self, Document, NodeId, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Kubernetes,
    Kustomization,
    Compose,
    Dockerfile,
    GithubWorkflow,
    GithubAction,
    GitlabCi,
    TerraformPlan,
    Terraform,
    TerraformLock,
    HelmChart,
    HelmLock,
}

impl SourceKind {
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Kubernetes => "kubernetes",
            SourceKind::Kustomization => "kustomization",
            SourceKind::Compose => "compose",
            SourceKind::Dockerfile => "dockerfile",
            SourceKind::GithubWorkflow => "github-workflow",
            SourceKind::GithubAction => "github-action",
            SourceKind::GitlabCi => "gitlab-ci",
            SourceKind::TerraformPlan => "terraform-plan",
            SourceKind::Terraform => "terraform",
            SourceKind::TerraformLock => "terraform-lock",
            SourceKind::HelmChart => "helm-chart",
            SourceKind::HelmLock => "helm-lock",
        }
    }

    pub const ALL: &'static [SourceKind] = &[
        SourceKind::Kubernetes,
        SourceKind::Kustomization,
        SourceKind::Compose,
        SourceKind::Dockerfile,
        SourceKind::GithubWorkflow,
        SourceKind::GithubAction,
        SourceKind::GitlabCi,
        SourceKind::TerraformPlan,
        SourceKind::Terraform,
        SourceKind::TerraformLock,
        SourceKind::HelmChart,
        SourceKind::HelmLock,
    ];

    pub fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// A problem that stops part of a file from being understood; it becomes a `parse-error` finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Extraction {
    pub references: Vec<Reference>,
    pub errors: Vec<SourceError>,
    /// What rules that look at more than references need (module calls, lock entries, dependencies).
    pub facts: Vec<Fact>,
}

/// Something a file declares that a rule checks on its own (a module call) or against another file of
/// its folder (required providers against `.terraform.lock.hcl`, `Chart.yaml` against `Chart.lock`).
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Module(terraform::ModuleCall),
    Provider(terraform::RequiredProvider),
    /// A `backend` or `cloud` block: the folder is a root module, which should have a lock file.
    RootModule(Span),
    ProviderLocks(Vec<terraform_lock::ProviderLock>),
    Chart(helm_chart::Dependencies),
    ChartLock(helm_chart::ChartLock),
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn is_yaml_name(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// What a path can be judged to be from its name alone. `Some(None)` means "YAML or JSON: the content
/// decides"; `None` means fixity has nothing to check in it, so it need not even be read.
pub fn kind_from_name(path: &str) -> Option<Option<SourceKind>> {
    let name = base_name(path);
    let lower = name.to_ascii_lowercase();
    if is_dockerfile_name(&lower) {
        return Some(Some(SourceKind::Dockerfile));
    }
    if lower.ends_with(".tf") {
        return Some(Some(SourceKind::Terraform));
    }
    match name {
        ".terraform.lock.hcl" => return Some(Some(SourceKind::TerraformLock)),
        "Chart.yaml" => return Some(Some(SourceKind::HelmChart)),
        "Chart.lock" => return Some(Some(SourceKind::HelmLock)),
        _ => {}
    }
    // Kustomize also reads a kustomization from a file named just `Kustomization`.
    if name == "Kustomization" {
        return Some(Some(SourceKind::Kustomization));
    }
    // fixity's own lock is not a manifest, though it names kinds.
    if !is_yaml_name(&lower) && !lower.ends_with(".json") || lower.ends_with(".lock.json") {
        return None;
    }
    if is_yaml_name(&lower) {
        if let Some(kind) = ci_kind_from_path(path, &lower) {
            return Some(Some(kind));
        }
    }
    if lower.starts_with("docker-compose") || lower.starts_with("compose.") {
        return Some(Some(SourceKind::Compose));
    }
    if lower == "kustomization.yaml" || lower == "kustomization.yml" {
        return Some(Some(SourceKind::Kustomization));
    }
    Some(None)
}

/// GitHub and GitLab files are recognized by where they sit, so that fixtures and monorepos (paths that
/// merely contain `.github/workflows/`) work too.
fn ci_kind_from_path(path: &str, lower_name: &str) -> Option<SourceKind> {
    let after = |folder: &str| path.strip_prefix(folder).or_else(|| path.find(&format!("/{folder}")).map(|i| &path[i + folder.len() + 1..]));
    // GitHub runs only the files directly in `.github/workflows/`.
    if after(".github/workflows/").is_some_and(|rest| !rest.contains('/')) {
        Some(SourceKind::GithubWorkflow)
    } else if lower_name == "action.yml" || lower_name == "action.yaml" {
        Some(SourceKind::GithubAction)
    } else if lower_name.ends_with(".gitlab-ci.yml") || lower_name.ends_with(".gitlab-ci.yaml") || after(".gitlab/ci/").is_some() {
        Some(SourceKind::GitlabCi)
    } else {
        None
    }
}

/// `Dockerfile`, `Dockerfile.<variant>`, `<name>.Dockerfile` and the Containerfile forms; a
/// `Dockerfile.<ext>` whose extension says it is something else (notes, templates, backups) is not one.
fn is_dockerfile_name(lower: &str) -> bool {
    const NOT_DOCKERFILES: &[&str] = &[
        "md", "txt", "json", "yaml", "yml", "toml", "sh", "ps1", "bak", "orig", "swp", "expected", "snap", "j2", "jinja", "tmpl", "tpl", "template", "dockerignore",
    ];
    let variant = |prefix: &str| lower.strip_prefix(prefix).is_some_and(|ext| !NOT_DOCKERFILES.contains(&ext));
    lower == "dockerfile"
        || lower == "containerfile"
        || variant("dockerfile.")
        || variant("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
}

/// The kind of a file from its name and, where the name is not enough, its content. `None`: not a
/// manifest fixity checks (a YAML file with no Kubernetes object, a Helm template before rendering).
/// Standard input (`-`) and unnamed text are recognized by content alone.
pub fn classify(path: &str, text: &str) -> Option<SourceKind> {
    classify_named(kind_from_name(path), path, text)
}

/// [`classify`] for a path whose [`kind_from_name`] is already known.
pub fn classify_named(from_name: Option<Option<SourceKind>>, path: &str, text: &str) -> Option<SourceKind> {
    if path.is_empty() || path == "-" {
        return sniff(text);
    }
    match from_name? {
        Some(kind) => Some(kind),
        // A CI/CD component (`templates/x.yml`, `templates/x/template.yml`) sits where Helm templates do.
        None if is_component_template(path) && looks_like_gitlab_ci(text) => Some(SourceKind::GitlabCi),
        None if is_helm_template(path, text) => None,
        None if crate::lock::terraform::looks_like_plan(text) => Some(SourceKind::TerraformPlan),
        None if looks_like_kubernetes(text) => Some(SourceKind::Kubernetes),
        // Files a pipeline includes with `local:` have no telling name.
        None if looks_like_gitlab_ci(text) => Some(SourceKind::GitlabCi),
        None => None,
    }
}

fn is_component_template(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [.., "templates", _] => true,
        [.., "templates", _, name] => *name == "template.yml" || *name == "template.yaml",
        _ => false,
    }
}

/// Whether YAML text reads as GitLab CI: `$[[ inputs.… ]]` interpolation, a `spec:` header document, an
/// `include:` of GitLab's kinds, or a top-level job with `script:`, `extends:`, `trigger:` or `stage:`.
fn looks_like_gitlab_ci(text: &str) -> bool {
    if text.contains("$[[") {
        return true;
    }
    let mut lines = text.lines().map(str::trim_end).filter(|l| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    });
    let Some(first) = lines.next() else { return false };
    if first == "spec:" && text.lines().any(|l| l.trim_end() == "---") {
        return true;
    }
    let mut top = first;
    let mut child_indent = None;
    for line in lines {
        let item = line.trim_start();
        let indent = line.len() - item.len();
        if indent == 0 {
            top = line;
            child_indent = None;
            continue;
        }
        let is_child = *child_indent.get_or_insert(indent) == indent;
        let job_key = ["script:", "extends:", "trigger:", "stage:"].iter().any(|k| item.starts_with(k));
        let include_key = ["local:", "project:", "remote:", "template:", "component:"].iter().any(|k| item.trim_start_matches("- ").starts_with(k));
        if (is_child && job_key && !top.starts_with("include:")) || (top.starts_with("include:") && include_key) {
            return true;
        }
    }
    false
}

fn looks_like_kubernetes(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// The kind of unnamed text, from its first meaningful lines.
pub fn sniff(text: &str) -> Option<SourceKind> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty() && (!l.starts_with('#') || l.contains("syntax=")))?;
    let word = first.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    if first.starts_with('#') || word == "FROM" || word == "ARG" {
        return Some(SourceKind::Dockerfile);
    }
    let top_level = |key: &str| text.lines().any(|l| l.starts_with(key));
    if text.contains("kind: Kustomization") || (top_level("images:") && top_level("resources:")) {
        Some(SourceKind::Kustomization)
    } else if looks_like_kubernetes(text) {
        Some(SourceKind::Kubernetes)
    } else if top_level("jobs:") && ["on:", "\"on\":", "'on':"].iter().any(|k| top_level(k)) {
        Some(SourceKind::GithubWorkflow)
    } else if top_level("runs:") && text.contains("using:") {
        Some(SourceKind::GithubAction)
    } else if looks_like_gitlab_ci(text) {
        Some(SourceKind::GitlabCi)
    } else if top_level("services:") {
        Some(SourceKind::Compose)
    } else {
        None
    }
}

/// Chart templates are Go templates, not YAML, until Helm renders them.
fn is_helm_template(path: &str, text: &str) -> bool {
    (path.starts_with("templates/") || path.contains("/templates/")) && text.contains("{{")
}

pub fn extract(kind: SourceKind, text: &str) -> Extraction {
    extract_visiting(kind, text, &mut |_| {})
}

/// [`extract`], also handing each document of a Kubernetes manifest to `visit`, so the lock reads the
/// resources in the same pass.
pub fn extract_visiting(kind: SourceKind, text: &str, visit: &mut dyn FnMut(&Document)) -> Extraction {
    let mut out = Extraction::default();
    match kind {
        SourceKind::Dockerfile => dockerfile::extract(text, &mut out),
        SourceKind::Kubernetes => each_yaml_document(text, &mut out, |doc, text, out| {
            kubernetes::document(doc, text, out);
            visit(doc);
        }),
        SourceKind::Kustomization => each_yaml_document(text, &mut out, kustomization::document),
        SourceKind::Compose => each_yaml_document(text, &mut out, compose::document),
        SourceKind::GithubWorkflow => each_yaml_document(text, &mut out, github_workflow::document),
        SourceKind::GithubAction => each_yaml_document(text, &mut out, github_action::document),
        SourceKind::GitlabCi => gitlab_ci::extract(text, &mut out),
        SourceKind::TerraformPlan => terraform_plan::extract(text, &mut out),
        SourceKind::Terraform => terraform::extract(text, &mut out),
        SourceKind::TerraformLock => terraform_lock::extract(text, &mut out),
        SourceKind::HelmChart => helm_chart::extract_chart(text, &mut out),
        SourceKind::HelmLock => helm_chart::extract_lock(text, &mut out),
    }
    out
}

/// Runs `visit` on every document of a YAML stream, turning syntax errors into [`SourceError`]s.
/// An error about a node, at the place it is written.
pub(super) fn node_error(doc: &Document, id: NodeId, message: impl Into<String>) -> SourceError {
    let node = doc.node(id);
    SourceError { line: node.line, column: node.col, message: message.into() }
}

fn each_yaml_document(text: &str, out: &mut Extraction, mut visit: impl FnMut(&Document, &str, &mut Extraction)) {
    if let Err(e) = yaml::for_each_document(text, |doc| visit(doc, text, out)) {
        out.errors.push(SourceError { line: e.line, column: e.col, message: format!("invalid YAML: {}", e.message) });
    }
}

/// The span of a scalar node as written, quotes included.
pub fn scalar_span(doc: &Document, id: NodeId, text: &str) -> Span {
    let node = doc.node(id);
    let value = doc.str(id).unwrap_or("");
    match &node.kind {
        yaml::Kind::Scalar(_, Style::Plain) if !value.contains('\n') => Span::over(node.line, node.col, value),
        yaml::Kind::Scalar(_, Style::Quoted) => {
            let mut chars = text.get(node.offset as usize..).unwrap_or("").chars();
            let quote = chars.next().unwrap_or('"');
            let mut width = 1;
            let mut escaped = false;
            for c in chars.take_while(|&c| c != '\n') {
                width += 1;
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    c if c == quote && !escaped => break,
                    _ => escaped = false,
                }
            }
            Span { line: node.line, column: node.col, end_line: node.line, end_column: node.col + width }
        }
        _ => Span::point(node.line, node.col),
    }
}

/// An image reference written as a YAML scalar, with the file's variables (if any) substituted by `lookup`.
pub fn image_in_yaml(doc: &Document, id: NodeId, text: &str, location: String, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Reference> {
    reference_in_yaml(RefKind::Image, doc, id, text, location, |written| Resolved::of(written, lookup))
}

/// A reference written as a YAML scalar, resolved by `resolve`; `None` when the value is null or empty.
pub fn reference_in_yaml(kind: RefKind, doc: &Document, id: NodeId, text: &str, location: String, resolve: impl FnOnce(&str) -> Resolved) -> Option<Reference> {
    let written = doc.str(id)?;
    if doc.is_null(id) || written.trim().is_empty() {
        return None;
    }
    let resolved = resolve(written);
    Some(Reference { kind, written: written.to_string(), resolved, span: scalar_span(doc, id, text), location })
}

/// A string's text, or a [`SourceError`] at the node saying that `what` holds something else.
pub fn expect_scalar<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<&'d str, SourceError> {
    match not_a_string(doc, id) {
        None => Ok(doc.str(id).unwrap_or("")),
        Some(found) => {
            let node = doc.node(id);
            Err(SourceError { line: node.line, column: node.col, message: format!("`{what}` must be a string, not {found}") })
        }
    }
}

/// What a node holds instead of a string (`a list`, `a number`, …), or `None` for a string. Plain
/// numbers and booleans are read as the YAML 1.2 core schema reads them.
pub fn not_a_string(doc: &Document, id: NodeId) -> Option<&'static str> {
    match &doc.node(id).kind {
        yaml::Kind::Scalar(..) if doc.is_null(id) => Some("nothing"),
        yaml::Kind::Scalar(s, Style::Plain) if is_yaml_number(s) => Some("a number"),
        yaml::Kind::Scalar(s, Style::Plain) if matches!(s.as_str(), "true" | "false" | "True" | "False" | "TRUE" | "FALSE") => Some("a boolean"),
        yaml::Kind::Scalar(..) => None,
        yaml::Kind::Seq(_) => Some("a list"),
        yaml::Kind::Map(_) => Some("a mapping"),
    }
}

/// `42`, `-1.5`, `1e3`, `0x1F`, `0o17`, `.inf`, `.nan`: YAML 1.2 core schema numbers.
fn is_yaml_number(s: &str) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    if let Some(hex) = s.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(octal) = s.strip_prefix("0o") {
        return !octal.is_empty() && octal.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    if matches!(unsigned.to_ascii_lowercase().as_str(), ".inf" | ".nan") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !mantissa.is_empty() && digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// Manifests that are not processed by a shell define no variables of their own.
pub fn no_variables(_: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name_then_content() {
        assert_eq!(kind_from_name("a/Dockerfile"), Some(Some(SourceKind::Dockerfile)));
        assert_eq!(kind_from_name("build/api.Dockerfile"), Some(Some(SourceKind::Dockerfile)));
        assert_eq!(kind_from_name("Containerfile.dev"), Some(Some(SourceKind::Dockerfile)));
        assert_eq!(kind_from_name("docker-compose.prod.yml"), Some(Some(SourceKind::Compose)));
        assert_eq!(kind_from_name("compose.yaml"), Some(Some(SourceKind::Compose)));
        assert_eq!(kind_from_name("k/kustomization.yaml"), Some(Some(SourceKind::Kustomization)));
        assert_eq!(kind_from_name("k/Kustomization"), Some(Some(SourceKind::Kustomization)));
        assert_eq!(kind_from_name("README.md"), None);
        assert_eq!(kind_from_name("Dockerfile.md"), None);
        assert_eq!(kind_from_name("Dockerfile.expected"), None);
        assert_eq!(classify("deploy/web.yaml", "apiVersion: v1\nkind: Pod\n"), Some(SourceKind::Kubernetes));
        assert_eq!(classify("values.yaml", "image: nginx\n"), None);
        assert_eq!(classify("-", "# syntax=docker/dockerfile:1\nFROM alpine\n"), Some(SourceKind::Dockerfile));
        assert_eq!(classify("-", "services:\n  web:\n    image: x\n"), Some(SourceKind::Compose));
        assert_eq!(classify("-", "apiVersion: v1\nkind: Pod\n"), Some(SourceKind::Kubernetes));
        assert_eq!(classify("chart/templates/d.yaml", "apiVersion: v1\nkind: Pod\nimage: {{ .Values.x }}\n"), None);
    }

    #[test]
    fn classifies_ci_files_by_where_they_sit() {
        let workflow = Some(Some(SourceKind::GithubWorkflow));
        assert_eq!(kind_from_name(".github/workflows/ci.yml"), workflow);
        assert_eq!(kind_from_name("tests/fixtures/github/.github/workflows/release.yaml"), workflow);
        assert_eq!(kind_from_name(".github/workflows/docker-compose.yml"), workflow);
        assert_eq!(kind_from_name(".github/workflows/scripts/matrix.yml"), Some(None));
        assert_eq!(kind_from_name(".github/workflows/matrix.json"), Some(None));
        assert_eq!(kind_from_name("action.yml"), Some(Some(SourceKind::GithubAction)));
        assert_eq!(kind_from_name(".github/actions/setup/action.yaml"), Some(Some(SourceKind::GithubAction)));
        let gitlab = Some(Some(SourceKind::GitlabCi));
        assert_eq!(kind_from_name(".gitlab-ci.yml"), gitlab);
        assert_eq!(kind_from_name("ci/deploy.gitlab-ci.yml"), gitlab);
        assert_eq!(kind_from_name(".gitlab/ci/jobs/test.yml"), gitlab);
        assert_eq!(kind_from_name("x/.gitlab/ci/build.yaml"), gitlab);
        assert_eq!(kind_from_name(".gitlab/issue_templates/bug.md"), None);
    }

    #[test]
    fn tells_components_from_helm_templates_by_content() {
        let component = "spec:\n  inputs:\n    stage:\n      default: test\n---\nscan:\n  stage: $[[ inputs.stage ]]\n  script: [scan]\n";
        assert_eq!(classify("templates/scan.yml", component), Some(SourceKind::GitlabCi));
        assert_eq!(classify("templates/scan/template.yml", component), Some(SourceKind::GitlabCi));
        let helm = "apiVersion: v1\nkind: Pod\nspec:\n  image: {{ .Values.image }}\n";
        assert_eq!(classify("chart/templates/pod.yaml", helm), None);
        assert_eq!(classify("ci/build.yml", "build:\n  image: node:20\n  script:\n    - npm ci\n"), Some(SourceKind::GitlabCi));
        assert_eq!(classify("ci/includes.yml", "include:\n  - local: ci/build.yml\n"), Some(SourceKind::GitlabCi));
        assert_eq!(classify("chart/values.yaml", "image:\n  repository: nginx\n  tag: 1.25\nservice:\n  type: ClusterIP\n"), None);
        assert_eq!(classify("playbook.yml", "- hosts: all\n  tasks:\n    - script: setup.sh\n"), None);
        assert_eq!(classify("azure-pipelines.yml", "trigger:\n- main\nstages:\n- stage: Build\n  jobs:\n  - job: b\n    steps:\n    - script: make\n"), None);
    }

    #[test]
    fn numbers_are_not_strings() {
        for n in ["42", "-1", "1.5", ".5", "1e3", "2E-2", "0x1F", "0o17", ".inf", "-.Inf", ".NaN", "1234567"] {
            assert!(is_yaml_number(n), "{n}");
        }
        for s in ["v4", "1.2.3", "1e", "e3", "0x", ".", "-", "11bd71901bbe5b1630ceea73d27597364c9af683", "1_000"] {
            assert!(!is_yaml_number(s), "{s}");
        }
    }

    #[test]
    fn sniffs_ci_files() {
        assert_eq!(sniff("name: CI\non: push\njobs:\n  b:\n    runs-on: x\n"), Some(SourceKind::GithubWorkflow));
        assert_eq!(sniff("name: x\nruns:\n  using: composite\n  steps: []\n"), Some(SourceKind::GithubAction));
        assert_eq!(sniff("stages: [test]\ntest:\n  image: node\n  script: [x]\n"), Some(SourceKind::GitlabCi));
        assert_eq!(sniff("services:\n  db:\n    image: postgres\n"), Some(SourceKind::Compose));
        for kind in SourceKind::ALL {
            assert_eq!(SourceKind::from_name(kind.name()), Some(*kind));
        }
    }
}
