//! GitHub action metadata (`action.yml` or `action.yaml`, anywhere in a repository): a composite action's
//! `runs.steps`, whose `uses:` are checked as a workflow's are (without a matrix), and a Docker action's
//! `runs.image` when it is `docker://…`; an image built from a `Dockerfile` in the repository is checked
//! through that Dockerfile. JavaScript actions (`using: node20`) reference nothing.

use super::github_workflow::Job;
use super::{has_top_level, Content, Extraction, FileName, Kind, Reader, Resources};
use crate::yaml::Document;

pub const KIND: Kind = Kind {
    name: "github-action",
    label: "GitHub action.yml",
    named: |file: &FileName| file.lower == "action.yml" || file.lower == "action.yaml",
    content: Some(Content { priority: 50, looks_like: |text| has_top_level(text, "runs:") && text.contains("using:"), while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

pub fn document(doc: &Document, text: &str, out: &mut Extraction) {
    let Some(runs) = doc.root().and_then(|root| doc.get(root, "runs")) else { return };
    let mut job = Job::new(doc, text, out);
    if let Some(steps) = doc.get(runs, "steps") {
        job.steps(steps, "runs");
    }
    if let Some(image) = doc.get(runs, "image") {
        job.runs_image(image, "runs/image".into());
    }
    job.finish();
}
