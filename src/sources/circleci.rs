//! CircleCI `.circleci/config.yml`: `orbs:` (`namespace/orb@version`), and in `jobs` and `executors` the
//! `docker:` images and `machine: image:`. Pipeline parameters (`<< pipeline.parameters.tag >>`) are
//! known only when a pipeline runs. Inline orbs (a mapping under `orbs:`) are part of this file.

use super::{has_top_level, Content, expect_scalar, image_in_yaml, no_variables, Extraction, FileName, Kind, Reader, Resources};
use crate::reference::source::{At, PinnedBy, Source};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{self, Document, NodeId};

pub const KIND: Kind = Kind {
    name: "circleci",
    label: "CircleCI",
    named: |file: &FileName| file.after(".circleci/").is_some_and(|rest| matches!(rest, "config.yml" | "config.yaml")),
    content: Some(Content { priority: 45, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// A named file whose name does not say it: top-level `version:` with `orbs:`, `workflows:` or `executors:`.
fn looks_like(text: &str) -> bool {
    has_top_level(text, "version:") && ["orbs:", "workflows:", "executors:"].iter().any(|k| has_top_level(text, k))
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    if let Some(orbs) = doc.get(root, "orbs") {
        for &(name, orb) in doc.entries(orbs).iter() {
            if matches!(doc.node(orb).kind, yaml::Kind::Map(_)) {
                continue;
            }
            match expect_scalar(doc, orb, "orbs") {
                Ok(written) => {
                    let source = Source { pinned_by: PinnedBy::OrbVersion, name: written.split('@').next().unwrap_or(written).to_ascii_lowercase(), at: None, version: None };
                    push_whole(doc, source, orb, doc.str(name).unwrap_or(""), "orbs", out);
                }
                Err(e) => out.errors.push(e),
            }
        }
    }
    for section in ["jobs", "executors"] {
        let Some(section_node) = doc.get(root, section) else { continue };
        for &(name, job) in doc.entries(section_node).iter() {
            let location = format!("{section}/{}", doc.str(name).unwrap_or(""));
            executor(doc, job, &location, out);
        }
    }
}

/// A job's or executor's `docker:` images and `machine: image:`.
fn executor(doc: &Document, job: NodeId, location: &str, out: &mut Extraction) {
    for (i, &container) in doc.get(job, "docker").and_then(|d| doc.seq(d)).unwrap_or(&[]).iter().enumerate() {
        let Some(image) = doc.get(container, "image") else { continue };
        match expect_scalar(doc, image, "image") {
            Ok(_) => out.references.extend(image_in_yaml(doc, image, format!("{location}/docker/{i}/image"), &no_variables).map(with_parameters)),
            Err(e) => out.errors.push(e),
        }
    }
    let Some(image) = doc.get(job, "machine").and_then(|m| doc.get(m, "image")) else { return };
    match expect_scalar(doc, image, "machine.image") {
        Ok(written) => {
            let source = Source { pinned_by: PinnedBy::MachineImage, name: written.split(':').next().unwrap_or(written).to_string(), at: None, version: None };
            push_whole(doc, source, image, "machine/image", location, out);
        }
        Err(e) => out.errors.push(e),
    }
}

/// A source whose whole value is written at `node` (an orb's `namespace/orb@version`, a machine image's
/// `name:tag`), under `location`/`key`.
fn push_whole(doc: &Document, mut source: Source, node: NodeId, key: &str, location: &str, out: &mut Extraction) {
    let written = doc.str(node).unwrap_or("");
    source.at = match source.pinned_by {
        PinnedBy::OrbVersion => written.split_once('@').map(|(_, version)| At { key: "@", value: version.to_string() }),
        _ => written.contains(':').then(|| At { key: "image", value: written.to_string() }),
    };
    let reference = Reference { kind: RefKind::Source(source), written: written.to_string(), resolved: Resolved::Value(written.to_string()), span: doc.node(node).span, location: format!("{location}/{key}"), overridden: None };
    out.references.push(with_parameters(reference));
}

/// A value with `<< … >>` pipeline or job parameters, which only a running pipeline knows.
fn with_parameters(mut reference: Reference) -> Reference {
    if let Some(start) = reference.written.find("<<") {
        let end = reference.written[start..].find(">>").map_or(reference.written.len(), |e| start + e + 2);
        reference.resolved = Resolved::Unresolved(vec![reference.written[start..end].to_string()]);
    }
    reference
}
