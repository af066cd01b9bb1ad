//! GitHub Actions workflows (`.github/workflows/*.yml`): each job's reusable-workflow `uses:`, its
//! `container` (a string, or a mapping with `image:`), its `services.*.image`, and each step's `uses:`
//! (an action, a `docker://` image, or a local `./path`, which is skipped). The version comment after a
//! `uses:` value (`@<sha> # v4.2.2`) is kept with the reference.
//!
//! `${{ matrix.… }}` is resolved against the job's static `strategy.matrix`, combined the way GitHub
//! does it (the product of the vectors, minus `exclude` rows, plus `include` rows that extend matching
//! combinations or add their own): one reference per distinct value, positioned at the matrix value that
//! produced it. A value that comes out empty means "no container". An expression whose alternatives are
//! literals (`${{ inputs.redis && 'redis:7' || 'redis:6' }}`) takes each of them, positioned at the
//! literal. A matrix built by an expression (`fromJSON(…)`), and every other expression, cannot be
//! resolved here.

use super::{expect_scalar, has_top_level, node_error, reference_in_yaml, Content, Extraction, FileName, Reader, Resources};
use crate::model::{SourceError, Span};
use crate::reference::{action, RefKind, Resolved};
use crate::yaml::{Budget, Document, NodeId, BUDGET_MESSAGE};
use std::collections::HashSet;

pub const KIND: super::Kind = super::Kind {
    name: "github-workflow",
    label: "GitHub workflow",
    named: is_workflow_name,
    content: Some(Content { priority: 60, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// GitHub runs only the files directly in `.github/workflows/`; Gitea and Forgejo run workflows of the
/// same syntax from `.gitea/workflows/` and `.forgejo/workflows/`; workflow templates an organization
/// offers its repositories sit in `.github/workflow-templates/`.
fn is_workflow_name(file: &FileName) -> bool {
    const FOLDERS: &[&str] = &[".github/workflows/", ".gitea/workflows/", ".forgejo/workflows/", ".github/workflow-templates/"];
    file.is_yaml() && FOLDERS.iter().any(|folder| file.after(folder).is_some_and(|rest| !rest.contains('/')))
}

fn looks_like(text: &str) -> bool {
    has_top_level(text, "jobs:") && ["on:", "\"on\":", "'on':"].iter().any(|k| has_top_level(text, k))
}

pub fn document(doc: &Document, text: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    let Some(jobs) = doc.get(root, "jobs") else { return };
    if !doc.is_map(jobs) {
        return out.errors.push(node_error(doc, jobs, "`jobs` must be a mapping of job names to jobs"));
    }
    let mut refs = Job::new(doc, text, out);
    for &(name, job) in doc.entries(jobs).iter() {
        let Some(name) = doc.str(name) else { continue };
        if !refs.budget.spend() {
            break;
        }
        let location = format!("jobs/{name}");
        refs.matrix = Matrix::of(doc, job);
        if let Some(uses) = doc.get(job, "uses") {
            refs.uses(uses, format!("{location}/uses"));
        }
        if let Some(container) = doc.get(job, "container") {
            match doc.get(container, "image") {
                Some(image) => refs.image(image, format!("{location}/container"), "container.image"),
                None if !doc.is_map(container) => refs.image(container, format!("{location}/container"), "container"),
                None => {}
            }
        }
        if let Some(services) = doc.get(job, "services") {
            for &(service, spec) in doc.entries(services).iter() {
                if let (Some(service), Some(image)) = (doc.str(service), doc.get(spec, "image")) {
                    refs.image(image, format!("{location}/services/{service}/image"), "image");
                }
            }
        }
        if let Some(steps) = doc.get(job, "steps") {
            refs.steps(steps, &location);
        }
    }
    refs.finish();
}

/// The references of a document's jobs (or of a composite action's steps), each job's with the matrix
/// its expressions draw on.
pub(super) struct Job<'a> {
    doc: &'a Document,
    text: &'a str,
    matrix: Matrix,
    out: &'a mut Extraction,
    budget: Budget,
    /// Each value node with the matrix value and resolution it was reported with: jobs that alias one
    /// list of steps report each step once, and cheaply.
    seen: HashSet<(NodeId, Option<Producer>, Resolved)>,
}

impl<'a> Job<'a> {
    /// Starts with no matrix, as in a composite action.
    pub(super) fn new(doc: &'a Document, text: &'a str, out: &'a mut Extraction) -> Job<'a> {
        Job { doc, text, matrix: Matrix::None, out, budget: Budget::for_document(doc), seen: HashSet::new() }
    }

    /// Reports a walk that the budget cut short.
    pub(super) fn finish(self) {
        if let (true, Some(root)) = (self.budget.exhausted(), self.doc.root()) {
            self.out.errors.push(SourceError { span: self.doc.node(root).span, message: BUDGET_MESSAGE.into() });
        }
    }

    pub(super) fn steps(&mut self, steps: NodeId, location: &str) {
        let Some(items) = self.doc.seq(steps) else {
            return self.out.errors.push(node_error(self.doc, steps, "`steps` must be a list"));
        };
        for (i, &step) in items.iter().enumerate() {
            if !self.budget.spend() {
                return;
            }
            let Some(uses) = self.doc.get(step, "uses") else { continue };
            let id = self.doc.get_str(step, "id").map_or_else(|| i.to_string(), |id| format!("id={id}"));
            self.uses(uses, format!("{location}/steps/{id}/uses"));
        }
    }

    /// A `uses:` value: an action or reusable workflow, a `docker://` image, or a local path.
    pub(super) fn uses(&mut self, id: NodeId, location: String) {
        let written = match expect_scalar(self.doc, id, "uses") {
            Ok(written) => written,
            Err(e) => return self.out.errors.push(e),
        };
        if action::is_local(written) {
            return;
        }
        if written.starts_with(action::DOCKER_PREFIX) {
            return self.push(Target::Image, id, location, action::DOCKER_PREFIX);
        }
        self.push(Target::Action, id, location, "");
    }

    /// A container image written directly (`container:`, `services.*.image`) under `key`.
    pub(super) fn image(&mut self, id: NodeId, location: String, key: &str) {
        match expect_scalar(self.doc, id, key) {
            Ok(_) => self.push(Target::Image, id, location, ""),
            Err(e) => self.out.errors.push(e),
        }
    }

    /// A Docker action's `runs.image`: an image when it is `docker://…`, else a Dockerfile in the repository.
    pub(super) fn runs_image(&mut self, id: NodeId, location: String) {
        if self.doc.str(id).is_some_and(|image| image.starts_with(action::DOCKER_PREFIX)) {
            self.push(Target::Image, id, location, action::DOCKER_PREFIX);
        }
    }

    /// The version named by the comment after a one-line value.
    fn version_comment(&self, id: NodeId) -> Option<String> {
        let span = self.doc.node(id).span;
        let value = self.text.get(span.start as usize..span.end as usize)?;
        if value.contains('\n') {
            return None;
        }
        version_comment(self.text[span.end as usize..].split('\n').next().unwrap_or(""))
    }

    /// Where a value was produced: its matrix value, or the literal inside the written value (the whole
    /// value when escapes make the literal's place uncertain).
    fn span_of(&self, producer: &Producer, value: Span) -> Span {
        match producer {
            Producer::Matrix(node) => self.doc.node(*node).span,
            Producer::Literal(quoted) => {
                let written = self.text.get(value.start as usize..value.end as usize).unwrap_or("");
                match written.find(quoted.as_str()) {
                    Some(at) => Span::new(value.start as usize + at + 1, value.start as usize + at + quoted.len() - 1),
                    None => value,
                }
            }
        }
    }

    /// One reference per value the written text takes, without `prefix`; empty values are no reference.
    fn push(&mut self, what: Target, id: NodeId, location: String, prefix: &str) {
        let Some(text) = self.doc.str(id) else { return };
        let mut values = self.matrix.expand(self.doc, text, &mut self.budget);
        values.retain(|(resolved, at)| self.seen.insert((id, at.clone(), resolved.clone())));
        if values.is_empty() {
            return;
        }
        let kind = match what {
            Target::Image => RefKind::Image,
            Target::Action => RefKind::Action { version: self.version_comment(id) },
        };
        let Some(written) = reference_in_yaml(kind, self.doc, id, location, |w| Resolved::Value(w.to_string())) else { return };
        for (resolved, producer) in values {
            let mut reference = written.clone();
            match resolved {
                Resolved::Value(value) => {
                    let value = value.strip_prefix(prefix).unwrap_or(&value);
                    if value.trim().is_empty() {
                        continue;
                    }
                    if let Some(producer) = producer {
                        reference.span = self.span_of(&producer, written.span);
                        reference.location = format!("{}[{value}]", written.location);
                    }
                    reference.resolved = Resolved::Value(value.to_string());
                }
                unresolved => reference.resolved = unresolved,
            }
            self.out.references.push(reference);
        }
    }
}

/// What a `uses:` or image value is a reference to.
#[derive(Clone, Copy)]
enum Target {
    Action,
    Image,
}

/// The version a comment names, given the text after a value: `# v4.2.2`, `# 4.2`, `# tag=v4.2.2`,
/// `# ratchet:actions/checkout@v4.2.2`, as pinning tools write them. A first word without a digit names
/// no version.
fn version_comment(after_value: &str) -> Option<String> {
    let comment = after_value.trim_start().strip_prefix('#')?.trim();
    let word = comment.split_whitespace().next()?;
    let word = match (word.strip_prefix("tag="), word.strip_prefix("ratchet:")) {
        (Some(tag), _) => tag,
        (_, Some(pinned)) => pinned.rsplit_once('@').map_or(pinned, |(_, version)| version),
        _ => word,
    };
    word.contains(|c: char| c.is_ascii_digit()).then(|| word.to_string())
}

/// GitHub runs at most 256 jobs per matrix and rejects a bigger one, so fixity does not expand it.
const MAX_COMBINATIONS: usize = 256;

/// The values one written string may expand to. Real ones take a few (a matrix's rows, an `||` default);
/// each expression multiplies the count, so a string past this is left unresolved rather than expanded.
const MAX_VALUES: usize = 1024;

/// What `${{ matrix.… }}` can stand for in one job.
pub(super) enum Matrix {
    /// The job has no `strategy.matrix`.
    None,
    /// The matrix is an expression (`${{ fromJSON(…) }}`) or too big to run: known only at run time.
    Dynamic,
    /// Every combination GitHub runs.
    Static(Vec<Combination>),
}

/// One combination: each key with the node giving its value (`None` where the value is an expression).
type Combination = Vec<(String, Option<NodeId>)>;

impl Matrix {
    fn of(doc: &Document, job: NodeId) -> Matrix {
        let Some(matrix) = doc.get(job, "strategy").and_then(|s| doc.get(s, "matrix")) else { return Matrix::None };
        if is_expression(doc, matrix) {
            return Matrix::Dynamic;
        }
        let mut vectors: Vec<(String, Vec<Option<NodeId>>)> = Vec::new();
        let (mut include, mut exclude) = (None, None);
        for &(key, value) in doc.entries(matrix).iter() {
            match doc.str(key) {
                Some("include") => include = Some(value),
                Some("exclude") => exclude = Some(value),
                Some(key) => {
                    let values = match doc.seq(value) {
                        Some(items) => items.iter().map(|&item| Some(item)).collect(),
                        None if is_expression(doc, value) => vec![None],
                        None => vec![Some(value)],
                    };
                    vectors.push((key.to_string(), values));
                }
                None => {}
            }
        }
        if include.into_iter().chain(exclude).any(|rows| is_expression(doc, rows)) {
            return Matrix::Dynamic;
        }
        let count = vectors.iter().try_fold(1usize, |n, (_, values)| n.checked_mul(values.len()));
        if count.is_none_or(|n| n > MAX_COMBINATIONS) {
            return Matrix::Dynamic;
        }
        // With no vectors, GitHub starts from no combination at all (not one empty one).
        let mut combinations: Vec<Combination> = if vectors.is_empty() { Vec::new() } else { vec![Vec::new()] };
        for (key, values) in &vectors {
            combinations = combinations
                .iter()
                .flat_map(|c| values.iter().map(move |&v| c.iter().cloned().chain([(key.clone(), v)]).collect()))
                .collect();
        }
        let rows = |list: Option<NodeId>| -> Vec<Vec<(String, NodeId)>> {
            let items = list.and_then(|l| doc.seq(l)).unwrap_or(&[]);
            items.iter().map(|&row| doc.entries(row).iter().filter_map(|&(k, v)| Some((doc.str(k)?.to_string(), v))).collect()).collect()
        };
        for row in rows(exclude) {
            combinations.retain(|c| !row.iter().all(|(k, v)| value_of(c, k).is_some_and(|cv| same(doc, cv, *v))));
        }
        let is_vector = |key: &str| vectors.iter().any(|(k, _)| k == key);
        let originals = combinations.len();
        for row in rows(include) {
            // A row extends every original combination whose own values it does not contradict; only the
            // values that rows added may be overwritten. A row that extends none is a combination of its own.
            let mut extended = false;
            for combination in &mut combinations[..originals] {
                if !row.iter().all(|(k, v)| !is_vector(k) || value_of(combination, k).is_some_and(|cv| same(doc, cv, *v))) {
                    continue;
                }
                extended = true;
                for (k, v) in row.iter().filter(|(k, _)| !is_vector(k)) {
                    combination.retain(|(ck, _)| ck != k);
                    combination.push((k.clone(), Some(*v)));
                }
            }
            if !extended {
                combinations.push(row.into_iter().map(|(k, v)| (k, Some(v))).collect());
            }
        }
        Matrix::Static(combinations)
    }

    /// The values `written` takes, each with what produced it (the first matrix value or literal
    /// alternative), distinct; a value that depends on what cannot be resolved here is the expressions it
    /// depends on, and so is the whole string when it takes more than [`MAX_VALUES`].
    fn expand(&self, doc: &Document, written: &str, budget: &mut Budget) -> Vec<(Resolved, Option<Producer>)> {
        let parts = parts(written);
        if !parts.iter().any(|p| matches!(p, Part::Expression(_))) {
            return vec![(Resolved::Value(written.to_string()), None)];
        }
        let too_many = || {
            let mut seen = HashSet::new();
            let expressions = parts.iter().filter_map(|p| match p {
                Part::Expression(e) if seen.insert(*e) => Some(e.to_string()),
                _ => None,
            });
            vec![(Resolved::Unresolved(expressions.collect()), None)]
        };
        // What each part can be, read once for all combinations (none for text).
        let choices: Vec<Vec<Alternative>> = parts
            .iter()
            .map(|p| match p {
                Part::Expression(e) => alternatives(e),
                Part::Text(_) => Vec::new(),
            })
            .collect();
        // Without a static matrix, `matrix.…` is unknown like any other expression.
        let unknown: [Combination; 1] = [Vec::new()];
        let combinations = match self {
            Matrix::Static(combinations) => combinations.as_slice(),
            Matrix::None | Matrix::Dynamic => &unknown,
        };
        let mut values: Vec<(Resolved, Option<Producer>)> = Vec::new();
        let mut distinct = HashSet::new();
        for combination in combinations {
            // Every value the parts so far can take that depends on nothing unknown, with what produced it;
            // and what the values that do depend on. Those are one value, as they are one finding: their
            // count would multiply with every expression, their message is the same.
            let mut known: Vec<(String, Option<Producer>)> = vec![(String::new(), None)];
            let mut unknown: Vec<String> = Vec::new();
            let mut unknown_seen = HashSet::new();
            for (part, alternatives) in parts.iter().zip(&choices) {
                if let Part::Text(t) = part {
                    known.iter_mut().for_each(|(value, _)| value.push_str(t));
                    continue;
                }
                // Each alternative's text in this combination, with what produced it.
                let mut texts: Vec<(&str, Option<Producer>)> = Vec::new();
                for alternative in alternatives {
                    let depends_on = match alternative {
                        Alternative::Literal(text, quoted) => {
                            texts.push((text, (!text.is_empty()).then(|| Producer::Literal(quoted.to_string()))));
                            continue;
                        }
                        Alternative::Matrix(path, e) => match (self, lookup(doc, combination, path)) {
                            (Matrix::Static(_), Lookup::Missing) => {
                                texts.push(("", None));
                                continue;
                            }
                            (Matrix::Static(_), Lookup::Value(node, s)) => {
                                texts.push((s, Some(Producer::Matrix(node))));
                                continue;
                            }
                            _ => e,
                        },
                        Alternative::Unknown(e) => e,
                    };
                    if unknown_seen.insert(*depends_on) {
                        unknown.push(depends_on.to_string());
                    }
                }
                if known.len().saturating_mul(texts.len()) > MAX_VALUES {
                    return too_many();
                }
                let mut next = Vec::with_capacity(known.len() * texts.len());
                for (value, at) in &known {
                    for (text, producer) in &texts {
                        if !budget.spend() {
                            return values;
                        }
                        next.push((value.clone() + text, at.clone().or_else(|| producer.clone())));
                    }
                }
                known = next;
            }
            let unresolved = (!unknown.is_empty()).then_some((Resolved::Unresolved(unknown), None));
            for entry in known.into_iter().map(|(value, at)| (Resolved::Value(value), at)).chain(unresolved) {
                if distinct.insert(entry.clone()) {
                    values.push(entry);
                }
            }
            if values.len() > MAX_VALUES {
                return too_many();
            }
        }
        values
    }
}

/// What produced one value of an expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Producer {
    /// A value of the job's matrix.
    Matrix(NodeId),
    /// A literal alternative, as written (quotes included).
    Literal(String),
}

/// What one `${{ … }}` can evaluate to, as far as it can be told without running it.
#[derive(Debug, PartialEq)]
enum Alternative<'a> {
    /// A literal: its value, and how it is written.
    Literal(String, &'a str),
    /// `matrix.a.b`: the keys, and the expression as written.
    Matrix(Vec<&'a str>, &'a str),
    Unknown(&'a str),
}

/// The values an expression can take: each `||` operand's, where an `a && b && 'x'` chain, when truthy,
/// is its last operand (`inputs.redis && 'redis:7' || 'redis:6'` is `redis:7` or `redis:6`). A falsy
/// value means no value; anything that is not a literal or a matrix value is unknown.
fn alternatives(expression: &str) -> Vec<Alternative<'_>> {
    alternatives_within(expression, 0)
}

/// Parenthesized operators nest deeper than this in no real workflow; deeper is left unknown.
const MAX_NESTING: usize = 16;

fn alternatives_within(expression: &str, depth: usize) -> Vec<Alternative<'_>> {
    let value = unparenthesized(expression.trim());
    let either = operands(value, "||");
    if depth < MAX_NESTING && either.len() > 1 {
        return either.into_iter().flat_map(|operand| alternatives_within(operand, depth + 1)).collect();
    }
    let all = operands(value, "&&");
    if depth < MAX_NESTING && all.len() > 1 {
        return alternatives_within(all[all.len() - 1], depth + 1);
    }
    let alternative = match (literal(value), matrix_path(value)) {
        (Some(text), _) => Alternative::Literal(text, value),
        (_, Some(path)) => Alternative::Matrix(path, value),
        _ if matches!(value, "false" | "null") => Alternative::Literal(String::new(), value),
        _ if value == "true" || value.parse::<f64>().is_ok() => Alternative::Literal(value.to_string(), value),
        _ => Alternative::Unknown(value),
    };
    vec![alternative]
}

/// The operands of `operator` (`||` or `&&`) outside strings and parentheses, trimmed.
fn operands<'a>(expression: &'a str, operator: &str) -> Vec<&'a str> {
    let bytes = expression.as_bytes();
    let (mut depth, mut quoted, mut start, mut i) = (0usize, false, 0, 0);
    let mut out = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth = depth.saturating_sub(1),
            _ if !quoted && depth == 0 && bytes[i..].starts_with(operator.as_bytes()) => {
                out.push(expression[start..i].trim());
                i += operator.len();
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(expression[start..].trim());
    out
}

/// The expression inside the parentheses that wholly enclose it, if they do.
fn unparenthesized(mut expression: &str) -> &str {
    while let Some(inner) = expression.strip_prefix('(').and_then(|e| e.strip_suffix(')')) {
        // `(a) || (b)` starts and ends with parentheses that are not one pair.
        if !balanced(inner) {
            break;
        }
        expression = inner.trim();
    }
    expression
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// The value of a string literal `'…'` (`''` is a quote), if the whole text is one.
fn literal(text: &str) -> Option<String> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.replace("''", "").contains('\'')).then(|| inner.replace("''", "'"))
}

fn value_of(combination: &Combination, key: &str) -> Option<Option<NodeId>> {
    combination.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

/// Whether a combination's value equals a row's value (scalars by text; an expression's value never).
fn same(doc: &Document, value: Option<NodeId>, other: NodeId) -> bool {
    match value {
        Some(v) => v == other || doc.str(v).is_some_and(|s| doc.str(other) == Some(s)),
        None => false,
    }
}

fn is_expression(doc: &Document, id: NodeId) -> bool {
    doc.str(id).is_some_and(|s| s.contains("${{"))
}

enum Lookup<'d> {
    Missing,
    Value(NodeId, &'d str),
    /// An expression's value, or a list or mapping where text is needed.
    Unknown,
}

/// `matrix.a.b` in one combination; keys compare case-insensitively, as GitHub's expressions do.
fn lookup<'d>(doc: &'d Document, combination: &Combination, path: &[&str]) -> Lookup<'d> {
    let Some((first, rest)) = path.split_first() else { return Lookup::Unknown };
    let Some(&(_, value)) = combination.iter().find(|(k, _)| k.eq_ignore_ascii_case(first)) else { return Lookup::Missing };
    let Some(mut node) = value else { return Lookup::Unknown };
    for key in rest {
        match doc.get(node, key) {
            Some(next) => node = next,
            None => return Lookup::Missing,
        }
    }
    match doc.str(node) {
        Some(s) if !doc.is_null(node) => Lookup::Value(node, s),
        Some(_) => Lookup::Missing,
        None => Lookup::Unknown,
    }
}

enum Part<'a> {
    Text(&'a str),
    /// The body of a `${{ … }}`, trimmed.
    Expression(&'a str),
}

fn parts(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        parts.push(Part::Text(&rest[..start]));
        let body = &rest[start + 3..];
        let end = body.find("}}").unwrap_or(body.len());
        parts.push(Part::Expression(body[..end].trim()));
        rest = body.get(end + 2..).unwrap_or("");
    }
    parts.push(Part::Text(rest));
    parts
}

/// The keys of a `matrix.a.b` expression, or `None` for any other expression.
fn matrix_path(expression: &str) -> Option<Vec<&str>> {
    let path: Vec<&str> = expression.strip_prefix("matrix.")?.split('.').collect();
    let identifier = |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    path.iter().all(identifier).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// The values of the first container image in `text`, as `value@line:col` or `?names`.
    fn container_values(text: &str) -> Vec<String> {
        let mut out = Extraction::default();
        yaml::for_each_document(text, |doc| document(doc, text, &mut out)).unwrap();
        let lines = crate::model::LineIndex::new(text);
        out.references
            .iter()
            .map(|r| match &r.resolved {
                Resolved::Value(v) => {
                    let place = lines.place(r.span);
                    format!("{v}@{}:{}", place.line, place.column)
                }
                Resolved::Unresolved(names) => format!("?{}", names.join(",")),
            })
            .collect()
    }

    #[test]
    fn matrix_include_extends_or_adds_combinations() {
        // GitHub's own example: include rows extend matching combinations, or add new ones.
        let text = "jobs:\n  t:\n    container: ${{ matrix.image }}\n    strategy:\n      matrix:\n        fruit: [apple, pear]\n        animal: [cat, dog]\n        include:\n          - color: green\n            image: a:1\n          - color: pink\n            animal: cat\n            image: b:1\n          - fruit: apple\n            shape: circle\n            image: c:1\n          - fruit: banana\n            image: d:1\n          - fruit: banana\n            animal: cat\n            image: e:1\n";
        // apple/cat: c:1 (the third row overwrites the added image), apple/dog: c:1, pear/cat: b:1,
        // pear/dog: a:1, then banana and banana/cat on their own.
        assert_eq!(container_values(text), vec!["c:1@16:20", "b:1@13:20", "a:1@10:20", "d:1@18:20", "e:1@21:20"]);
    }

    #[test]
    fn matrix_exclude_and_missing_keys() {
        let text = "jobs:\n  t:\n    container: node:${{ matrix.node }}\n    strategy:\n      matrix:\n        node: [18, 20]\n        os: [linux, windows]\n        exclude:\n          - node: 18\n";
        assert_eq!(container_values(text), vec!["node:20@6:20"]);
        let text = "jobs:\n  t:\n    container: ${{ matrix.container }}\n    strategy:\n      matrix:\n        include:\n          - container: ''\n          - os: mac\n";
        assert!(container_values(text).is_empty());
    }

    #[test]
    fn strings_of_too_many_values_are_unresolved() {
        let container = |expressions: usize| {
            let image = vec!["${{ 'a' || 'b' }}"; expressions].concat();
            container_values(&format!("jobs:\n  t:\n    container: i:{image}\n"))
        };
        let values = container(10);
        assert_eq!((values.len(), values[0].as_str(), values[1023].as_str()), (1024, "i:aaaaaaaaaa@3:23", "i:bbbbbbbbbb@3:30"));
        assert_eq!(container(11), vec!["?'a' || 'b'"]);
        // Each matrix row adds its values; the count across all of them is what is capped.
        let rows = |n: usize| format!("jobs:\n  t:\n    container: i:${{{{ matrix.v }}}}${{{{ 'a' || 'b' || 'c' || 'd' }}}}\n    strategy:\n      matrix:\n        v: [{}]\n", (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", "));
        assert_eq!(container_values(&rows(256)).len(), 1024);
        assert_eq!(container_values(&rows(256).replace("'d'", "'d' || 'e'")), vec!["?matrix.v,'a' || 'b' || 'c' || 'd' || 'e'"]);
    }

    #[test]
    fn dynamic_matrices_and_other_expressions_are_unresolved() {
        let text = "jobs:\n  t:\n    container: ${{ matrix.image }}\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n";
        assert_eq!(container_values(text), vec!["?matrix.image"]);
        let text = "jobs:\n  t:\n    container: ${{ matrix.image }}\n    strategy:\n      matrix:\n        image: ${{ fromJSON(inputs.images) }}\n";
        assert_eq!(container_values(text), vec!["?matrix.image"]);
        let text = "jobs:\n  t:\n    container: ghcr.io/${{ github.repository }}:${{ matrix.v }}\n    strategy:\n      matrix:\n        v: [1]\n";
        assert_eq!(container_values(text), vec!["?github.repository"]);
        let text = "jobs:\n  t:\n    container: ${{ matrix.image }}\n";
        assert_eq!(container_values(text), vec!["?matrix.image"]);
        let big = "jobs:\n  t:\n    container: ${{ matrix.a }}\n    strategy:\n      matrix:\n        a: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]\n        b: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]\n";
        assert_eq!(container_values(big), vec!["?matrix.a"]);
    }

    #[test]
    fn literal_alternatives_are_values() {
        let text = "jobs:\n  t:\n    services:\n      redis:\n        image: ${{ inputs.redis && 'redis:7' || 'redis:6' }}\n";
        assert_eq!(container_values(text), vec!["redis:7@5:37", "redis:6@5:50"]);
        let text = "jobs:\n  t:\n    container: ${{ inputs.image || 'node:20' }}\n";
        assert_eq!(container_values(text), vec!["node:20@3:37", "?inputs.image"]);
        // The values that depend on something unknown are one, whatever they depend on.
        let text = "jobs:\n  t:\n    container: ${{ inputs.a || 'x' }}-${{ inputs.b || inputs.a || 'y' }}\n";
        assert_eq!(container_values(text), vec!["x-y@3:33", "?inputs.a,inputs.b"]);
        let text = "jobs:\n  t:\n    container: ${{ (github.event_name == 'push' && 'a:1') || (matrix.os == 'x' && 'b:''2') }}\n";
        assert_eq!(container_values(text), vec!["a:1@3:53", "b:'2@3:84"]);
        let text = "jobs:\n  t:\n    container: ${{ inputs.big && 'big' || '' }}-runner:${{ matrix.v }}\n    strategy:\n      matrix:\n        v: [1, 2]\n";
        assert_eq!(container_values(text), vec!["big-runner:1@3:35", "-runner:1@6:13", "big-runner:2@3:35", "-runner:2@6:16"]);
        assert_eq!(alternatives("format('a:{0}', inputs.v)"), [Alternative::Unknown("format('a:{0}', inputs.v)")]);
        assert_eq!(alternatives("(a) || (b)"), [Alternative::Unknown("a"), Alternative::Unknown("b")]);
    }

    #[test]
    fn version_comments() {
        assert_eq!(version_comment(" # v4.2.2"), Some("v4.2.2".into()));
        assert_eq!(version_comment("  #tag=v4"), Some("v4".into()));
        assert_eq!(version_comment(" # ratchet:a/b@v4.1"), Some("v4.1".into()));
        assert_eq!(version_comment(" # ratchet:exclude"), None);
        assert_eq!(version_comment(" # pinned for safety"), None);
        assert_eq!(version_comment(""), None);
        // Through the document: the comment after a quoted value, and none after a block scalar.
        let text = "jobs:\n  b:\n    steps:\n      - uses: \"a/b@v1\"  # v1.2.3\n      - uses: >-\n          a/c@v2 # v2\n";
        let mut out = Extraction::default();
        yaml::for_each_document(text, |doc| document(doc, text, &mut out)).unwrap();
        let versions: Vec<RefKind> = out.references.into_iter().map(|r| r.kind).collect();
        assert_eq!(versions, [RefKind::Action { version: Some("v1.2.3".into()) }, RefKind::Action { version: None }]);
    }
}
