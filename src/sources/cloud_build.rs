//! Google Cloud Build `cloudbuild.yaml` (`.yml`, `.json`, and variants such as `cloudbuild-prod.yaml`):
//! each `steps[].name` is the image the step runs (`gcr.io/cloud-builders/docker` too). Substitutions
//! (`$_REGION`, `${_TAG}`) take the values of the file's `substitutions:`; built-in ones (`$PROJECT_ID`,
//! `$SHORT_SHA`) are known only when the build runs. `images:` lists what the build pushes, not what it
//! pulls, so it is not checked.

use super::{has_top_level, Content, expect_scalar, image_in_yaml, node_error, Extraction, FileName, Kind, Reader, Resources};
use crate::yaml::Document;

pub const KIND: Kind = Kind {
    name: "cloud-build",
    label: "Google Cloud Build",
    named: |file: &FileName| file.lower.starts_with("cloudbuild") && file.is_yaml_or_json(),
    content: Some(Content { priority: 45, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// A named file whose name does not say it: top-level `steps:` whose entries are `- name:` builder
/// images (Azure Pipelines' `steps:` are `- script:` and `- task:`).
fn looks_like(text: &str) -> bool {
    has_top_level(text, "steps:") && text.lines().any(|l| l.trim_start().starts_with("- name:"))
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    let Some(steps) = doc.get(root, "steps") else { return };
    let Some(steps) = doc.seq(steps) else {
        out.errors.push(node_error(doc, steps, "`steps` must be a list"));
        return;
    };
    let substitutions = doc.get(root, "substitutions");
    let lookup = |name: &str| substitutions.and_then(|s| doc.get_str(s, name)).map(str::to_string);
    for (i, &step) in steps.iter().enumerate() {
        let Some(name) = doc.get(step, "name") else {
            out.errors.push(node_error(doc, step, "a step has no `name:`, the image it runs"));
            continue;
        };
        let location = match doc.get_str(step, "id") {
            Some(id) => format!("steps/id={id}/name"),
            None => format!("steps/{i}/name"),
        };
        match expect_scalar(doc, name, "name") {
            Ok(_) => out.references.extend(image_in_yaml(doc, name, location, &lookup)),
            Err(e) => out.errors.push(e),
        }
    }
}
