//! Manifest kinds: which kind a file is (from its name, then its content), and the references each kind
//! makes. One module per kind; each turns a file's text into [`Reference`]s and [`SourceError`]s.

pub mod compose;
pub mod dockerfile;
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
            SourceKind::TerraformPlan => "terraform-plan",
            SourceKind::Terraform => "terraform",
            SourceKind::TerraformLock => "terraform-lock",
            SourceKind::HelmChart => "helm-chart",
            SourceKind::HelmLock => "helm-lock",
        }
    }

    pub fn from_name(name: &str) -> Option<SourceKind> {
        [
            SourceKind::Kubernetes,
            SourceKind::Kustomization,
            SourceKind::Compose,
            SourceKind::Dockerfile,
            SourceKind::TerraformPlan,
            SourceKind::Terraform,
            SourceKind::TerraformLock,
            SourceKind::HelmChart,
            SourceKind::HelmLock,
        ]
        .into_iter()
        .find(|k| k.name() == name)
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
    if lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
    {
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
    if !is_yaml_name(&lower) && !lower.ends_with(".json") {
        return None;
    }
    if lower.starts_with("docker-compose") || lower.starts_with("compose.") {
        return Some(Some(SourceKind::Compose));
    }
    if lower == "kustomization.yaml" || lower == "kustomization.yml" {
        return Some(Some(SourceKind::Kustomization));
    }
    Some(None)
}

/// The kind of a file from its name and, where the name is not enough, its content. `None`: not a
/// manifest fixity checks (a YAML file with no Kubernetes object, a Helm template before rendering).
/// Standard input (`-`) and unnamed text are recognized by content alone.
pub fn classify(path: &str, text: &str) -> Option<SourceKind> {
    if path.is_empty() || path == "-" {
        return sniff(text);
    }
    match kind_from_name(path)? {
        Some(kind) => Some(kind),
        None if is_helm_template(path, text) => None,
        None if crate::lock::terraform::looks_like_plan(text) => Some(SourceKind::TerraformPlan),
        None if looks_like_kubernetes(text) => Some(SourceKind::Kubernetes),
        None => None,
    }
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
    let mut nothing = |_: &Document| {};
    match kind {
        SourceKind::Dockerfile => dockerfile::extract(text, &mut out),
        SourceKind::Kubernetes => each_yaml_document(text, &mut out, kubernetes::document, visit),
        SourceKind::Kustomization => each_yaml_document(text, &mut out, kustomization::document, &mut nothing),
        SourceKind::Compose => each_yaml_document(text, &mut out, compose::document, &mut nothing),
        SourceKind::TerraformPlan => terraform_plan::extract(text, &mut out),
        SourceKind::Terraform => terraform::extract(text, &mut out),
        SourceKind::TerraformLock => terraform_lock::extract(text, &mut out),
        SourceKind::HelmChart => helm_chart::extract_chart(text, &mut out),
        SourceKind::HelmLock => helm_chart::extract_lock(text, &mut out),
    }
    out
}

/// Runs `visit` on every document of a YAML stream, turning syntax errors into [`SourceError`]s.
fn each_yaml_document(text: &str, out: &mut Extraction, visit: fn(&Document, &str, &mut Extraction), also: &mut dyn FnMut(&Document)) {
    let parsed = yaml::for_each_document(text, |doc| {
        visit(doc, text, out);
        also(doc);
    });
    if let Err(e) = parsed {
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
            let written = line_text(text, node.line).chars().skip(node.col as usize - 1);
            let mut chars = written.peekable();
            let quote = chars.next().unwrap_or('"');
            let mut width = 1;
            let mut escaped = false;
            for c in chars {
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

/// The text of a 1-based line, without its line break.
pub fn line_text(text: &str, line: u32) -> &str {
    text.split('\n').nth(line.saturating_sub(1) as usize).map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
}

/// An image reference written as a YAML scalar, with the file's variables (if any) substituted by `lookup`.
pub fn image_in_yaml(doc: &Document, id: NodeId, text: &str, location: String, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Reference> {
    let written = doc.str(id)?;
    if doc.is_null(id) || written.trim().is_empty() {
        return None;
    }
    let resolved = Resolved::of(written, lookup);
    Some(Reference { kind: RefKind::Image, written: written.to_string(), resolved, span: scalar_span(doc, id, text), location })
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
        assert_eq!(kind_from_name("README.md"), None);
        assert_eq!(classify("deploy/web.yaml", "apiVersion: v1\nkind: Pod\n"), Some(SourceKind::Kubernetes));
        assert_eq!(classify("values.yaml", "image: nginx\n"), None);
        assert_eq!(classify("-", "# syntax=docker/dockerfile:1\nFROM alpine\n"), Some(SourceKind::Dockerfile));
        assert_eq!(classify("-", "services:\n  web:\n    image: x\n"), Some(SourceKind::Compose));
        assert_eq!(classify("-", "apiVersion: v1\nkind: Pod\n"), Some(SourceKind::Kubernetes));
        assert_eq!(classify("chart/templates/d.yaml", "apiVersion: v1\nkind: Pod\nimage: {{ .Values.x }}\n"), None);
    }
}
