//! GitLab CI/CD configuration: `.gitlab-ci.yml`, `*.gitlab-ci.yml`, files under `.gitlab/ci/`, the local
//! includes of a pipeline (recognized by content), and CI/CD component templates with their `spec:`
//! header document.
//!
//! References: `image:` and `services:` (a string, or a mapping's `name:`) at the top level, in
//! `default:` and in every job, hidden jobs (`.x`) included, with what `extends:` (up to 11 levels, the
//! way GitLab merges: the job's own keys, then the last parent's) and `!reference [job, key]` pull in;
//! and every `include:` entry (`project:` with its `ref:`, `remote:` with its `integrity:`, `component:`,
//! `template:`; `local:` needs no pin), also under a child pipeline's `trigger: include:`.
//!
//! Values are resolved as GitLab does: component inputs (`$[[ inputs.x ]]`) from the `spec:` header's
//! defaults, then `$VAR` from the job's `parallel: matrix:` row, the job's `variables:` (through
//! `extends:`) and the file's top-level `variables:` (as `inherit: variables:` allows), recursively. An
//! image that several jobs or matrix rows resolve differently is one reference per value (positioned at
//! the matrix value that produced it); an image in a hidden job or in `default:` that some job uses is
//! judged as that job resolves it, not on its own. One that no job uses is judged on its own all the same:
//! a template for other files, or what every job overrides (a top-level `image:` beside `default:
//! image:`, a hidden parent's image each child replaces), whose finding says what overrides it.

use super::{each_yaml_document, expect_scalar, node_error, not_a_string, reference_in_yaml, Content, Extraction, FileName, Reader, Resources};
use crate::model::SourceError;
use crate::reference::include::IncludeKind;
use crate::model::LineIndex;
use crate::reference::{variables, Overridden, RefKind, Reference, Resolved};
use crate::yaml::{Budget, Document, Kind, NodeId, BUDGET_MESSAGE};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

/// Top-level keys that are not jobs.
const KEYWORDS: &[&str] = &["default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script", "spec", "types"];
/// GitLab follows `extends:` 11 levels deep and nested `!reference` 10 levels deep.
const MAX_EXTENDS: usize = 11;
const MAX_NESTING: usize = 10;
/// Longer variable values are not image names; the bound keeps self-multiplying variables cheap.
const MAX_VALUE: usize = 4096;
/// GitLab runs at most 200 jobs for one `parallel: matrix:`.
const MAX_MATRIX_ROWS: usize = 200;

/// A component input from the `spec:` header, with its default.
type Input = (String, Option<String>);

pub const KIND: super::Kind = super::Kind {
    name: "gitlab-ci",
    label: "GitLab CI",
    named: |file: &FileName| {
        file.is_yaml() && (file.lower.ends_with(".gitlab-ci.yml") || file.lower.ends_with(".gitlab-ci.yaml") || file.after(".gitlab/ci/").is_some())
    },
    content: Some(Content { priority: 40, looks_like, while_walking: true }),
    reader: Reader::Text(extract),
    resources: Resources::None,
};

/// Whether YAML text reads as GitLab CI: `$[[ inputs.… ]]` interpolation, a `spec:` header document, an
/// `include:` of GitLab's kinds, or a top-level job with `script:`, `extends:`, `trigger:` or `stage:`.
pub fn looks_like(text: &str) -> bool {
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

pub fn extract(text: &str, out: &mut Extraction) {
    let mut inputs: Vec<Input> = Vec::new();
    let lines = LineIndex::new(text);
    each_yaml_document(text, out, |doc, _, out| {
        let Some(root) = doc.root() else { return };
        match header_inputs(doc, root) {
            Some(header) => inputs = header,
            None => pipeline(doc, root, &inputs, &lines, out),
        }
    });
}

/// The inputs of a `spec:` header (a document whose only key is `spec`), if `root` is one.
fn header_inputs(doc: &Document, root: NodeId) -> Option<Vec<Input>> {
    let entries = doc.entries(root);
    let [(key, spec)] = entries.as_ref() else { return None };
    if doc.str(*key) != Some("spec") {
        return None;
    }
    let inputs = doc.get(*spec, "inputs").map(|inputs| doc.entries(inputs)).unwrap_or_default();
    Some(inputs.iter().filter_map(|&(name, input)| Some((doc.str(name)?.to_string(), doc.get_str(input, "default").map(str::to_string)))).collect())
}

fn pipeline(doc: &Document, root: NodeId, inputs: &[Input], lines: &LineIndex, out: &mut Extraction) {
    if !doc.is_map(root) {
        if !doc.is_null(root) {
            out.errors.push(node_error(doc, root, "GitLab CI configuration must be a mapping of keywords and jobs"));
        }
        return;
    }
    let p = Pipeline { doc, root, top: doc.index(root), inputs, budget: RefCell::new(Budget::for_document(doc)), overrides: RefCell::new(HashMap::new()) };
    let globals = doc.get(root, "variables").and_then(|v| p.deref(v).ok());
    let file_scope = Scope::new(&p, Vec::new(), globals, None, Vec::new());
    if let Some(include) = doc.get(root, "include") {
        p.includes(include, "include", &file_scope, out);
    }
    // Top-level `image:` and `services:` are the old spelling of `default:`.
    let defaults: Vec<NodeId> = doc.get(root, "default").and_then(|d| p.deref(d).ok()).into_iter().chain([root]).collect();
    let jobs: Vec<(&str, NodeId)> = doc
        .entries(root)
        .iter()
        .filter_map(|&(k, v)| doc.str(k).map(|k| (k, v)))
        .filter(|(k, v)| !KEYWORDS.contains(k) && doc.is_map(*v))
        .collect();
    let (hidden, concrete): (Vec<_>, Vec<_>) = jobs.into_iter().partition(|(name, _)| name.starts_with('.'));

    // `default:` overrides the top-level keys before any job overrides either.
    for key in ["image", "services"] {
        p.note_overrides(&defaults, key);
    }
    let mut reached = HashSet::new();
    let mut seen = HashSet::new();
    for &(name, job) in &concrete {
        for (node, reference) in p.job(name, job, Some(&defaults), globals, out) {
            reached.insert(node);
            if seen.insert((node, reference.resolved.clone())) {
                out.references.push(reference);
            }
        }
    }
    // What no job uses is judged on its own: a template for other files, a default with no job, or
    // what every job that would use it overrides (which the message says).
    let mut unused = Vec::new();
    for &(name, job) in &hidden {
        unused.extend(p.job(name, job, None, globals, out));
    }
    for holder in &defaults {
        unused.extend(p.images("default", &[*holder], &file_scope, out));
    }
    let overrides = p.overrides.borrow();
    for (node, mut reference) in unused {
        if !reached.contains(&node) && seen.insert((node, reference.resolved.clone())) {
            reference.overridden = overrides.get(&node).map(|(by, at)| Overridden { by: by.clone(), line: lines.position(doc.node(*at).span.start).0 });
            out.references.push(reference);
        }
    }
    drop(overrides);
    if p.budget.borrow().exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

/// Reports an error once, though every `parallel: matrix:` row of a job meets it.
fn push_once(out: &mut Extraction, e: SourceError) {
    if !out.errors.contains(&e) {
        out.errors.push(e);
    }
}

struct Pipeline<'d> {
    doc: &'d Document,
    root: NodeId,
    /// The top-level keys (jobs by name), which `extends:` and `!reference` look up again and again.
    top: foldhash::HashMap<&'d str, NodeId>,
    inputs: &'d [Input],
    budget: RefCell<Budget>,
    /// Images and services written where a job (or `default:`) overrides them: what overrides each
    /// (as the message names it) and where that is written.
    overrides: RefCell<HashMap<NodeId, (String, NodeId)>>,
}

/// A reference and the node it is written at (for an unresolvable `!reference`, the tag's node).
type Found = (NodeId, Reference);

impl<'d> Pipeline<'d> {
    fn spend(&self) -> bool {
        self.budget.borrow_mut().spend()
    }

    /// The node a `!reference [job, key, …]` points at, followed through nested references; `Err` with
    /// the tag's node when it points outside this file (or nowhere).
    fn deref(&self, id: NodeId) -> Result<NodeId, NodeId> {
        let mut current = id;
        for _ in 0..=MAX_NESTING {
            if self.doc.node(current).tag.as_deref() != Some("reference") {
                return Ok(current);
            }
            let path = self.doc.seq(current).unwrap_or(&[]);
            let mut keys = path.iter().map(|&key| self.doc.str(key));
            let mut target = keys.next().flatten().and_then(|job| self.top.get(job).copied());
            for key in keys {
                target = target.zip(key).and_then(|(node, key)| self.doc.get(node, key));
            }
            current = target.ok_or(current)?;
        }
        Err(id)
    }

    fn get(&self, map: NodeId, key: &str) -> Option<Result<NodeId, NodeId>> {
        let value = if map == self.root { self.top.get(key).copied() } else { self.doc.get(map, key) };
        value.map(|v| self.deref(v))
    }

    /// A job and the jobs it extends, in the order their keys take effect: the job's own, then the last
    /// `extends:` entry's (with its own parents), then the earlier entries'.
    fn ancestry(&self, job: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.collect_ancestry(job, 0, &mut out);
        out
    }

    fn collect_ancestry(&self, job: NodeId, depth: usize, out: &mut Vec<NodeId>) {
        if depth > MAX_EXTENDS || out.contains(&job) || !self.spend() {
            return;
        }
        out.push(job);
        let Some(extends) = self.doc.get(job, "extends") else { return };
        let names: Vec<&str> = match self.doc.seq(extends) {
            Some(items) => items.iter().filter_map(|&i| self.doc.str(i)).collect(),
            None => self.doc.str(extends).into_iter().collect(),
        };
        for name in names.into_iter().rev() {
            if let Some(&parent) = self.top.get(name) {
                self.collect_ancestry(parent, depth + 1, out);
            }
        }
    }

    /// The first of `holders` that sets `key` (`!reference` followed).
    fn first(&self, holders: &[NodeId], key: &str) -> Option<Result<NodeId, NodeId>> {
        holders.iter().find_map(|&h| self.get(h, key))
    }

    /// Whether a job's `inherit:` lets `key` of `what` (`default` or `variables`) through.
    fn inherits(&self, inherit: Option<NodeId>, what: &str, key: &str) -> bool {
        let Some(setting) = inherit.and_then(|i| self.doc.get(i, what)) else { return true };
        match self.doc.seq(setting) {
            Some(items) => items.iter().any(|&i| self.doc.str(i) == Some(key)),
            None => self.doc.str(setting) != Some("false"),
        }
    }

    /// One job's references. `defaults` are the `default:` holders, for jobs that run (not hidden ones).
    fn job(&self, name: &str, job: NodeId, defaults: Option<&[NodeId]>, globals: Option<NodeId>, out: &mut Extraction) -> Vec<Found> {
        let ancestry = self.ancestry(job);
        let inherit = self.first(&ancestry, "inherit").and_then(Result::ok);
        let own: Vec<NodeId> = ancestry.iter().filter_map(|&j| self.get(j, "variables")?.ok()).collect();
        if let Some(Ok(trigger)) = self.first(&ancestry, "trigger") {
            let scope = Scope::new(self, own, globals, inherit, Vec::new());
            if let Some(include) = self.doc.get(trigger, "include") {
                self.includes(include, &format!("{name}/trigger/include"), &scope, out);
            }
            // A trigger job starts another pipeline and runs no image of its own.
            return Vec::new();
        }
        let holders = |key: &str| {
            let mut holders = ancestry.clone();
            if self.first(&ancestry, key).is_none() && self.inherits(inherit, "default", key) {
                holders.extend(defaults.unwrap_or(&[]));
            }
            holders
        };
        if defaults.is_some() {
            for key in ["image", "services"] {
                let mut chain = ancestry.clone();
                if self.inherits(inherit, "default", key) {
                    chain.extend(defaults.unwrap_or(&[]));
                }
                self.note_overrides(&chain, key);
            }
        }
        let mut found = Vec::new();
        for row in self.matrix_rows(&ancestry) {
            let scope = Scope::new(self, own.clone(), globals, inherit, row);
            found.extend(self.image(name, &holders("image"), &scope, out));
            found.extend(self.services(name, &holders("services"), &scope, out));
        }
        found
    }

    /// The variable rows of a job's `parallel: matrix:` (each entry's lists multiplied out), or one
    /// empty row. A matrix over GitLab's limit is left out: GitLab rejects it.
    fn matrix_rows(&self, ancestry: &[NodeId]) -> Vec<Vec<(String, NodeId)>> {
        let entries = self.first(ancestry, "parallel").and_then(Result::ok).and_then(|p| self.doc.get(p, "matrix")).and_then(|m| self.doc.seq(m)).unwrap_or(&[]);
        let mut rows: Vec<Vec<(String, NodeId)>> = Vec::new();
        for &entry in entries {
            let mut product = vec![Vec::new()];
            for &(key, values) in self.doc.entries(entry).iter() {
                let Some(key) = self.doc.str(key) else { continue };
                let values = self.doc.seq(values).map_or_else(|| vec![values], <[NodeId]>::to_vec);
                product = product.iter().flat_map(|row: &Vec<(String, NodeId)>| values.iter().map(move |&v| row.iter().cloned().chain([(key.to_string(), v)]).collect())).collect();
                if product.len() > MAX_MATRIX_ROWS {
                    return vec![Vec::new()];
                }
            }
            rows.extend(product);
            if rows.len() > MAX_MATRIX_ROWS {
                return vec![Vec::new()];
            }
        }
        if rows.is_empty() {
            rows.push(Vec::new());
        }
        rows
    }

    /// The `image` and `services` of `holders` (a job and its ancestry, or the defaults).
    fn images(&self, name: &str, holders: &[NodeId], scope: &Scope, out: &mut Extraction) -> Vec<Found> {
        let mut found: Vec<Found> = self.image(name, holders, scope, out).into_iter().collect();
        found.extend(self.services(name, holders, scope, out));
        found
    }

    /// The image of the first holder that names one: `image:` mappings merge through `extends:`, so a
    /// mapping without `name:` leaves the name to the next holder.
    fn image(&self, name: &str, holders: &[NodeId], scope: &Scope, out: &mut Extraction) -> Option<Found> {
        let image = holders.iter().find_map(|&holder| self.image_name(holder))?;
        self.image_at(image, format!("{name}/image"), "image", scope, out)
    }

    /// The image name a holder writes (`image: x` or `image: {name: x}`).
    fn image_name(&self, holder: NodeId) -> Option<Result<NodeId, NodeId>> {
        match self.get(holder, "image")? {
            Ok(image) if self.doc.is_map(image) => self.get(image, "name"),
            image => Some(image),
        }
    }

    /// Notes, for the `key` (`image` or `services`) of each holder in `chain` (a job's ancestry then the
    /// defaults it inherits) after the first that sets it, that the first overrides it there. An image
    /// noted here that no job uses is reported with what overrides it.
    fn note_overrides(&self, chain: &[NodeId], key: &str) {
        let written = |holder: NodeId| -> Option<(NodeId, Vec<NodeId>)> {
            if key == "image" {
                let name = self.image_name(holder)?.ok()?;
                return Some((name, vec![name]));
            }
            let services = self.get(holder, key)?.ok()?;
            let names = self.doc.seq(services).unwrap_or(&[]).iter().filter_map(|&item| if self.doc.is_map(item) { self.doc.get(item, "name") } else { Some(item) }).collect();
            Some((services, names))
        };
        let mut holders = chain.iter().filter_map(|&holder| Some((holder, written(holder)?)));
        let Some((winner, (value, _))) = holders.next() else { return };
        let by = self.describe(winner, key);
        // The message points at the line of the key (`services:`), not where its list starts.
        let at = self.doc.entries(winner).iter().find(|&&(k, _)| self.doc.str(k) == Some(key)).map_or(value, |&(k, _)| k);
        let mut overrides = self.overrides.borrow_mut();
        for (_, (_, names)) in holders {
            for name in names {
                overrides.entry(name).or_insert_with(|| (by.clone(), at));
            }
        }
    }

    /// How a message names `key` written in `holder`.
    fn describe(&self, holder: NodeId, key: &str) -> String {
        if holder == self.root {
            return format!("the top-level `{key}:`");
        }
        match self.top.iter().find(|&(_, &job)| job == holder) {
            Some((&"default", _)) => format!("`default: {key}:`"),
            Some((job, _)) => format!("the `{key}:` of job `{job}`"),
            None => format!("`{key}:`"),
        }
    }

    fn services(&self, name: &str, holders: &[NodeId], scope: &Scope, out: &mut Extraction) -> Vec<Found> {
        let location = format!("{name}/services");
        let services = match self.first(holders, "services") {
            None => return Vec::new(),
            Some(Err(tag)) => return self.image_at(Err(tag), location, "services", scope, out).into_iter().collect(),
            Some(Ok(services)) => services,
        };
        let Some(items) = self.doc.seq(services) else {
            push_once(out, node_error(self.doc, services, "`services` must be a list of images"));
            return Vec::new();
        };
        // A `!reference` to another job's services is a list inside the list, which GitLab flattens.
        let mut flat = Vec::new();
        for &item in items {
            match self.deref(item) {
                Ok(list) if self.doc.seq(list).is_some() => flat.extend(self.doc.seq(list).unwrap_or(&[]).iter().map(|&i| self.deref(i))),
                other => flat.push(other),
            }
        }
        let mut found = Vec::new();
        for (i, item) in flat.into_iter().enumerate() {
            if !self.spend() {
                break;
            }
            let item = match item {
                Ok(service) if self.doc.is_map(service) => match self.get(service, "name") {
                    Some(service_name) => service_name,
                    None => continue,
                },
                other => other,
            };
            found.extend(self.image_at(item, format!("{location}/{i}"), "services", scope, out));
        }
        found
    }

    /// An image written at `id`, resolved in `scope`; an unresolvable `!reference` is unanalyzable.
    fn image_at(&self, id: Result<NodeId, NodeId>, location: String, key: &str, scope: &Scope, out: &mut Extraction) -> Option<Found> {
        let id = match id {
            Ok(id) => id,
            Err(tag) => return Some((tag, self.outside_reference(tag, location))),
        };
        if let Err(e) = expect_scalar(self.doc, id, key) {
            push_once(out, e);
            return None;
        }
        let mut reference = reference_in_yaml(RefKind::Image, self.doc, id, location, |w| scope.resolve(w))?;
        if let (Some(at), Resolved::Value(value)) = (scope.matrix_value.take(), &reference.resolved) {
            reference.span = self.doc.node(at).span;
            reference.location = format!("{}[{value}]", reference.location);
        }
        Some((id, reference))
    }

    /// A `!reference` to something this file does not hold (an included file's job, say).
    fn outside_reference(&self, tag: NodeId, location: String) -> Reference {
        let path: Vec<&str> = self.doc.seq(tag).unwrap_or(&[]).iter().filter_map(|&k| self.doc.str(k)).collect();
        Reference {
            kind: RefKind::Image,
            written: format!("!reference [{}]", path.join(", ")),
            resolved: Resolved::Unresolved(vec![path.join(".")]),
            span: self.doc.node(tag).span,
            location,
            overridden: None,
        }
    }

    /// Every entry of an `include:` (a string, a mapping, or a list of them).
    fn includes(&self, include: NodeId, location: &str, scope: &Scope, out: &mut Extraction) {
        let entries = match (&self.doc.node(include).kind, not_a_string(self.doc, include)) {
            (Kind::Seq(_), _) => self.doc.seq(include).unwrap_or(&[]).to_vec(),
            (Kind::Map(_), _) | (_, None) => vec![include],
            _ if self.doc.is_null(include) => Vec::new(),
            (_, Some(found)) => {
                return out.errors.push(node_error(self.doc, include, format!("`include` must be a file name, a mapping or a list of them, not {found}")));
            }
        };
        for (i, entry) in entries.into_iter().enumerate() {
            if !self.spend() {
                return;
            }
            match self.include(entry, format!("{location}/{i}"), scope) {
                Ok(reference) => out.references.extend(reference),
                Err(e) => out.errors.push(e),
            }
        }
    }

    fn include(&self, entry: NodeId, location: String, scope: &Scope) -> Result<Option<Reference>, SourceError> {
        let doc = self.doc;
        let reference = |kind: RefKind, id: NodeId, resolve: &dyn Fn(&str) -> Resolved| reference_in_yaml(kind, doc, id, location.clone(), resolve);
        match (&doc.node(entry).kind, not_a_string(doc, entry)) {
            (Kind::Map(_), _) => {}
            (_, Some(found)) => return Err(node_error(doc, entry, format!("`include` entries must be a file name or a mapping, not {found}"))),
            (_, None) => {
                // The string form is a local file, or a remote one (which then has no `integrity`).
                let file = doc.str(entry).unwrap_or("");
                let remote = file.starts_with("https://") || file.starts_with("http://");
                let kind = RefKind::Include(IncludeKind::Remote { integrity: None });
                return Ok(if remote { reference(kind, entry, &|w| scope.resolve(w)) } else { None });
            }
        }
        let field = |key: &str| doc.get(entry, key).map(|id| expect_scalar(doc, id, key).map(|text| (id, text))).transpose();
        if let Some((project_id, project)) = field("project")? {
            let git_ref = field("ref")?;
            let written = match git_ref {
                Some((_, r)) => format!("{project}@{r}"),
                None => project.to_string(),
            };
            let at = git_ref.map_or(project_id, |(id, _)| id);
            let kind = RefKind::Include(IncludeKind::Project);
            return Ok(Some(Reference { kind, resolved: scope.resolve(&written), written, span: doc.node(at).span, location, overridden: None }));
        }
        if let Some((remote, _)) = field("remote")? {
            let integrity = field("integrity")?.map(|(_, i)| i.to_string());
            return Ok(reference(RefKind::Include(IncludeKind::Remote { integrity }), remote, &|w| scope.resolve(w)));
        }
        if let Some((component, _)) = field("component")? {
            return Ok(reference(RefKind::Include(IncludeKind::Component), component, &|w| scope.resolve_component(w)));
        }
        if let Some((template, _)) = field("template")? {
            return Ok(reference(RefKind::Include(IncludeKind::Template), template, &|w| scope.resolve(w)));
        }
        if field("local")?.is_some() || doc.get(entry, "artifact").is_some() {
            return Ok(None);
        }
        Err(node_error(doc, entry, "`include` entry has none of `local`, `project`, `remote`, `component`, `template`"))
    }
}

/// The variables a value is resolved with: a `parallel: matrix:` row, the job's own (through
/// `extends:`), then the file's.
struct Scope<'p> {
    pipeline: &'p Pipeline<'p>,
    row: Vec<(String, NodeId)>,
    own: Vec<NodeId>,
    globals: Option<NodeId>,
    inherit: Option<NodeId>,
    /// The names the last resolution needed and found nowhere, through variables that use them.
    undefined: RefCell<Vec<String>>,
    /// The first matrix value the last resolution used, where its finding belongs.
    matrix_value: Cell<Option<NodeId>>,
}

impl<'p> Scope<'p> {
    fn new(pipeline: &'p Pipeline<'p>, own: Vec<NodeId>, globals: Option<NodeId>, inherit: Option<NodeId>, row: Vec<(String, NodeId)>) -> Scope<'p> {
        Scope { pipeline, row, own, globals, inherit, undefined: RefCell::new(Vec::new()), matrix_value: Cell::new(None) }
    }

    /// `written` with inputs and variables substituted. When it stays unresolved, the names reported are
    /// the ones the file defines nowhere (`CI_REGISTRY_IMAGE`), not the variables that use them.
    fn resolve(&self, written: &str) -> Resolved {
        let text = match interpolate_inputs(written, self.pipeline.inputs) {
            Ok(text) => text,
            Err(names) => return Resolved::Unresolved(names),
        };
        self.undefined.borrow_mut().clear();
        self.matrix_value.set(None);
        match Resolved::of(&text, &|name| self.value(name, 0)) {
            Resolved::Unresolved(names) => {
                let undefined = self.undefined.take();
                Resolved::Unresolved(if undefined.is_empty() { names } else { undefined })
            }
            value => value,
        }
    }

    /// A component path may start with the instance's own host (`$CI_SERVER_FQDN/…`), which does not
    /// affect the pin; it is kept as written.
    fn resolve_component(&self, written: &str) -> Resolved {
        match written.split_once('/') {
            Some((host @ ("$CI_SERVER_FQDN" | "${CI_SERVER_FQDN}" | "$CI_SERVER_HOST" | "${CI_SERVER_HOST}"), path)) => match self.resolve(path) {
                Resolved::Value(path) => Resolved::Value(format!("{host}/{path}")),
                unresolved => unresolved,
            },
            _ => self.resolve(written),
        }
    }

    fn value(&self, name: &str, depth: usize) -> Option<String> {
        let p = self.pipeline;
        if depth > MAX_NESTING || !p.spend() {
            return None;
        }
        if let Some(&(_, value)) = self.row.iter().find(|(key, _)| key == name) {
            if self.matrix_value.get().is_none() {
                self.matrix_value.set(Some(value));
            }
            return p.doc.str(value).map(str::to_string);
        }
        let own = self.own.iter().find_map(|&vars| p.doc.get(vars, name));
        let global = || self.globals.filter(|_| p.inherits(self.inherit, "variables", name)).and_then(|vars| p.doc.get(vars, name));
        let Some(node) = own.or_else(global) else {
            let mut undefined = self.undefined.borrow_mut();
            if !undefined.iter().any(|n| n == name) {
                undefined.push(name.to_string());
            }
            return None;
        };
        let node = p.deref(node).ok()?;
        // `NAME: {value: …, description: …, expand: false}` is the long form.
        let (raw, expand) = match p.get(node, "value") {
            Some(value) => (p.doc.str(value.ok()?)?, p.doc.get_str(node, "expand") != Some("false")),
            None => (p.doc.str(node)?, true),
        };
        if !expand {
            return Some(raw.to_string());
        }
        variables::expand(raw, &|n| self.value(n, depth + 1)).ok().filter(|v| v.len() <= MAX_VALUE)
    }
}

/// Substitutes `$[[ inputs.name ]]` with the input's default. An input with no default is given by the
/// file that includes the component; a function other than `expand_vars` changes the value in ways
/// not modelled here. Either way the expression is reported as unresolved.
fn interpolate_inputs(text: &str, inputs: &[Input]) -> Result<String, Vec<String>> {
    if !text.contains("$[[") {
        return Ok(text.to_string());
    }
    let mut out = String::new();
    let mut unresolved = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("$[[") {
        out.push_str(&rest[..start]);
        let body = &rest[start + 3..];
        let end = body.find("]]").unwrap_or(body.len());
        let expression = body[..end].trim();
        let mut pipe = expression.split('|').map(str::trim);
        let name = pipe.next().unwrap_or("");
        let plain = pipe.all(|f| f == "expand_vars");
        let default = name.strip_prefix("inputs.").and_then(|n| inputs.iter().find(|(k, _)| k == n)).and_then(|(_, d)| d.as_deref());
        match default {
            Some(value) if plain => out.push_str(value),
            _ => unresolved.push(expression.to_string()),
        }
        rest = body.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    if unresolved.is_empty() {
        Ok(out)
    } else {
        Err(unresolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_take_their_defaults() {
        let inputs = vec![("image".to_string(), Some("node:20".to_string())), ("tag".to_string(), None)];
        assert_eq!(interpolate_inputs("$[[ inputs.image ]]", &inputs), Ok("node:20".into()));
        assert_eq!(interpolate_inputs("$[[inputs.image|expand_vars]]-x", &inputs), Ok("node:20-x".into()));
        assert_eq!(interpolate_inputs("app:$[[ inputs.tag ]]", &inputs), Err(vec!["inputs.tag".into()]));
        assert_eq!(interpolate_inputs("$[[ inputs.image | truncate(0,4) ]]", &inputs), Err(vec!["inputs.image | truncate(0,4)".into()]));
        assert_eq!(interpolate_inputs("$[[ inputs.nope ]]", &inputs), Err(vec!["inputs.nope".into()]));
    }
}
