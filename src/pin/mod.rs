//! `fixity pin` and `fixity update`: the references `check` reports as unpinned (or, for `update`, the
//! pins that carry their tag), what must be resolved online for each, and the byte edits that pin them.
//! Only the bytes of a reference change, plus the version comment or `digest:` key added; a file that
//! could not be parsed whole is never edited.

mod diff;
mod edit;

use crate::model::{LineIndex, Span};
use crate::reference::include::IncludeKind;
use crate::reference::{action, git as gitref, image, RefKind, Reference, Resolved};
use crate::resolve::git::{Forge, Found, Repository};
use crate::resolve::registry::Manifest;
use crate::resolve::{Outcome, Resolver, Target};
use crate::rules::{unanalyzable_reference, unpinned_action, unpinned_image, Verdict, Why};
use serde::Serialize;

/// A file with references, kept whole for its edits.
#[derive(Debug)]
pub struct File {
    pub path: String,
    /// The whole text, a byte-order mark included (spans count it).
    text: String,
    /// Not parsed whole: never edited.
    unreadable: bool,
    references: Vec<(Reference, Option<Verdict>)>,
}

impl File {
    pub fn new(path: &str, bytes: &[u8], unreadable: bool, references: Vec<(Reference, Option<Verdict>)>) -> File {
        // Only text that analysis read as UTF-8 has references.
        File { path: path.to_string(), text: String::from_utf8_lossy(bytes).into_owned(), unreadable, references }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `update`: refresh pins that carry their tag, instead of pinning what is unpinned.
    pub update: bool,
    /// Pin branch refs too (`@main` → `@<sha> # main`).
    pub branches: bool,
}

/// What a reference needs, decided before anything is fetched.
#[derive(Debug)]
enum Need {
    /// The digest of target `0`'s manifest, written after the tag.
    Digest(usize),
    /// The commit of `git_ref` in target `0`'s repository.
    Commit(usize, String),
    /// It cannot be pinned, and why.
    Cannot(String),
}

/// One reference to pin, where it is, and what it needs.
#[derive(Debug)]
struct Wanted {
    file: usize,
    reference: Reference,
    /// The reference's value with the file's own variables substituted.
    value: String,
    need: Need,
}

/// One reference changed, in reference terms.
#[derive(Debug, Serialize)]
pub struct Change {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub from: String,
    pub to: String,
}

/// One reference that could not be pinned, and why.
#[derive(Debug, Serialize)]
pub struct Unresolved {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub subject: String,
    pub reason: String,
}

/// A run of `pin` or `update`: the references, the resolver their targets are fetched by, and at the end
/// the files edited.
pub struct Pinner {
    files: Vec<File>,
    wanted: Vec<Wanted>,
    pub resolver: Resolver,
    options: Options,
}

impl Pinner {
    pub fn new(files: Vec<File>, mut resolver: Resolver, options: Options) -> Pinner {
        let mut wanted = Vec::new();
        for (i, file) in files.iter().enumerate() {
            for (reference, verdict) in &file.references {
                let Some(need) = need(reference, verdict.as_ref(), options, &mut resolver) else { continue };
                let value = match (&reference.resolved, verdict) {
                    (_, Some(v)) => v.value.clone(),
                    (Resolved::Value(value), None) => value.clone(),
                    (Resolved::Unresolved(_), None) => reference.written.clone(),
                };
                let need = if file.unreadable { Need::Cannot("the file could not be parsed whole, so it is not edited".into()) } else { need };
                wanted.push(Wanted { file: i, reference: reference.clone(), value, need });
            }
        }
        Pinner { files, wanted, resolver, options }
    }

    /// The edits, with what changed and what could not be pinned. Call when the resolver has no request
    /// left.
    pub fn finish(&self) -> Result {
        let mut result = Result::default();
        let mut edits: Vec<Vec<(Span, String, usize)>> = vec![Vec::new(); self.files.len()];
        let mut changes: Vec<Option<Change>> = Vec::new();
        for wanted in &self.wanted {
            let file = &self.files[wanted.file];
            let lines = LineIndex::new(&file.text);
            let place = lines.place(wanted.reference.span);
            let outcome = self.pin(wanted, &file.text);
            match outcome {
                // `update` of a pin that is current.
                Ok(pinned) if pinned.edits.iter().all(|(span, text)| file.text.get(span.start as usize..span.end as usize) == Some(text.as_str())) => {}
                Ok(pinned) => {
                    let index = changes.len();
                    changes.push(Some(Change { path: file.path.clone(), line: place.line, column: place.column, from: wanted.value.clone(), to: pinned.to }));
                    edits[wanted.file].extend(pinned.edits.into_iter().map(|(span, text)| (span, text, index)));
                }
                Err(reason) => result.unresolved.push(Unresolved { path: file.path.clone(), line: place.line, column: place.column, subject: wanted.reference.written.clone(), reason }),
            }
        }
        for (i, mut file_edits) in edits.into_iter().enumerate() {
            if file_edits.is_empty() {
                continue;
            }
            // The same edit made for two references (a `FROM` twice from one `ARG`) is made once.
            file_edits.sort_by_key(|(span, _, _)| (span.start, span.end));
            file_edits.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
            let file = &self.files[i];
            let text = edit::apply(&file.text, &file_edits.iter().map(|(s, t, _)| (*s, t.as_str())).collect::<Vec<_>>());
            if text == file.text {
                continue;
            }
            result.diff.push_str(&diff::unified(&file.path, &file.text, &text));
            result.files.push((file.path.clone(), text));
        }
        result.changes = changes.into_iter().flatten().collect();
        // In the order findings are reported.
        result.changes.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        result.unresolved.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        result.changes.dedup_by(|b, a| a.path == b.path && a.line == b.line && a.column == b.column && a.to == b.to);
        result
    }

    fn pin(&self, wanted: &Wanted, text: &str) -> std::result::Result<edit::Pinned, String> {
        match &wanted.need {
            Need::Cannot(reason) => Err(reason.clone()),
            Need::Digest(target) => match self.resolver.outcome(*target) {
                Some(Ok(Outcome::Digest(digest))) => edit::image(text, &wanted.reference, &wanted.value, digest),
                Some(Err(reason)) => Err(reason.clone()),
                _ => Err("not resolved".into()),
            },
            Need::Commit(target, git_ref) => match self.resolver.outcome(*target) {
                Some(Ok(Outcome::Refs(refs))) => {
                    let commit = match refs.find(git_ref) {
                        Found::Tag(commit) => commit,
                        Found::Branch(commit) if self.options.branches => commit,
                        Found::Branch(_) => return Err(format!("`{git_ref}` is a branch; `--branches` pins branches too")),
                        Found::Missing => return Err(format!("`{git_ref}` is no tag or branch of the repository")),
                    };
                    let version = refs.most_specific(git_ref, commit);
                    edit::action(text, &wanted.reference, &wanted.value, commit, &version)
                }
                Some(Err(reason)) => Err(reason.clone()),
                _ => Err("not resolved".into()),
            },
        }
    }
}

/// What a run of `pin` or `update` ends with.
#[derive(Debug, Default)]
pub struct Result {
    pub changes: Vec<Change>,
    pub unresolved: Vec<Unresolved>,
    /// The edited files, whole: path and new text.
    pub files: Vec<(String, String)>,
    /// The unified diff of every edited file.
    pub diff: String,
}

impl Result {
    /// 0: everything asked for is pinned; 1: something could not be.
    pub fn exit_code(&self) -> i32 {
        i32::from(!self.unresolved.is_empty())
    }

    /// The JSON report: `{version, changes, unresolved}`.
    pub fn json(&self) -> String {
        let report = serde_json::json!({"version": 1, "changes": self.changes, "unresolved": self.unresolved});
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    }

    /// The text report: one line per change and per reference not pinned, then a summary.
    pub fn text(&self, written: bool) -> String {
        let mut out = String::new();
        for c in &self.changes {
            out.push_str(&format!("{}:{}:{}: {} -> {}\n", c.path, c.line, c.column, c.from, c.to));
        }
        for u in &self.unresolved {
            out.push_str(&format!("{}:{}:{}: `{}` not pinned: {}\n", u.path, u.line, u.column, u.subject, u.reason));
        }
        let verb = if written { "Pinned" } else { "Would pin" };
        let files = self.files.len();
        out.push_str(&format!("{verb} {} {} in {files} {}", self.changes.len(), plural(self.changes.len(), "reference"), plural(files, "file")));
        if !self.unresolved.is_empty() {
            out.push_str(&format!("; {} could not be pinned", self.unresolved.len()));
        }
        out.push_str(".\n");
        out
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// What pinning `reference` needs, or `None` when the command leaves it alone.
fn need(reference: &Reference, verdict: Option<&Verdict>, options: Options, resolver: &mut Resolver) -> Option<Need> {
    if options.update {
        return verdict.is_none().then(|| refresh(reference, resolver)).flatten();
    }
    let verdict = verdict?;
    if verdict.rule.name == unanalyzable_reference::RULE.name {
        let Why::Unresolved(names) = &verdict.why else { return None };
        return Some(Need::Cannot(format!("built from {} this file does not define", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))));
    }
    let servers = resolver.servers().clone();
    match &reference.kind {
        RefKind::Image if verdict.rule.name == unpinned_image::RULE.name => {
            if let Why::UnpinnedWhatever(names) = &verdict.why {
                return Some(Need::Cannot(format!("built from {} this file does not define", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))));
            }
            let parsed = image::parse(&verdict.value).ok()?;
            let tag = parsed.tag.unwrap_or("latest");
            Some(Need::Digest(resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, tag, &servers)))))
        }
        RefKind::Action { .. } if verdict.rule.name == unpinned_action::RULE.name => {
            let parsed = action::parse(&verdict.value).ok()?;
            let Some(git_ref) = parsed.git_ref else { return Some(Need::Cannot("no `@ref` to resolve".into())) };
            if gitref::pin(git_ref) == gitref::Pin::ShortSha {
                return Some(Need::Cannot(format!("`{git_ref}` is a short SHA; write the full commit SHA")));
            }
            let mut parts = parsed.name.splitn(3, '/');
            let (owner, repo) = (parts.next()?, parts.next()?);
            let url = format!("{}/{owner}/{repo}", servers.github.trim_end_matches('/'));
            let target = resolver.want(Target::Refs(Repository { url, forge: Forge::GitHub }));
            Some(Need::Commit(target, git_ref.to_string()))
        }
        RefKind::Include(IncludeKind::Template) => None,
        RefKind::Include(_) | RefKind::Module { .. } | RefKind::Source(_) => Some(Need::Cannot(format!("fixity pin does not pin {}s yet", reference.kind.noun()))),
        _ => None,
    }
}

/// What refreshing a pin that carries its tag needs (`update`): `tag@digest`, `SHA # tag`.
fn refresh(reference: &Reference, resolver: &mut Resolver) -> Option<Need> {
    let Resolved::Value(value) = &reference.resolved else { return None };
    let servers = resolver.servers().clone();
    match &reference.kind {
        RefKind::Image => {
            let parsed = image::parse(value).ok()?;
            let (Some(tag), Some(_)) = (parsed.tag, parsed.digest) else { return None };
            Some(Need::Digest(resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, tag, &servers)))))
        }
        RefKind::Action { version: Some(version) } => {
            let parsed = action::parse(value).ok()?;
            let mut parts = parsed.name.splitn(3, '/');
            let url = format!("{}/{}/{}", servers.github.trim_end_matches('/'), parts.next()?, parts.next()?);
            Some(Need::Commit(resolver.want(Target::Refs(Repository { url, forge: Forge::GitHub })), version.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
