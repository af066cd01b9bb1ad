//! `check --online`: the pins of the files checked, verified against their servers. A SHA with a version
//! comment is compared with the tag's commit (`pin-mismatch`) and looked for among the repository's refs
//! (`unknown-pin`); an image digest is asked for by digest (`unknown-pin`), and a `tag@digest`'s tag for
//! its current digest (`stale-pin`). What could not be asked is unverifiable.

use super::{tagged_commit, File};
use crate::model::{Diagnostic, LineIndex, Located};
use crate::reference::{image, RefKind, Reference, Resolved};
use crate::resolve::git::Found;
use crate::resolve::registry::Manifest;
use crate::resolve::{Outcome, Resolver, Target};
use crate::rules::{pin_mismatch, stale_pin, unknown_pin};

/// What one pin is checked by: the targets it needs resolved.
enum Check {
    Image { digest: String, by_digest: usize, by_tag: Option<(String, usize)> },
    Commit { commit: String, version: String, refs: usize },
}

/// One run's online verification: the pins, the resolver their targets are fetched by, and at the end
/// the findings.
pub struct Verifier {
    files: Vec<File>,
    /// File, reference (of that file's) and its check.
    checks: Vec<(usize, usize, Check)>,
    pub resolver: Resolver,
}

impl Verifier {
    /// Plans the checks of the pins in `files` (the references no rule reported).
    pub fn new(files: Vec<File>, mut resolver: Resolver) -> Verifier {
        let servers = resolver.servers().clone();
        let mut checks = Vec::new();
        for (f, file) in files.iter().enumerate() {
            for (r, (reference, verdict)) in file.references.iter().enumerate() {
                let (None, Resolved::Value(value)) = (verdict, &reference.resolved) else { continue };
                let check = if reference.kind == RefKind::Image {
                    let Ok(parsed) = image::parse(value) else { continue };
                    let Some(digest) = parsed.digest else { continue };
                    let by_digest = resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, digest, &servers)));
                    let by_tag = parsed.tag.map(|tag| (tag.to_string(), resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, tag, &servers)))));
                    Check::Image { digest: digest.to_string(), by_digest, by_tag }
                } else {
                    let Some(tagged) = tagged_commit(reference, value, &file.text, &servers) else { continue };
                    let refs = resolver.want(Target::Refs(tagged.repository));
                    Check::Commit { commit: tagged.commit, version: tagged.version, refs }
                };
                checks.push((f, r, check));
            }
        }
        Verifier { files, checks, resolver }
    }

    /// The findings, each located in its file. Call when the resolver has no request left.
    pub fn findings(&self) -> Vec<(Diagnostic, Located)> {
        let mut out = Vec::new();
        let mut lines: Option<(usize, LineIndex)> = None;
        for (f, r, check) in &self.checks {
            let file = &self.files[*f];
            let reference = &file.references[*r].0;
            let Some(diagnostic) = self.check(&file.path, reference, check) else { continue };
            if lines.as_ref().is_none_or(|(at, _)| at != f) {
                lines = Some((*f, LineIndex::new(&file.text)));
            }
            let located = lines.as_ref().map(|(_, l)| l.locate(diagnostic.span)).unwrap_or_default();
            out.push((diagnostic, located));
        }
        out
    }

    fn check(&self, path: &str, reference: &Reference, check: &Check) -> Option<Diagnostic> {
        let unverifiable = |reason: &str| Some(unknown_pin::unverifiable(path, reference, reason));
        match check {
            Check::Image { digest, by_digest, by_tag } => match self.resolver.outcome(*by_digest)? {
                Ok(Outcome::Missing(reason)) => Some(unknown_pin::missing_digest(path, reference, digest, reason)),
                Err(reason) => unverifiable(reason),
                Ok(_) => match by_tag.as_ref().and_then(|(tag, target)| Some((tag, self.resolver.outcome(*target)?))) {
                    Some((tag, Ok(Outcome::Digest(now)))) if now != digest => Some(stale_pin::diagnostic(path, reference, tag, Ok(now))),
                    Some((tag, Ok(Outcome::Missing(reason)))) => Some(stale_pin::diagnostic(path, reference, tag, Err(reason))),
                    // The pin itself is verified; a tag that cannot be read now changes nothing.
                    _ => None,
                },
            },
            Check::Commit { commit, version, refs } => match self.resolver.outcome(*refs)? {
                Ok(Outcome::Refs(refs)) => match refs.find(version) {
                    Found::Tag(tagged) if tagged != commit => Some(pin_mismatch::diagnostic(path, reference, commit, version, tagged)),
                    Found::Missing if !refs.holds(commit) => Some(unknown_pin::unknown_commit(path, reference, commit, version)),
                    _ => None,
                },
                Err(reason) => unverifiable(reason),
                Ok(_) => None,
            },
        }
    }
}

#[cfg(test)]
mod tests;
