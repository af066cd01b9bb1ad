//! One file's analysis: a pure function from its path, bytes and the run's settings to everything the run
//! needs of it ([`FileResult`]). Nothing here sees another file; what needs several files (provider and
//! chart locks, duplicate identities, lock entries no file declares) is the run's, in [`crate::engine`].

use crate::config::Config;
use crate::lock::declared::{Declaration, Declared, Work};
use crate::model::{Diagnostic, Finding, LineIndex, Located, Span};
use crate::reference::Reference;
use crate::rules::{self, duplicate_key, parse_error, Verdict};
use crate::sources::{self, Fact, Resources, SourceKind};
use crate::suppression::{self, Suppression};
use serde::{Deserialize, Serialize};
use foldhash::{HashSet, HashSetExt};

/// Files larger than this are reported instead of read: a manifest this size is almost surely generated
/// or hostile, and checking it would cost unbounded memory in the browser.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// What a file's analysis needs of the run: the configuration, and the lock side when the command reads
/// resources (each lock covering the file: its mode, key, namespace and existing lock).
pub struct Settings<'r> {
    pub config: &'r Config,
    pub declared: Vec<&'r Declared>,
    /// `check` judges references; `lock` and `drift` only read resources.
    pub judge_references: bool,
    /// Keep every reference with its verdict (`pin`, `update`).
    pub collect: bool,
}

/// Everything the run keeps of one file. A worker sends it to the run as JSON (`check` and `lock`: a
/// `drift` declaration keeps its whole resource, and `pin` its references, so those run in one instance).
#[derive(Serialize, Deserialize)]
pub struct FileResult {
    pub path: String,
    /// The file was a manifest fixity read (the report's file count).
    pub checked: bool,
    /// The file could not be read whole: no lock may be made from this run.
    pub unreadable: bool,
    /// Its findings already judged where it was analyzed (a worker: [`crate::engine::Engine::analyze_file`]),
    /// severities and its suppressions applied; sent without their path, which is the file's.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "crate::model::pathless")]
    pub findings: Vec<Finding>,
    /// Findings in the file, located, before severities and suppressions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<(Diagnostic, Located)>,
    /// Its suppression comments, applied to its findings by the run (cross-file ones included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    /// What the cross-file rules compare with other files of the folder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// The resources it declares, for each lock covering it (by its index in [`Settings::declared`]),
    /// with where each is written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<(usize, Declaration, Located)>,
    /// Where the run's later findings about this file may point (its facts, its resources' leaves).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub landmarks: Vec<(Span, Located)>,
    /// Every reference with the verdict on it, when [`Settings::collect`] asks for them.
    #[serde(skip)]
    pub references: Vec<(Reference, Option<Verdict>)>,
}

impl FileResult {
    fn new(path: &str) -> FileResult {
        FileResult {
            path: path.to_string(),
            checked: false,
            unreadable: false,
            findings: Vec::new(),
            diagnostics: Vec::new(),
            suppressions: Vec::new(),
            facts: Vec::new(),
            declarations: Vec::new(),
            landmarks: Vec::new(),
            references: Vec::new(),
        }
    }

    /// A file that was named but cannot be read as a manifest: one `parse-error`, nothing else.
    pub fn unreadable(path: &str, located: Located, location: &str, message: String) -> FileResult {
        let mut result = FileResult::new(path);
        result.checked = true;
        result.unreadable = true;
        // Nothing of the file is shown: it is not text, or not all of it.
        let located = Located { snippet: String::new(), ..located };
        result.diagnostics.push((Diagnostic::new(parse_error::RULE.name, path, Span::default(), location, path, message), located));
        result
    }
}

/// How a file came into the run, which decides how its kind is told when its name does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Met while walking a folder: only kinds whose content is distinctive are recognized by it.
    Found,
    /// Named by the user (a path on the command line, standard input, the playground): any kind's content.
    Named,
}

/// A file's findings and facts. `located` is its path in the repository (what its kind is judged by);
/// `kind` overrides what the name and content say (the playground's picker, `.fixity.yml` `kinds:`).
pub fn analyze(path: &str, located: &str, bytes: &[u8], kind: Option<SourceKind>, origin: Origin, settings: &Settings) -> FileResult {
    if bytes.len() > MAX_FILE_BYTES {
        return oversized(path, bytes.len());
    }
    let from_name = sources::kind_from_name(located);
    let named = kind.is_some() || from_name.is_some_and(|k| k.is_some());
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let content = &bytes[bom..];
    let nul = content[..content.len().min(8192)].contains(&0);
    if named && nul {
        return binary(path);
    }
    let text = match std::str::from_utf8(content) {
        Ok(t) => t,
        Err(e) if kind.is_some() || from_name.is_some() => {
            let valid = String::from_utf8_lossy(&bytes[..bom + e.valid_up_to()]);
            let at = LineIndex::new(&valid).locate(Span::at(valid.len()));
            return FileResult::unreadable(path, at, "utf-8", format!("file is not valid UTF-8 (at byte offset {})", e.valid_up_to()));
        }
        Err(_) => return FileResult::new(path),
    };
    let classified = match origin {
        Origin::Found => sources::classify_named(from_name, located, text),
        Origin::Named => sources::classify_given(located, text),
    };
    let Some(kind) = kind.or(classified) else { return FileResult::new(path) };
    // A file recognized by its content is no more allowed to be binary than a named one.
    if nul {
        return binary(path);
    }
    let mut result = FileResult::new(path);
    result.checked = true;
    let declared: &[&Declared] = if kind.resources == Resources::None { &[] } else { &settings.declared };
    let mut declarations = Vec::new();
    let mut unreadable = Vec::new();
    let mut extraction = sources::extract(kind, text, &mut |doc| {
        if kind.resources == Resources::KubernetesObjects {
            for (which, declared) in declared.iter().enumerate() {
                match declared.read_document(path, doc) {
                    Ok(found) => declarations.extend(found.into_iter().map(|d| (which, d))),
                    // One error for the document, whichever lock read it.
                    Err(e) if which == 0 => unreadable.push(e),
                    Err(_) => {}
                }
            }
        }
    });
    if matches!(kind.resources, Resources::TerraformPlan | Resources::PulumiPreview) {
        for (which, declared) in declared.iter().enumerate() {
            match declared.read_plan(kind.resources, path, text) {
                Some(found) => declarations.extend(found.into_iter().map(|d| (which, d))),
                None => result.unreadable = true,
            }
        }
    }
    extraction.errors.extend(unreadable);
    if bom > 0 {
        extraction.shift(bom);
        for (_, d) in &mut declarations {
            shift_declaration(d, bom);
        }
    }
    // Spans count the whole file, a byte-order mark included; people see the text after it.
    let full = if bom == 0 { text } else { std::str::from_utf8(bytes).unwrap_or(text) };
    let lines = LineIndex::new(full);
    let mut findings = Findings { path, lines: &lines, seen: HashSet::new(), out: Vec::new() };
    // `lock` and `drift` read resources; the reference rules are `check`'s business.
    let judge_references = settings.judge_references;
    for reference in extraction.references.iter().filter(|_| judge_references) {
        let verdict = rules::judge(reference, settings.config);
        findings.extend(verdict.as_ref().map(|v| v.diagnostic(path, reference)));
        if settings.collect {
            result.references.push((reference.clone(), verdict));
        }
    }
    for duplicate in extraction.duplicate_keys.iter().filter(|_| judge_references) {
        findings.push(duplicate_key::diagnostic(path, duplicate, &lines));
    }
    result.unreadable |= !extraction.errors.is_empty();
    for error in extraction.errors {
        // The parser's wording is not part of the fingerprint: a clearer message must not churn baselines.
        findings.push(Diagnostic::new(parse_error::RULE.name, path, error.span, "parse", path, error.message));
    }
    for (which, mut declaration) in declarations {
        let located = lines.locate(declaration.span);
        if let Work::Verified(found) = &mut declaration.work {
            findings.extend(found.take());
        }
        if let Work::Kept(kept) = &declaration.work {
            let spans = kept.positions.values().chain([&kept.resource.span]);
            result.landmarks.extend(spans.map(|&span| (span, lines.locate(span))));
        }
        result.declarations.push((which, declaration, located));
    }
    if judge_references {
        result.facts = extraction.facts;
        // A values file the user names is judged even where no `Chart.yaml` is read with it.
        if origin == Origin::Named {
            for fact in &mut result.facts {
                if let Fact::HelmValuesImage(image) = fact {
                    image.named = true;
                }
            }
        }
        let mut spans: Vec<Span> = result.facts.iter_mut().flat_map(|f| f.spans_mut().into_iter().map(|s| *s)).collect();
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        result.landmarks.extend(spans.into_iter().map(|span| (span, lines.locate(span))));
        // Without the reference rules, a suppression of one has had no chance to match.
        result.suppressions = suppression::scan(full, &lines, &extraction.comments);
    }
    result.diagnostics = findings.out;
    result
}

fn binary(path: &str) -> FileResult {
    FileResult::unreadable(path, Located::default(), "binary", "binary file (it contains NUL bytes), not a manifest".into())
}

/// Reports a file that was not read because it is over [`MAX_FILE_BYTES`].
pub fn oversized(path: &str, bytes: usize) -> FileResult {
    let message = format!("file is {:.1} MB, over the {} MiB limit; it was not checked", bytes as f64 / 1e6, MAX_FILE_BYTES >> 20);
    FileResult::unreadable(path, Located::default(), "file", message)
}

fn shift_declaration(d: &mut Declaration, by: usize) {
    d.span = d.span.shifted(by);
    if let Work::Verified(Some(diagnostic)) = &mut d.work {
        diagnostic.span = diagnostic.span.shifted(by);
    }
    if let Work::Kept(kept) = &mut d.work {
        kept.resource.span = kept.resource.span.shifted(by);
        for span in kept.positions.values_mut() {
            *span = span.shifted(by);
        }
    }
}

/// A file's findings as they are made: located once, a repeat dropped (a reference reached through
/// several aliases is one thing to fix).
struct Findings<'a> {
    path: &'a str,
    lines: &'a LineIndex<'a>,
    seen: HashSet<(&'static str, Span, String)>,
    out: Vec<(Diagnostic, Located)>,
}

impl Findings<'_> {
    fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        debug_assert_eq!(diagnostic.path, self.path);
        if self.seen.insert((diagnostic.rule, diagnostic.span, diagnostic.subject.clone())) {
            let located = self.lines.locate(diagnostic.span);
            self.out.push((diagnostic, located));
        }
    }
}
