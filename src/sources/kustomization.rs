//! Kustomize `kustomization.yaml`: each `images:` entry that sets `newTag` or `digest` decides the image
//! every matching container runs, so it is a reference (`newName` or `name`, with the tag and digest). An
//! entry that only renames keeps the tag of the base manifest, which is checked where it is written.

use super::{no_variables, scalar_span, Extraction};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::Document;

pub fn document(doc: &Document, text: &str, out: &mut Extraction) {
    let Some(images) = doc.root().and_then(|r| doc.get(r, "images")).and_then(|i| doc.seq(i)) else { return };
    for &entry in images {
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
        let location = format!("images/name={}", doc.get_str(entry, "name").unwrap_or(name));
        let resolved = Resolved::of(&written, &no_variables);
        out.references.push(Reference { kind: RefKind::Image, written, resolved, span: scalar_span(doc, anchor, text), location });
    }
}
