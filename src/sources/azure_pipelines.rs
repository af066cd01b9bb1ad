//! Azure Pipelines `azure-pipelines.yml` (also `*.azure-pipelines.yml` and any YAML under
//! `.azure-pipelines/`): the images jobs run in and the repositories the pipeline fetches.
//!
//! - `resources.containers[].image`, and every `container:` (of the pipeline or a job, a string or a
//!   mapping's `image:`) and `services:` value that is not the alias of a container resource (an alias is
//!   checked where the resource names its image).
//! - `resources.repositories[]`: the repository is fetched at its `ref` (a branch by default) by every
//!   `template: file.yml@alias` and `checkout: alias` that uses it, so it is a source, judged once, on
//!   its `ref` (or its `name` when no `ref` is written: the default branch). `refs/heads/…` and
//!   `refs/tags/…` move; a 40-hex commit SHA is pinned.
//! - `task: Name@2` steps are not references fixity can judge: Azure DevOps runs the newest installed
//!   version of the task's major, and a task cannot be pinned further, so tasks are not reported (as
//!   hosted `pool: vmImage:` images, which cannot be pinned either).
//!
//! Macro and runtime variables (`$(tag)`, `$[ variables.tag ]`) and template expressions
//! (`${{ parameters.image }}`) are known only when the pipeline runs.

use super::gitops::{self, field, Shape};
use super::{expect_scalar, node_error, Extraction, FileName, Kind, Reader, Resources};
use crate::model::SourceError;
use crate::reference::source::{PinnedBy, Source};
use crate::reference::{RefKind, Reference, Resolved};
use crate::yaml::{Budget, Document, NodeId, BUDGET_MESSAGE};

pub const KIND: Kind = Kind {
    name: "azure-pipelines",
    label: "Azure Pipelines",
    named: |file: &FileName| {
        let yaml = file.is_yaml();
        yaml && (file.lower.starts_with("azure-pipelines.") || file.lower.ends_with(".azure-pipelines.yml") || file.lower.ends_with(".azure-pipelines.yaml") || file.after(".azure-pipelines/").is_some())
    },
    content: None,
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    if !doc.is_map(root) {
        return;
    }
    let mut aliases = Vec::new();
    if let Ok(Some(resources)) = field(doc, root, "resources", Shape::Map, out) {
        containers(doc, resources, &mut aliases, out);
        repositories(doc, resources, out);
    }
    let mut budget = Budget::for_document(doc);
    walk(doc, root, &mut String::new(), &aliases, out, &mut budget);
    if budget.exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

/// Each `resources.containers[]` entry's `image`; notes the entries' aliases.
fn containers<'d>(doc: &'d Document, resources: NodeId, aliases: &mut Vec<&'d str>, out: &mut Extraction) {
    let Ok(Some(list)) = field(doc, resources, "containers", Shape::List, out) else { return };
    for (i, &entry) in doc.seq(list).unwrap_or(&[]).iter().enumerate() {
        if !doc.is_map(entry) {
            out.errors.push(node_error(doc, entry, "each entry of `resources.containers` must be a mapping"));
            continue;
        }
        let alias = field(doc, entry, "container", Shape::String, out).ok().flatten().and_then(|a| doc.str(a));
        aliases.extend(alias);
        let Ok(image) = field(doc, entry, "image", Shape::String, out) else { continue };
        // An Azure Container Registry resource (`type: ACR`) names a `repository` to trigger on, not an
        // image a job runs.
        let docker = doc.get_str(entry, "type").is_none_or(|t| t.eq_ignore_ascii_case("docker"));
        match image {
            Some(image) => out.references.extend(image_at(doc, image, format!("resources/containers/{}/image", alias.map_or_else(|| i.to_string(), str::to_string)))),
            None if docker => out.errors.push(node_error(doc, entry, "a container resource has no `image:`, which Azure Pipelines requires")),
            None => {}
        }
    }
}

/// Each `resources.repositories[]` entry: its `name` at its `ref`.
fn repositories(doc: &Document, resources: NodeId, out: &mut Extraction) {
    let Ok(Some(list)) = field(doc, resources, "repositories", Shape::List, out) else { return };
    for (i, &entry) in doc.seq(list).unwrap_or(&[]).iter().enumerate() {
        if !doc.is_map(entry) {
            out.errors.push(node_error(doc, entry, "each entry of `resources.repositories` must be a mapping"));
            continue;
        }
        let (Ok(alias), Ok(kind), Ok(name), Ok(at)) = (
            field(doc, entry, "repository", Shape::String, out),
            field(doc, entry, "type", Shape::String, out),
            field(doc, entry, "name", Shape::String, out),
            field(doc, entry, "ref", Shape::String, out),
        ) else {
            continue;
        };
        let Some(name) = name else {
            out.errors.push(node_error(doc, entry, "a repository resource has no `name:`, which Azure Pipelines requires"));
            continue;
        };
        let written = doc.str(name).unwrap_or("");
        let host = match kind.and_then(|k| doc.str(k)) {
            Some("github") => "github.com/",
            Some("bitbucket") => "bitbucket.org/",
            _ => "",
        };
        let source = Source { pinned_by: PinnedBy::Commit, name: format!("{host}{written}").to_ascii_lowercase(), at: None, version: None };
        let location = format!("resources/repositories/{}", alias.and_then(|a| doc.str(a)).map_or_else(|| i.to_string(), str::to_string));
        gitops::push(doc, source, written, (name, "name"), (at.map(|r| (r, "ref")), ""), &location, out);
    }
}

/// Every `container:` and `services:` outside `resources`, in the pipeline, its stages and jobs.
fn walk(doc: &Document, id: NodeId, location: &mut String, aliases: &[&str], out: &mut Extraction, budget: &mut Budget) {
    super::walk(doc, id, location, by_job, budget, &mut |key, value, location| {
        match key {
            // Declared above; a step's `target: {container: …}` names a job's container, and a
            // template's `parameters` are values whose use the template decides.
            "resources" if location == "resources" => {}
            "target" | "parameters" => {}
            "container" => container(doc, value, location, aliases, out),
            "services" => match doc.own_entries(value) {
                Some(services) => {
                    for &(name, service) in services {
                        let location = format!("{location}/{}", doc.str(name).unwrap_or(""));
                        named_image(doc, service, location, "services", aliases, out);
                    }
                }
                None if doc.is_null(value) => {}
                None => out.errors.push(node_error(doc, value, "`services` must be a mapping of names to container resources")),
            },
            _ => return true,
        }
        false
    });
}

/// Stages and jobs are addressed by their names, so reordering keeps fingerprints.
fn by_job(doc: &Document, item: NodeId) -> Option<(&'static str, &str)> {
    let name = doc.get_str(item, "job").or_else(|| doc.get_str(item, "stage")).or_else(|| doc.get_str(item, "deployment"))?;
    Some(("", name))
}

/// A job's `container:`: a container resource's alias, an image, or a mapping with `image:`.
fn container(doc: &Document, value: NodeId, location: &str, aliases: &[&str], out: &mut Extraction) {
    if doc.is_map(value) {
        match doc.get(value, "image") {
            Some(image) => named_image(doc, image, format!("{location}/image"), "container.image", &[], out),
            None => out.errors.push(node_error(doc, value, "`container` has no `image:`")),
        }
    } else if !doc.is_null(value) {
        named_image(doc, value, location.to_string(), "container", aliases, out);
    }
}

/// An image, unless `value` is the alias of a container resource.
fn named_image(doc: &Document, value: NodeId, location: String, what: &str, aliases: &[&str], out: &mut Extraction) {
    match expect_scalar(doc, value, what) {
        Ok(written) if aliases.contains(&written) => {}
        Ok(_) => out.references.extend(image_at(doc, value, location)),
        Err(e) => out.errors.push(e),
    }
}

/// The image written at `id`, unresolved when it uses a macro, runtime or template expression.
fn image_at(doc: &Document, id: NodeId, location: String) -> Option<Reference> {
    super::reference_in_yaml(RefKind::Image, doc, id, location, |written| match super::runtime_expression(written, &["$(", "$["]) {
        Some(expression) => Resolved::Unresolved(vec![expression.to_string()]),
        None => Resolved::of(written, &super::no_variables),
    })
}
