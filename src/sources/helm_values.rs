//! Helm `values.yaml` and its variants (`values-prod.yaml`, `values.prod.yaml`) in a chart's folder, next
//! to its `Chart.yaml`: the images the chart's templates are given. Recognized by the conventions of
//! widely used charts, under a key named exactly `image` at any depth (`image:`, `controller.image:`,
//! `metrics.image:`):
//!
//! - a string, `image: "nginx:1.25"`: the whole reference;
//! - a mapping with `repository` and optionally `registry`, `tag` and `digest` (Bitnami's shape, and the
//!   `helm create` one without `registry`): `registry/repository:tag@digest`, with `global.imageRegistry`
//!   in place of every `registry` when set, as Bitnami's charts do. An empty `tag` is the chart's
//!   `appVersion` in `helm create` charts and most others.
//!
//! Keys that merely contain the word (`initImage`, `imagePullSecrets`) are not guessed at. A values
//! file met while walking is not known to feed a chart until the run reads the `Chart.yaml` beside it;
//! one the user names (a path given, the playground) is judged either way.

use super::{expect_scalar, Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::model::SourceError;
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{self, Budget, Document, NodeId, BUDGET_MESSAGE};
use std::fmt::Write;

pub const KIND: Kind = Kind {
    name: "helm-values",
    label: "Helm values",
    named: |file: &FileName| {
        file.is_yaml() && (file.lower.starts_with("values-") || file.lower.starts_with("values."))
    },
    content: None,
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// An image of a values file, judged once the run knows the file sits in a chart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ValuesImage {
    pub reference: Reference,
    /// The block has a `repository` and no `tag`: the chart's `appVersion` is the tag.
    pub tag_from_app_version: bool,
    /// The user named the file (a path given, the playground): judged even when no `Chart.yaml` is read.
    pub named: bool,
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    let global_registry = doc.get(root, "global").and_then(|g| doc.get_str(g, "imageRegistry")).filter(|r| !r.trim().is_empty());
    let mut budget = Budget::for_document(doc);
    walk(doc, root, &mut String::new(), global_registry, out, &mut budget);
    if budget.exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

fn walk(doc: &Document, id: NodeId, location: &mut String, global_registry: Option<&str>, out: &mut Extraction, budget: &mut Budget) {
    super::walk(doc, id, location, super::by_index, budget, &mut |key, value, location| {
        match &doc.node(value).kind {
            yaml::Kind::Scalar(..) if key == "image" => {
                if let Some(reference) = super::image_in_yaml(doc, value, location.clone(), &super::no_variables) {
                    out.facts.push(Fact::HelmValuesImage(ValuesImage { reference, tag_from_app_version: false, named: false }));
                }
            }
            yaml::Kind::Map(_) if key == "image" && doc.get(value, "repository").is_some() => block(doc, value, location, global_registry, out),
            _ => return true,
        }
        false
    });
}

/// `image: {registry, repository, tag, digest}`, positioned on the digest, else the tag, else the
/// repository.
fn block(doc: &Document, image: NodeId, location: &str, global_registry: Option<&str>, out: &mut Extraction) {
    let mut parts = [("registry", None), ("repository", None), ("tag", None), ("digest", None)];
    for (key, part) in &mut parts {
        let Some(node) = doc.get(image, key).filter(|&n| !doc.is_null(n)) else { continue };
        // A tag written as a number is still read as the text it is written with.
        let text = match (&doc.node(node).kind, *key) {
            (yaml::Kind::Scalar(text, _), "tag") => Ok(doc.text(*text).to_string()),
            _ => expect_scalar(doc, node, &format!("image.{key}")).map(str::to_string),
        };
        match text {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => *part = Some((node, text)),
            Err(e) => {
                out.errors.push(e);
                return;
            }
        }
    }
    let [registry, repository, tag, digest] = parts.map(|(_, part)| part);
    let Some((repository_node, repository)) = repository else { return };
    let mut written = match global_registry.or(registry.as_ref().map(|(_, r)| r.as_str())) {
        Some(registry) => format!("{}/{repository}", registry.trim_end_matches('/')),
        None => repository,
    };
    if let Some((_, tag)) = &tag {
        let _ = write!(written, ":{tag}");
    }
    if let Some((_, digest)) = &digest {
        let _ = write!(written, "@{digest}");
    }
    let anchor = digest.as_ref().or(tag.as_ref()).map_or(repository_node, |(node, _)| *node);
    let resolved = Resolved::of(&written, &super::no_variables);
    let reference = Reference { kind: RefKind::Image, written, resolved, span: doc.node(anchor).span, location: location.to_string(), overridden: None };
    out.facts.push(Fact::HelmValuesImage(ValuesImage { reference, tag_from_app_version: tag.is_none() && digest.is_none(), named: false }));
}
