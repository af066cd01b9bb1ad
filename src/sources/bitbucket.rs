//! Bitbucket Pipelines `bitbucket-pipelines.yml`: every `image:` (the default at the top, each step's,
//! each service's in `definitions`), as a string or a mapping's `name:`, and every `pipe:` in a script,
//! which is a container image (`atlassian/aws-s3-deploy:1.1.0`, `docker://acme/pipe:1.0`).

use super::{has_top_level, Content, expect_scalar, image_in_yaml, no_variables, Extraction, FileName, Kind, Reader, Resources};
use crate::yaml::{self, Budget, Document, NodeId, BUDGET_MESSAGE};
use crate::model::SourceError;

pub const KIND: Kind = Kind {
    name: "bitbucket-pipelines",
    label: "Bitbucket Pipelines",
    named: |file: &FileName| file.lower == "bitbucket-pipelines.yml" || file.lower == "bitbucket-pipelines.yaml",
    content: Some(Content { priority: 45, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// A named file whose name does not say it: top-level `pipelines:`.
fn looks_like(text: &str) -> bool {
    has_top_level(text, "pipelines:")
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    let mut budget = Budget::for_document(doc);
    walk(doc, root, &mut String::new(), out, &mut budget);
    if budget.exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

fn walk(doc: &Document, id: NodeId, location: &mut String, out: &mut Extraction, budget: &mut Budget) {
    super::walk(doc, id, location, super::by_index, budget, &mut |key, value, location| {
        match key {
            // `image: {name: …, username: …}` names its image in `name:`.
            "image" if matches!(doc.node(value).kind, yaml::Kind::Map(_)) => match doc.get(value, "name") {
                Some(name) => image(doc, name, format!("{location}/name"), "image.name", out),
                None => out.errors.push(super::node_error(doc, value, "`image` has no `name:`")),
            },
            "image" | "pipe" => image(doc, value, location.clone(), key, out),
            _ => return true,
        }
        false
    });
}

fn image(doc: &Document, id: NodeId, location: String, what: &str, out: &mut Extraction) {
    match expect_scalar(doc, id, what) {
        Ok(written) => {
            let mut reference = image_in_yaml(doc, id, location, &no_variables);
            // A pipe may be written as `docker://image`, which Bitbucket pulls as `image`.
            if let (Some(r), Some(bare)) = (reference.as_mut(), written.strip_prefix("docker://")) {
                r.resolved = crate::reference::Resolved::of(bare, &no_variables);
            }
            out.references.extend(reference);
        }
        Err(e) => out.errors.push(e),
    }
}
