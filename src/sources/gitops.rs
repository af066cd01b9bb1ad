//! GitOps sources among Kubernetes objects: Argo CD `Application` and `ApplicationSet` sources, Flux
//! `GitRepository`, `OCIRepository`, `HelmChart` and `HelmRelease`. Each becomes a source reference,
//! positioned on the revision or version that pins it, or on the URL or chart when none is written.

use super::Extraction;
use crate::reference::source::{name_of, At, PinnedBy, Source};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{Document, NodeId};

/// The sources a GitOps object declares; `location` is the object's `Kind/name`.
pub fn object(doc: &Document, id: NodeId, api_version: &str, kind: &str, location: &str, out: &mut Extraction) {
    let Some(spec) = doc.get(id, "spec") else { return };
    let group = api_version.split('/').next().unwrap_or("");
    match (group, kind) {
        ("argoproj.io", "Application") => argo_sources(doc, spec, &format!("{location}/spec"), out),
        ("argoproj.io", "ApplicationSet") => {
            if let Some(spec) = doc.get(spec, "template").and_then(|t| doc.get(t, "spec")) {
                argo_sources(doc, spec, &format!("{location}/spec/template/spec"), out);
            }
        }
        ("source.toolkit.fluxcd.io", "GitRepository") => flux_repository(doc, spec, PinnedBy::Commit, &["commit", "name", "semver", "tag", "branch"], location, out),
        ("source.toolkit.fluxcd.io", "OCIRepository") => flux_repository(doc, spec, PinnedBy::Digest, &["digest", "semver", "tag"], location, out),
        ("source.toolkit.fluxcd.io", "HelmChart") => flux_chart(doc, spec, &format!("{location}/spec"), out),
        ("helm.toolkit.fluxcd.io", "HelmRelease") => {
            if let Some(chart) = doc.get(spec, "chart").and_then(|c| doc.get(c, "spec")) {
                flux_chart(doc, chart, &format!("{location}/spec/chart/spec"), out);
            }
        }
        _ => {}
    }
}

/// `source` and each of `sources`: a Helm chart when `chart` is set, else a git (or OCI) repository.
fn argo_sources(doc: &Document, spec: NodeId, location: &str, out: &mut Extraction) {
    let single = doc.get(spec, "source").map(|s| (s, format!("{location}/source")));
    let many = doc.get(spec, "sources").and_then(|s| doc.seq(s)).unwrap_or(&[]).iter().enumerate().map(|(i, &s)| (s, format!("{location}/sources/{i}")));
    for (source, location) in single.into_iter().chain(many) {
        let Some(url) = doc.get(source, "repoURL").filter(|&u| doc.get_str(source, "repoURL").is_some() && !doc.is_null(u)) else { continue };
        let url_text = doc.str(url).unwrap_or("");
        let revision = doc.get(source, "targetRevision").filter(|&r| !doc.is_null(r));
        let (pinned_by, name, subject) = match doc.get_str(source, "chart") {
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
    let Some(url) = doc.get(spec, "url").filter(|_| doc.get_str(spec, "url").is_some()) else { return };
    let url_text = doc.str(url).unwrap_or("");
    let reference = doc.get(spec, "ref");
    let at = keys.iter().find_map(|&key| Some((reference.and_then(|r| doc.get(r, key)).filter(|&v| !doc.is_null(v))?, key)));
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
    let Some(chart) = doc.get(spec, "chart").filter(|_| doc.get_str(spec, "chart").is_some()) else { return };
    let chart_text = doc.str(chart).unwrap_or("");
    let repository = doc.get(spec, "sourceRef").and_then(|s| doc.get_str(s, "name")).unwrap_or("");
    let source = Source { pinned_by: PinnedBy::ChartVersion, name: format!("{repository}/{chart_text}").to_ascii_lowercase(), at: None, version: None };
    let version = doc.get(spec, "version").filter(|&v| !doc.is_null(v)).map(|v| (v, "version"));
    push(doc, source, chart_text, (chart, "chart"), (version, ""), location, out);
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
    let resolved = match written.find("{{") {
        Some(_) => Resolved::of(&written, &super::no_variables),
        None => Resolved::Value(written.clone()),
    };
    out.references.push(Reference { kind: RefKind::Source(source), written, resolved, span: doc.node(node).span, location: format!("{location}/{key}") });
}
