//! Tekton resources among Kubernetes objects (`tekton.dev`: `Task`, `ClusterTask`, `Pipeline`,
//! `PipelineRun`, `TaskRun`, and the runs a Triggers template embeds). Step, sidecar and `stepTemplate`
//! images, in embedded `taskSpec`/`pipelineSpec` too, are found by the Kubernetes walk like any `image`;
//! this module adds what a run fetches by reference: every `taskRef`/`pipelineRef` (and a step's `ref` to
//! a StepAction) that names a Tekton bundle (an OCI image: the old `bundle:` field, or `resolver: bundles`
//! with its `bundle` parameter), and the `git` resolver's repository at its `revision` (a branch or tag
//! moves; a 40-hex commit is pinned; no `revision` takes the resolver's default branch). Parameters
//! (`$(params.tag)`) are known only when the run starts.

use super::gitops::{self, field, Shape};
use super::{expect_scalar, Extraction};
use crate::reference::source::{name_of, PinnedBy, Source};
use crate::reference::{Reference, Resolved};
use crate::yaml::{Budget, Document, NodeId};

/// Whether an object is Tekton's (`tekton.dev/v1`, `triggers.tekton.dev/v1beta1`).
pub fn is_tekton(api_version: &str) -> bool {
    let group = api_version.split('/').next().unwrap_or("");
    group == "tekton.dev" || group.ends_with(".tekton.dev")
}

/// The bundles and git sources of every reference within `id`, an object at `location`.
pub fn object(doc: &Document, id: NodeId, location: &mut String, out: &mut Extraction, budget: &mut Budget) {
    super::walk(doc, id, location, super::kubernetes::by_name, budget, &mut |key, value, location| {
        // A step's `ref` names a StepAction the same way, by a resolver.
        let by_reference = matches!(key, "taskRef" | "pipelineRef") || (key == "ref" && doc.get(value, "resolver").is_some());
        if by_reference && doc.is_map(value) {
            reference(doc, value, location, out);
            return false;
        }
        true
    });
}

/// A `taskRef` or `pipelineRef`: a bundle image or a git source, if it names one.
fn reference(doc: &Document, at: NodeId, location: &str, out: &mut Extraction) {
    let Ok(bundle) = field(doc, at, "bundle", Shape::String, out) else { return };
    if let Some(bundle) = bundle {
        out.references.extend(image(doc, bundle, format!("{location}/bundle")));
        return;
    }
    let (Ok(Some(resolver)), Ok(params)) = (field(doc, at, "resolver", Shape::String, out), field(doc, at, "params", Shape::List, out)) else { return };
    let params: Vec<(&str, NodeId)> = doc
        .seq(params.unwrap_or(at))
        .filter(|_| params.is_some())
        .unwrap_or(&[])
        .iter()
        .filter_map(|&p| Some((doc.get_str(p, "name")?, doc.get(p, "value")?)))
        .filter(|&(name, value)| match expect_scalar(doc, value, name) {
            Ok(_) => true,
            Err(e) => {
                out.errors.push(e);
                false
            }
        })
        .collect();
    let param = |name: &str| params.iter().find(|(n, _)| *n == name).map(|&(_, value)| value);
    match doc.str(resolver).unwrap_or("") {
        "bundles" => {
            if let Some(bundle) = param("bundle") {
                out.references.extend(image(doc, bundle, format!("{location}/params/name=bundle")));
            }
        }
        "git" => {
            // The resolver clones `url`, or, through an SCM provider's API, `org`/`repo`.
            let (anchor, subject, name) = match (param("url"), param("org"), param("repo")) {
                (Some(url), _, _) => ((url, "params/name=url"), doc.str(url).unwrap_or("").to_string(), name_of(doc.str(url).unwrap_or(""))),
                (None, Some(org), Some(repo)) => {
                    let written = format!("{}/{}", doc.str(org).unwrap_or(""), doc.str(repo).unwrap_or(""));
                    ((repo, "params/name=repo"), written.clone(), written.to_ascii_lowercase())
                }
                _ => return,
            };
            let source = Source { pinned_by: PinnedBy::Commit, name, at: None, version: None };
            let revision = param("revision").map(|r| (r, "revision"));
            let before = out.references.len();
            gitops::push(doc, source, &subject, anchor, (revision, "params/name="), location, out);
            out.references[before..].iter_mut().for_each(with_params);
        }
        _ => {}
    }
}

fn image(doc: &Document, id: NodeId, location: String) -> Option<Reference> {
    let mut reference = super::image_in_yaml(doc, id, location, &super::no_variables)?;
    with_params(&mut reference);
    Some(reference)
}

/// A value with `$(params.x)`, `$(context.x)` or another Tekton variable, which only a run knows.
pub fn with_params(reference: &mut Reference) {
    if let Some(expression) = super::runtime_expression(&reference.written, &["$("]) {
        reference.resolved = Resolved::Unresolved(vec![expression.to_string()]);
    }
}
