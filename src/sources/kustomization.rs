//! Kustomize `kustomization.yaml`: each `images:` entry that sets `newTag` or `digest` decides the image
//! every matching container runs, so it is a reference (`newName` or `name`, with the tag and digest). An
//! entry that only renames keeps the tag of the base manifest, which is checked where it is written. An
//! entry with both `newTag` and `digest` is one reference, `name:tag@digest`: Kustomize writes the digest
//! (the tag is overridden, kept as a label), so it is pinned, as an image written that way is.

use super::{has_top_level, no_variables, Content, Extraction, FileName, Kind, Reader, Resources};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{Document, NodeId};

pub const KIND: Kind = Kind {
    name: "kustomization",
    label: "Kustomization",
    // Kustomize also reads a kustomization from a file named just `Kustomization`.
    named: |file: &FileName| matches!(file.lower.as_str(), "kustomization.yaml" | "kustomization.yml") || file.name == "Kustomization",
    content: Some(Content { priority: 80, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

fn looks_like(text: &str) -> bool {
    text.contains("kind: Kustomization") || (has_top_level(text, "images:") && has_top_level(text, "resources:"))
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(list) = doc.root().and_then(|r| doc.get(r, "images")).and_then(|i| doc.seq(i)) else { return };
    images(doc, list, "images", out);
}

/// The `images:` entries that set a tag or digest (also a Flux `Kustomization`'s `spec.images`), under
/// `location`.
pub fn images(doc: &Document, list: &[NodeId], location: &str, out: &mut Extraction) {
    for &entry in list {
        let tag = doc.get(entry, "newTag");
        let digest = doc.get(entry, "digest");
        let Some(anchor) = digest.or(tag) else { continue };
        let Some(name) = doc.get_str(entry, "newName").or_else(|| doc.get_str(entry, "name")) else { continue };
        let mut written = name.to_string();
        if let Some(t) = tag.and_then(|t| doc.str(t)) {
            written = format!("{written}:{t}");
        }
        if let Some(d) = digest.and_then(|d| doc.str(d)) {
            written = format!("{written}@{d}");
        }
        let location = format!("{location}/name={}", doc.get_str(entry, "name").unwrap_or(name));
        let resolved = Resolved::of(&written, &no_variables);
        out.references.push(Reference { kind: RefKind::Image, written, resolved, span: doc.node(anchor).span, location, overridden: None });
    }
}
