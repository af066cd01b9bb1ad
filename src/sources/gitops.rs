//! GitOps sources among Kubernetes objects: Argo CD `Application` and `ApplicationSet` sources, Flux
//! `GitRepository`, `OCIRepository`, `HelmChart` and `HelmRelease`. Each becomes a source reference,
//! positioned on the revision or version that pins it, or on the URL or chart when none is written. A
//! Flux `Kustomization`'s `spec.images` override the images of what it applies, as a kustomization's
//! `images:` do: each that sets `newTag` or `digest` is an image reference.

use super::{expect_scalar, node_error, Extraction};
use crate::reference::source::{name_of, At, PinnedBy, Source};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{self, Document, NodeId};

/// The sources a GitOps object declares; `location` is the object's `Kind/name`.
pub fn object(doc: &Document, id: NodeId, api_version: &str, kind: &str, location: &str, out: &mut Extraction) {
    let Some(spec) = doc.get(id, "spec") else { return };
    let group = api_version.split('/').next().unwrap_or("");
    match (group, kind) {
        ("argoproj.io", "Application") => argo_sources(doc, spec, &format!("{location}/spec"), out),
        ("argoproj.io", "ApplicationSet") => {
            if let Ok(Some(spec)) = field(doc, spec, "template", Shape::Map, out).map(|t| t.and_then(|t| doc.get(t, "spec"))) {
                argo_sources(doc, spec, &format!("{location}/spec/template/spec"), out);
            }
        }
        ("source.toolkit.fluxcd.io", "GitRepository") => flux_repository(doc, spec, PinnedBy::Commit, &["commit", "name", "semver", "tag", "branch"], location, out),
        ("source.toolkit.fluxcd.io", "OCIRepository") => flux_repository(doc, spec, PinnedBy::Digest, &["digest", "semver", "tag"], location, out),
        ("source.toolkit.fluxcd.io", "HelmChart") => flux_chart(doc, spec, &format!("{location}/spec"), out),
        ("helm.toolkit.fluxcd.io", "HelmRelease") => {
            if let Ok(Some(chart)) = field(doc, spec, "chart", Shape::Map, out).map(|c| c.and_then(|c| doc.get(c, "spec"))) {
                flux_chart(doc, chart, &format!("{location}/spec/chart/spec"), out);
            }
        }
        ("kustomize.toolkit.fluxcd.io", "Kustomization") => {
            if let Ok(Some(images)) = field(doc, spec, "images", Shape::List, out) {
                super::kustomization::images(doc, doc.seq(images).unwrap_or(&[]), &format!("{location}/spec/images"), out);
            }
        }
        _ => {}
    }
}

/// `source` and each of `sources`: a Helm chart when `chart` is set, else a git (or OCI) repository.
fn argo_sources(doc: &Document, spec: NodeId, location: &str, out: &mut Extraction) {
    let single = field(doc, spec, "source", Shape::Map, out).ok().flatten().map(|s| (s, format!("{location}/source")));
    let many = field(doc, spec, "sources", Shape::List, out).ok().flatten().and_then(|s| doc.seq(s)).unwrap_or(&[]);
    let many = many.iter().enumerate().map(|(i, &s)| (s, format!("{location}/sources/{i}")));
    for (source, location) in single.into_iter().chain(many) {
        let (Ok(Some(url)), Ok(revision), Ok(chart)) =
            (field(doc, source, "repoURL", Shape::String, out), field(doc, source, "targetRevision", Shape::String, out), field(doc, source, "chart", Shape::String, out))
        else {
            continue;
        };
        let url_text = doc.str(url).unwrap_or("");
        let (pinned_by, name, subject) = match chart.and_then(|c| doc.str(c)) {
            Some(chart) => (PinnedBy::ChartVersion, format!("{}/{chart}", name_of(url_text)), format!("{}/{chart}", url_text.trim_end_matches('/'))),
            None if url_text.starts_with("oci://") => (PinnedBy::Digest, name_of(url_text), url_text.to_string()),
            None => (PinnedBy::Commit, name_of(url_text), url_text.to_string()),
        };
        push(doc, Source { pinned_by, name, at: None, version: None }, &subject, (url, "repoURL"), (revision.map(|r| (r, "targetRevision")), ""), &location, out);
    }
}

/// A Flux `GitRepository` or `OCIRepository`: its `spec.ref` key that takes precedence, of `keys` in
/// Flux's order.
fn flux_repository(doc: &Document, spec: NodeId, pinned_by: PinnedBy, keys: &[&'static str], location: &str, out: &mut Extraction) {
    let (Ok(Some(url)), Ok(reference)) = (field(doc, spec, "url", Shape::String, out), field(doc, spec, "ref", Shape::Map, out)) else { return };
    let mut at = None;
    for &key in keys {
        match reference.map(|r| field(doc, r, key, Shape::String, out)) {
            Some(Err(())) => return,
            Some(Ok(Some(node))) if at.is_none() => at = Some((node, key)),
            _ => {}
        }
    }
    let url_text = doc.str(url).unwrap_or("");
    let source = Source { pinned_by, name: name_of(url_text), at: None, version: None };
    push(doc, source, url_text, (url, "url"), (at, "ref/"), &format!("{location}/spec"), out);
}

/// A Flux chart spec (`HelmChart` `spec`, `HelmRelease` `spec.chart.spec`): its `version`, unless the
/// chart is built from a `GitRepository` or `Bucket`, where the version is not what is fetched.
fn flux_chart(doc: &Document, spec: NodeId, location: &str, out: &mut Extraction) {
    let source_kind = doc.get(spec, "sourceRef").and_then(|s| doc.get_str(s, "kind")).unwrap_or("HelmRepository");
    if source_kind != "HelmRepository" {
        return;
    }
    let (Ok(Some(chart)), Ok(version)) = (field(doc, spec, "chart", Shape::String, out), field(doc, spec, "version", Shape::String, out)) else { return };
    let chart_text = doc.str(chart).unwrap_or("");
    let repository = doc.get(spec, "sourceRef").and_then(|s| doc.get_str(s, "name")).unwrap_or("");
    let source = Source { pinned_by: PinnedBy::ChartVersion, name: format!("{repository}/{chart_text}").to_ascii_lowercase(), at: None, version: None };
    push(doc, source, chart_text, (chart, "chart"), (version.map(|v| (v, "version")), ""), location, out);
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    String,
    Map,
    List,
}

/// The value under `key`, if any; an error (and `Err`) when it has a shape the resource's schema rejects.
pub(super) fn field(doc: &Document, map: NodeId, key: &str, shape: Shape, out: &mut Extraction) -> Result<Option<NodeId>, ()> {
    let Some(id) = doc.get(map, key).filter(|&id| !doc.is_null(id)) else { return Ok(None) };
    let problem = match (shape, &doc.node(id).kind) {
        (Shape::String, _) => expect_scalar(doc, id, key).err(),
        (Shape::Map, yaml::Kind::Map(_)) | (Shape::List, yaml::Kind::Seq(_)) => None,
        (Shape::Map, _) => Some(node_error(doc, id, format!("`{key}` must be a mapping"))),
        (Shape::List, _) => Some(node_error(doc, id, format!("`{key}` must be a list"))),
    };
    match problem {
        Some(error) => {
            out.errors.push(error);
            Err(())
        }
        None => Ok(Some(id)),
    }
}

/// The reference to `subject` (a URL or chart) at `at` if written, positioned there, else on `anchor`.
/// `at_under` is the path from `location` to the mapping `at` sits in (`ref/` for Flux).
pub(super) fn push(doc: &Document, mut source: Source, subject: &str, anchor: (NodeId, &str), (at, at_under): (Option<(NodeId, &'static str)>, &str), location: &str, out: &mut Extraction) {
    let (node, key) = match at {
        Some((node, key)) => (node, format!("{at_under}{key}")),
        None => (anchor.0, anchor.1.to_string()),
    };
    let value = at.and_then(|(node, _)| doc.str(node));
    let written = match value {
        Some(value) => format!("{subject}@{value}"),
        None => subject.to_string(),
    };
    source.at = at.zip(value).map(|((_, key), value)| At { key, value: value.to_string() });
    // Argo CD ApplicationSets template their sources (`{{ .values.revision }}`); nothing else expands.
    let resolved = if written.contains("{{") { Resolved::of(&written, &super::no_variables) } else { Resolved::Value(written.clone()) };
    out.references.push(Reference { kind: RefKind::Source(source), written, resolved, span: doc.node(node).span, location: format!("{location}/{key}"), overridden: None });
}
