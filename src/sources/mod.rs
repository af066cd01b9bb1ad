//! Manifest kinds: which kind a file is (from its name, then its content), and the references each kind
//! makes. One module per kind; each turns a file's text into [`Reference`]s and [`SourceError`]s.

pub mod azure_pipelines;
pub mod bitbucket;
pub mod circleci;
pub mod cloud_build;
pub mod compose;
pub mod compose_env;
pub mod dockerfile;
pub mod github_action;
pub mod github_workflow;
pub mod gitlab_ci;
pub mod gitops;
pub mod helm_chart;
pub mod helm_values;
pub mod kubernetes;
pub mod kustomization;
pub mod pre_commit;
pub mod pulumi_preview;
pub mod pulumi_yaml;
pub mod tekton;
pub mod terraform;
pub mod terraform_lock;
pub mod terraform_plan;
pub mod terraform_vars;

use crate::model::{SourceError, Span};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{self, Document, NodeId, Style};
use foldhash::{HashSet, HashSetExt};

/// A manifest kind: everything the rest of fixity knows about it. Each kind's module declares its own
/// `KIND`; [`ALL`] lists them. Adding a kind is one module and one row there.
pub struct Kind {
    /// The machine name (`--stdin-filename` kinds, `.fixity.yml` `kinds:`, the playground's picker).
    pub name: &'static str,
    /// What people call it.
    pub label: &'static str,
    /// Whether a path's name (and place in the repository) says it is this kind.
    pub named: fn(&FileName) -> bool,
    /// Recognizes text whose name does not say what it is, if the kind can be told by content.
    pub content: Option<Content>,
    pub reader: Reader,
    /// The resources it declares for `fixity.lock.json`, if any.
    pub resources: Resources,
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.name == other.name
    }
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

pub type SourceKind = &'static Kind;

/// How a kind is told from its content.
pub struct Content {
    /// Tried in descending order; the first that recognizes the text wins.
    pub priority: u8,
    pub looks_like: fn(&str) -> bool,
    /// Also for YAML and JSON files met while walking a folder. Kinds whose shape is common (a
    /// `services:` key, a `jobs:` key) are recognized by content only in files named explicitly or read
    /// from standard input, where the user said "this is a manifest".
    pub while_walking: bool,
}

pub enum Reader {
    /// Reads each document of a YAML stream (JSON included).
    YamlDocuments(fn(&Document, &str, &mut Extraction)),
    /// Reads the whole text.
    Text(fn(&str, &mut Extraction)),
}

/// The resources a kind declares, which the lock reads in the same pass as the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resources {
    None,
    /// Kubernetes objects, one or more per YAML document.
    KubernetesObjects,
    /// The planned resources of a Terraform plan.
    TerraformPlan,
    /// The resources a Pulumi preview declares.
    PulumiPreview,
}

/// Every kind, in the order names are matched (the first whose name claims a path wins).
pub const ALL: &[SourceKind] = &[
    &dockerfile::KIND,
    &terraform::KIND,
    &terraform_lock::KIND,
    &terraform_vars::KIND,
    &helm_chart::CHART,
    &helm_chart::LOCK,
    &github_workflow::KIND,
    &github_action::KIND,
    &gitlab_ci::KIND,
    &circleci::KIND,
    &azure_pipelines::KIND,
    &bitbucket::KIND,
    &cloud_build::KIND,
    &compose::KIND,
    &compose_env::KIND,
    &kustomization::KIND,
    &pre_commit::KIND,
    &pulumi_yaml::KIND,
    &terraform_plan::KIND,
    &pulumi_preview::KIND,
    // After the kinds their folder tells (`.github/workflows/values.yml` is a workflow).
    &helm_values::KIND,
    &kubernetes::KIND,
];

pub fn by_name(name: &str) -> Option<SourceKind> {
    ALL.iter().copied().find(|k| k.name == name)
}

/// A path as the name matchers see it: whole, its last part, and that part in lowercase.
pub struct FileName<'p> {
    pub path: &'p str,
    pub name: &'p str,
    pub lower: String,
}

impl<'p> FileName<'p> {
    pub fn new(path: &'p str) -> FileName<'p> {
        let name = path.rsplit('/').next().unwrap_or(path);
        FileName { path, name, lower: name.to_ascii_lowercase() }
    }

    pub fn is_yaml(&self) -> bool {
        self.lower.ends_with(".yaml") || self.lower.ends_with(".yml")
    }

    pub fn is_yaml_or_json(&self) -> bool {
        self.is_yaml() || self.lower.ends_with(".json")
    }

    /// The rest of the path after a `folder/` it passes through (`.github/workflows/`), if it does.
    pub fn after(&self, folder: &str) -> Option<&'p str> {
        let path = self.path;
        if let Some(rest) = path.strip_prefix(folder) {
            return Some(rest);
        }
        // The first `/folder`: tried at each `/`, cheaper than a substring search for paths this short.
        path.match_indices('/').find_map(|(i, _)| path[i + 1..].strip_prefix(folder))
    }
}

/// What a path can be judged to be from its name alone. `Some(None)` means "YAML or JSON: the content
/// decides"; `None` means fixity has nothing to check in it, so it need not even be read.
pub fn kind_from_name(path: &str) -> Option<Option<SourceKind>> {
    let name = FileName::new(path);
    if let Some(kind) = ALL.iter().copied().find(|k| (k.named)(&name)) {
        return Some(Some(kind));
    }
    if !name.is_yaml_or_json() {
        return None;
    }
    Some(None)
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
        // Content that is clearly a Kubernetes object is one, whatever its YAML or JSON file is named.
        // (Unless it is also what the name says: a Kustomization is shaped like an object.)
        Some(kind) if FileName::new(path).is_yaml_or_json() && !kind.content.as_ref().is_some_and(|c| (c.looks_like)(text)) && kubernetes::is_object(text) => Some(&kubernetes::KIND),
        Some(kind) => Some(kind),
        // fixity's own lock is not a manifest, though it names kinds and objects.
        None if is_fixity_lock(text) => None,
        // A CI/CD component (`templates/x.yml`, `templates/x/template.yml`) sits where Helm templates do.
        None if is_component_template(path) && gitlab_ci::looks_like(text) => Some(&gitlab_ci::KIND),
        None if is_helm_template(path, text) => None,
        None => by_content(text, true),
    }
}

/// The kind of a file the user named (on the command line, in the Action's `paths`, in the playground):
/// its name, else its content, with every kind's sniffer, since the user said "this is a manifest". A
/// Helm template and fixity's own lock are still nothing to check.
pub fn classify_given(path: &str, text: &str) -> Option<SourceKind> {
    match kind_from_name(path) {
        Some(Some(kind)) => Some(kind),
        _ if is_helm_template(path, text) || is_fixity_lock(text) => None,
        _ => sniff(text),
    }
}

/// Whether JSON text is a `fixity.lock.json`: an object with `lockfileVersion`, `profile` and `resources`.
fn is_fixity_lock(text: &str) -> bool {
    text.contains("\"lockfileVersion\"")
        && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).is_ok_and(|lock| ["lockfileVersion", "profile", "resources"].iter().all(|k| lock.contains_key(*k)))
}

/// The kind of unnamed text, by content alone.
pub fn sniff(text: &str) -> Option<SourceKind> {
    by_content(text, false)
}

fn by_content(text: &str, walking: bool) -> Option<SourceKind> {
    let mut kinds: Vec<(&Content, SourceKind)> = ALL.iter().filter_map(|k| Some((k.content.as_ref()?, *k))).filter(|(c, _)| c.while_walking || !walking).collect();
    kinds.sort_by_key(|(c, _)| std::cmp::Reverse(c.priority));
    kinds.into_iter().find(|(c, _)| (c.looks_like)(text)).map(|(_, k)| k)
}

fn is_component_template(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [.., "templates", _] => true,
        [.., "templates", _, name] => *name == "template.yml" || *name == "template.yaml",
        _ => false,
    }
}

/// Chart templates are Go templates, not YAML, until Helm renders them.
fn is_helm_template(path: &str, text: &str) -> bool {
    (path.starts_with("templates/") || path.contains("/templates/")) && text.contains("{{")
}

/// Whether a line-oriented text has a top-level key (`key` includes its colon).
pub fn has_top_level(text: &str, key: &str) -> bool {
    text.lines().any(|l| l.starts_with(key))
}

#[derive(Debug, Default)]
pub struct Extraction {
    pub references: Vec<Reference>,
    pub errors: Vec<SourceError>,
    /// What rules that look at more than references need (module calls, lock entries, dependencies).
    pub facts: Vec<Fact>,
    /// Every comment in the file's syntax (only there is a suppression honoured), from its opening
    /// `#`, `//` or `/*`.
    pub comments: Vec<Span>,
    /// Keys written twice in one mapping.
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// A mapping key written again: where the repeat is, and where the key was first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    /// The mapping's path in its document, and the key: stable across line moves.
    pub location: String,
    pub span: Span,
    pub first: Span,
}

impl Extraction {
    /// Moves every span `by` bytes on: spans found in text after a byte-order mark, made to count it.
    pub fn shift(&mut self, by: usize) {
        for r in &mut self.references {
            r.span = r.span.shifted(by);
        }
        for e in &mut self.errors {
            e.span = e.span.shifted(by);
        }
        for c in &mut self.comments {
            *c = c.shifted(by);
        }
        for d in &mut self.duplicate_keys {
            (d.span, d.first) = (d.span.shifted(by), d.first.shifted(by));
        }
        for f in &mut self.facts {
            for span in f.spans_mut() {
                *span = span.shifted(by);
            }
        }
    }
}

/// Something a file declares that a rule checks against another file of its folder (required providers
/// against `.terraform.lock.hcl`, `Chart.yaml` against `Chart.lock`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Fact {
    Provider(terraform::RequiredProvider),
    /// A `backend` or `cloud` block: the folder is a root module, which should have a lock file.
    RootModule(Span),
    ProviderLocks(Vec<terraform_lock::ProviderLock>),
    Chart(helm_chart::Chart),
    ChartLock(helm_chart::ChartLock),
    /// A variable's value or a local of a Terraform module, which images in its other files may use.
    TerraformValue(terraform::NamedValue),
    /// A Terraform image or chart that depends on the module's variables or locals.
    TerraformReference(terraform::Deferred),
    /// A Compose image built from variables, which the `.env` beside the file may set.
    ComposeImage(compose::Interpolated),
    /// What a Compose `.env` file sets.
    ComposeEnv(compose_env::Variables),
    /// An image of a Helm values file, judged where the run finds the chart's `Chart.yaml` beside it.
    HelmValuesImage(helm_values::ValuesImage),
}

impl Fact {
    /// Every span the fact holds: where its findings may point.
    pub fn spans_mut(&mut self) -> Vec<&mut Span> {
        match self {
            Fact::Provider(p) => vec![&mut p.span],
            Fact::RootModule(span) => vec![span],
            Fact::ProviderLocks(locks) => locks.iter_mut().flat_map(|l| std::iter::once(&mut l.span).chain(l.version.as_mut().map(|(_, s)| s))).collect(),
            Fact::Chart(chart) => chart.dependencies.spans_mut().collect(),
            Fact::ChartLock(lock) => [&mut lock.span].into_iter().chain(lock.digest.as_mut().map(|(_, s)| s)).chain(lock.dependencies.spans_mut()).collect(),
            Fact::TerraformValue(_) => Vec::new(),
            Fact::TerraformReference(deferred) => deferred.spans_mut(),
            Fact::ComposeImage(image) => vec![&mut image.span],
            Fact::HelmValuesImage(image) => vec![&mut image.reference.span],
            Fact::ComposeEnv(env) => env.values.iter_mut().map(|(_, _, span)| span).chain(env.errors.iter_mut().map(|e| &mut e.span)).collect(),
        }
    }
}

/// Reads `text` as `kind`, handing each YAML document to `visit` too (the lock reads resources in the
/// same pass).
pub fn extract(kind: SourceKind, text: &str, visit: &mut dyn FnMut(&Document)) -> Extraction {
    let mut out = Extraction::default();
    match kind.reader {
        Reader::YamlDocuments(document) => read_yaml(text, &mut out, document, visit),
        Reader::Text(read) => read(text, &mut out),
    }
    out
}

/// Runs `visit` on every document of a YAML stream, turning syntax errors into [`SourceError`]s.
/// An error about a node, at the place it is written.
pub(super) fn node_error(doc: &Document, id: NodeId, message: impl Into<String>) -> SourceError {
    SourceError { span: doc.node(id).span, message: message.into() }
}

fn each_yaml_document(text: &str, out: &mut Extraction, read: impl FnMut(&Document, &str, &mut Extraction)) {
    read_yaml(text, out, read, &mut |_| {});
}

/// Reads every document of a YAML stream with `read`, once per value of its repeated keys (so every
/// value is judged), and once with `visit`; notes the stream's comments and repeated keys.
fn read_yaml(text: &str, out: &mut Extraction, mut read: impl FnMut(&Document, &str, &mut Extraction), visit: &mut dyn FnMut(&Document)) {
    let mut comments = Vec::new();
    let result = yaml::read_with_comments(
        text,
        |doc| {
            let before = (out.references.len(), out.errors.len(), out.facts.len());
            doc.read_each_value(|doc| read(doc, text, out));
            if !doc.duplicates().is_empty() {
                note_duplicates(doc, out);
                // What several readings found alike is one thing.
                let mut seen = HashSet::new();
                let mut index = 0;
                out.references.retain(|r| {
                    index += 1;
                    index <= before.0 || seen.insert((r.span, r.location.clone(), r.resolved.clone()))
                });
                dedup_after(&mut out.errors, before.1);
                dedup_after(&mut out.facts, before.2);
            }
            visit(doc);
        },
        &mut comments,
    );
    out.comments = comments;
    if let Err(e) = result {
        out.errors.push(SourceError { span: e.span, message: format!("invalid YAML: {}", e.message) });
    }
}

fn note_duplicates(doc: &Document, out: &mut Extraction) {
    for duplicate in doc.duplicates() {
        let key = doc.str(duplicate.repeat).unwrap_or("").to_string();
        let location = if duplicate.path.is_empty() { key.clone() } else { format!("{}/{key}", duplicate.path) };
        let (span, first) = (doc.node(duplicate.repeat).span, doc.node(duplicate.first).span);
        out.duplicate_keys.push(DuplicateKey { key, location, span, first });
    }
}

/// Drops the repeats among `items[from..]`.
fn dedup_after<T: PartialEq>(items: &mut Vec<T>, from: usize) {
    let mut kept = items.len().min(from);
    for i in from..items.len() {
        if !items[from..kept].contains(&items[i]) {
            items.swap(kept, i);
            kept += 1;
        }
    }
    items.truncate(kept);
}

/// An image reference written as a YAML scalar, with the file's variables (if any) substituted by `lookup`.
pub fn image_in_yaml(doc: &Document, id: NodeId, location: String, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Reference> {
    reference_in_yaml(RefKind::Image, doc, id, location, |written| Resolved::of(written, lookup))
}

/// A reference written as a YAML scalar, resolved by `resolve`; `None` when the value is null or empty.
pub fn reference_in_yaml(kind: RefKind, doc: &Document, id: NodeId, location: String, resolve: impl FnOnce(&str) -> Resolved) -> Option<Reference> {
    let written = doc.str(id)?;
    if doc.is_null(id) || written.trim().is_empty() {
        return None;
    }
    let resolved = resolve(written);
    Some(Reference { kind, written: written.to_string(), resolved, span: doc.node(id).span, location, overridden: None })
}

/// A string's text, or a [`SourceError`] at the node saying that `what` holds something else.
pub fn expect_scalar<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<&'d str, SourceError> {
    match not_a_string(doc, id) {
        None => Ok(doc.str(id).unwrap_or("")),
        Some(found) => Err(node_error(doc, id, format!("`{what}` must be a string, not {found}"))),
    }
}

/// What a node holds instead of a string (`a list`, `a number`, …), or `None` for a string. Plain
/// numbers and booleans are read as the YAML 1.2 core schema reads them.
pub fn not_a_string(doc: &Document, id: NodeId) -> Option<&'static str> {
    match &doc.node(id).kind {
        yaml::Kind::Scalar(..) if doc.is_null(id) => Some("nothing"),
        yaml::Kind::Scalar(s, Style::Plain) if is_yaml_number(doc.text(*s)) => Some("a number"),
        yaml::Kind::Scalar(s, Style::Plain) if matches!(doc.text(*s), "true" | "false" | "True" | "False" | "TRUE" | "FALSE") => Some("a boolean"),
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

/// How a sequence item is named in a location: `name=web` for Kubernetes containers, a job's name in
/// Azure Pipelines, else its index; named items keep their fingerprints when the list is reordered.
pub type ItemName = fn(&Document, NodeId) -> Option<(&'static str, &str)>;

/// Every node within `id`, depth first and within `budget`, with `location` the path to it
/// (`spec/containers/name=web/image`): `entry(key, value, location)` is called for each mapping entry and
/// says whether to walk into the value. The readers that look for a key anywhere in a document share this.
pub fn walk(doc: &Document, id: NodeId, location: &mut String, item_name: ItemName, budget: &mut yaml::Budget, entry: &mut dyn FnMut(&str, NodeId, &mut String) -> bool) {
    if !budget.descend() {
        return;
    }
    let len = location.len();
    match &doc.node(id).kind {
        yaml::Kind::Map(_) => {
            for &(key, value) in doc.entries(id).iter() {
                let Some(key) = doc.str(key) else { continue };
                if !location.is_empty() {
                    location.push('/');
                }
                location.push_str(key);
                if entry(key, value, location) {
                    walk_into(doc, value, location, item_name, budget, entry);
                }
                location.truncate(len);
            }
        }
        yaml::Kind::Seq(_) => {
            for (i, &item) in doc.seq(id).unwrap_or(&[]).iter().enumerate() {
                match item_name(doc, item) {
                    Some((prefix, name)) => {
                        location.push('/');
                        location.push_str(prefix);
                        location.push_str(name);
                    }
                    None => {
                        location.push('/');
                        location.push_str(itoa::Buffer::new().format(i));
                    }
                }
                walk_into(doc, item, location, item_name, budget, entry);
                location.truncate(len);
            }
        }
        yaml::Kind::Scalar(..) => {}
    }
    budget.ascend();
}

/// [`walk`] into a child. Most children are scalars, which hold nothing to walk: their visit is spent here,
/// without the call.
#[inline]
fn walk_into(doc: &Document, id: NodeId, location: &mut String, item_name: ItemName, budget: &mut yaml::Budget, entry: &mut dyn FnMut(&str, NodeId, &mut String) -> bool) {
    if !matches!(doc.node(id).kind, yaml::Kind::Scalar(..)) {
        walk(doc, id, location, item_name, budget, entry);
    } else if budget.descend() {
        budget.ascend();
    }
}

/// Sequence items named by their index only.
pub fn by_index(_: &Document, _: NodeId) -> Option<(&'static str, &str)> {
    None
}

/// The first expression of `written` that only a run can fill (`$(params.tag)` in Tekton, `$(tag)` or
/// `$[variables.tag]` in Azure Pipelines), opened by one of `opens` (`$(` or `$[`) and cut at its closing
/// bracket.
pub fn runtime_expression<'w>(written: &'w str, opens: &[&str]) -> Option<&'w str> {
    let start = opens.iter().filter_map(|open| written.find(open)).min()?;
    let close = if written[start..].starts_with("$[") { ']' } else { ')' };
    let end = written[start..].find(close).map_or(written.len(), |e| start + e + 1);
    Some(&written[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name_then_content() {
        assert_eq!(kind_from_name("a/Dockerfile"), Some(Some(&dockerfile::KIND)));
        assert_eq!(kind_from_name("build/api.Dockerfile"), Some(Some(&dockerfile::KIND)));
        assert_eq!(kind_from_name("Containerfile.dev"), Some(Some(&dockerfile::KIND)));
        assert_eq!(kind_from_name("docker-compose.prod.yml"), Some(Some(&compose::KIND)));
        assert_eq!(kind_from_name("compose.yaml"), Some(Some(&compose::KIND)));
        assert_eq!(kind_from_name("k/kustomization.yaml"), Some(Some(&kustomization::KIND)));
        assert_eq!(kind_from_name("k/Kustomization"), Some(Some(&kustomization::KIND)));
        assert_eq!(kind_from_name("README.md"), None);
        assert_eq!(kind_from_name("Dockerfile.md"), None);
        assert_eq!(kind_from_name("Dockerfile.expected"), None);
        for name in ["docker/Dockerfile-dev", "Dockerfile_prod", "Containerfile-dev", "Containerfile_arm64", "build/ci.dockerfile", "Dockerfile-1.2"] {
            assert_eq!(kind_from_name(name), Some(Some(&dockerfile::KIND)), "{name}");
        }
        for name in ["Dockerfile-dev.md", "Dockerfile_prod.j2", "Containerfile.tmpl", "dockerfile_parser.py", "dockerfile.go", "Dockerfiles", "Dockerfile.in"] {
            assert_eq!(kind_from_name(name), None, "{name}");
        }
        assert_eq!(classify("deploy/web.yaml", "apiVersion: v1\nkind: Pod\n"), Some(&kubernetes::KIND));
        assert_eq!(classify("values.yaml", "image: nginx\n"), Some(&helm_values::KIND));
        assert_eq!(classify("chart/values.prod.yaml", "image: nginx\n"), Some(&helm_values::KIND));
        assert_eq!(classify("chart/values.schema.json", "{}"), None);
        assert_eq!(classify("-", "# syntax=docker/dockerfile:1\nFROM alpine\n"), Some(&dockerfile::KIND));
        assert_eq!(classify("-", "services:\n  web:\n    image: x\n"), Some(&compose::KIND));
        assert_eq!(classify("-", "apiVersion: v1\nkind: Pod\n"), Some(&kubernetes::KIND));
        assert_eq!(classify("chart/templates/d.yaml", "apiVersion: v1\nkind: Pod\nimage: {{ .Values.x }}\n"), None);
    }

    /// Content that is clearly a Kubernetes object wins over a name; only fixity's own lock is skipped.
    #[test]
    fn kubernetes_content_wins_over_the_name() {
        let pod = "apiVersion: v1\nkind: Pod\n";
        for name in ["compose.yaml", "action.yml", "x.gitlab-ci.yml", ".github/workflows/ci.yml", "x.lock.json"] {
            assert_eq!(classify(name, pod), Some(&kubernetes::KIND), "{name}");
        }
        assert_eq!(classify("x.lock.json", r#"{"apiVersion": "v1", "kind": "Pod"}"#), Some(&kubernetes::KIND));
        assert_eq!(classify("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"), Some(&kustomization::KIND));
        assert_eq!(classify("Dockerfile", pod), Some(&dockerfile::KIND));
        assert_eq!(classify("compose.yaml", "services:\n  web: {image: x}\n"), Some(&compose::KIND));
        let lock = r#"{"lockfileVersion": 1, "profile": "fx1", "resources": {"k8s:core/Pod:default/p": {"apiVersion": "v1", "kind": "Pod"}}}"#;
        assert_eq!(kind_from_name("fixity.lock.json"), Some(None));
        assert_eq!(classify("fixity.lock.json", lock), None);
        assert_eq!(classify("locks/prod.json", lock), None);
    }

    #[test]
    fn classifies_ci_files_by_where_they_sit() {
        let workflow = Some(Some(&github_workflow::KIND));
        assert_eq!(kind_from_name(".github/workflows/ci.yml"), workflow);
        assert_eq!(kind_from_name("tests/fixtures/github/.github/workflows/release.yaml"), workflow);
        assert_eq!(kind_from_name(".github/workflows/docker-compose.yml"), workflow);
        assert_eq!(kind_from_name(".github/workflows/scripts/matrix.yml"), Some(None));
        assert_eq!(kind_from_name(".github/workflows/matrix.json"), Some(None));
        assert_eq!(kind_from_name(".github/workflow-templates/ci.yml"), workflow);
        assert_eq!(kind_from_name(".gitea/workflows/build.yaml"), workflow);
        assert_eq!(kind_from_name("x/.forgejo/workflows/test.yml"), workflow);
        assert_eq!(kind_from_name(".github/workflow-templates/ci.properties.json"), Some(None));
        assert_eq!(kind_from_name("action.yml"), Some(Some(&github_action::KIND)));
        assert_eq!(kind_from_name(".github/actions/setup/action.yaml"), Some(Some(&github_action::KIND)));
        let gitlab = Some(Some(&gitlab_ci::KIND));
        assert_eq!(kind_from_name(".gitlab-ci.yml"), gitlab);
        assert_eq!(kind_from_name("ci/deploy.gitlab-ci.yml"), gitlab);
        assert_eq!(kind_from_name(".gitlab/ci/jobs/test.yml"), gitlab);
        assert_eq!(kind_from_name("x/.gitlab/ci/build.yaml"), gitlab);
        assert_eq!(kind_from_name(".gitlab/issue_templates/bug.md"), None);
        assert_eq!(kind_from_name(".circleci/config.yml"), Some(Some(&circleci::KIND)));
        assert_eq!(kind_from_name("svc/.circleci/config.yaml"), Some(Some(&circleci::KIND)));
        assert_eq!(kind_from_name(".circleci/continue.yml"), Some(None));
        assert_eq!(kind_from_name("bitbucket-pipelines.yml"), Some(Some(&bitbucket::KIND)));
        assert_eq!(kind_from_name("cloudbuild.json"), Some(Some(&cloud_build::KIND)));
        assert_eq!(kind_from_name("deploy/cloudbuild-prod.yaml"), Some(Some(&cloud_build::KIND)));
        assert_eq!(kind_from_name(".pre-commit-config.yaml"), Some(Some(&pre_commit::KIND)));
        assert_eq!(kind_from_name(".pre-commit-hooks.yaml"), Some(None));
        let azure = Some(Some(&azure_pipelines::KIND));
        for name in ["azure-pipelines.yml", "svc/azure-pipelines.yaml", "ci/release.azure-pipelines.yml", ".azure-pipelines/templates/build.yml", "x/.azure-pipelines/deploy.yaml"] {
            assert_eq!(kind_from_name(name), azure, "{name}");
        }
        assert_eq!(kind_from_name("azure-pipelines.md"), None);
        assert_eq!(kind_from_name("ci/azure-pipelines-notes.yml"), Some(None));
    }

    #[test]
    fn tells_components_from_helm_templates_by_content() {
        let component = "spec:\n  inputs:\n    stage:\n      default: test\n---\nscan:\n  stage: $[[ inputs.stage ]]\n  script: [scan]\n";
        assert_eq!(classify("templates/scan.yml", component), Some(&gitlab_ci::KIND));
        assert_eq!(classify("templates/scan/template.yml", component), Some(&gitlab_ci::KIND));
        let helm = "apiVersion: v1\nkind: Pod\nspec:\n  image: {{ .Values.image }}\n";
        assert_eq!(classify("chart/templates/pod.yaml", helm), None);
        assert_eq!(classify("ci/build.yml", "build:\n  image: node:20\n  script:\n    - npm ci\n"), Some(&gitlab_ci::KIND));
        assert_eq!(classify("ci/includes.yml", "include:\n  - local: ci/build.yml\n"), Some(&gitlab_ci::KIND));
        assert_eq!(classify("chart/values.yaml", "image:\n  repository: nginx\n  tag: 1.25\nservice:\n  type: ClusterIP\n"), Some(&helm_values::KIND));
        assert_eq!(classify("playbook.yml", "- hosts: all\n  tasks:\n    - script: setup.sh\n"), None);
        assert_eq!(classify("azure-pipelines.yml", "trigger:\n- main\nstages:\n- stage: Build\n  jobs:\n  - job: b\n    steps:\n    - script: make\n"), Some(&azure_pipelines::KIND));
    }

    #[test]
    fn named_files_are_told_by_any_kinds_content() {
        let workflow = "name: release\non:\n  push:\njobs:\n  a:\n    runs-on: x\n";
        assert_eq!(classify("ci/release.yml", workflow), None);
        assert_eq!(classify_given("ci/release.yml", workflow), Some(&github_workflow::KIND));
        assert_eq!(classify_given("docker/base", "# base image\nFROM alpine:3.20\n"), Some(&dockerfile::KIND));
        assert_eq!(classify_given("deploy/stack", "services:\n  db:\n    image: postgres\n"), Some(&compose::KIND));
        assert_eq!(classify_given("notes.txt", "nothing to see\n"), None);
        assert_eq!(classify_given("locks/prod.json", "{\"lockfileVersion\": 2, \"profile\": \"fx1\", \"resources\": {\"a.yaml\": {\"k8s:apps/Deployment:/web\": {\"kind\": 1}}}}"), None);
        assert_eq!(classify_given("chart/templates/pod.yaml", "apiVersion: v1\nkind: Pod\nimage: {{ .Values.x }}\n"), None);
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
        assert_eq!(sniff("name: CI\non: push\njobs:\n  b:\n    runs-on: x\n"), Some(&github_workflow::KIND));
        assert_eq!(sniff("name: x\nruns:\n  using: composite\n  steps: []\n"), Some(&github_action::KIND));
        assert_eq!(sniff("stages: [test]\ntest:\n  image: node\n  script: [x]\n"), Some(&gitlab_ci::KIND));
        assert_eq!(sniff("services:\n  db:\n    image: postgres\n"), Some(&compose::KIND));
        for kind in ALL {
            assert_eq!(by_name(kind.name), Some(*kind));
        }
    }
}
