//! Pulumi YAML programs (`Pulumi.yaml` with `runtime: yaml`): the container images their resources run.
//! A Kubernetes resource's `properties` are read as the object they become (every `image`, as in a
//! manifest); a `docker:Container` runs its `image`, a `docker:RemoteImage` pulls its `name`. A
//! `docker:Image` names the image it builds and pushes, not one it pulls, so it is not a reference (as a
//! Compose service with `build:`). `${name}` takes a scalar of the program's `variables:`; an image that is
//! another resource's output (`${web-image.repoDigest}`) is that resource's, judged where it is declared.

use super::kubernetes::walk;
use super::{has_top_level, Content, image_in_yaml, Extraction, FileName, Kind, Reader, Resources};
use crate::model::SourceError;
use crate::yaml::{Budget, Document, BUDGET_MESSAGE};

pub const KIND: Kind = Kind {
    name: "pulumi-yaml",
    label: "Pulumi YAML program",
    named: |file: &FileName| matches!(file.name, "Pulumi.yaml" | "Pulumi.yml"),
    content: Some(Content { priority: 45, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// A named file whose name does not say it: a YAML program, `runtime: yaml` with `resources:`.
fn looks_like(text: &str) -> bool {
    text.lines().any(|l| l.trim_end() == "runtime: yaml") && has_top_level(text, "resources:")
}

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(root) = doc.root() else { return };
    // Other runtimes (`nodejs`, `python`, …) write their program elsewhere; `runtime: {name: yaml}` too.
    let runtime = doc.get(root, "runtime").and_then(|r| doc.str(r).or_else(|| doc.get_str(r, "name")));
    if runtime != Some("yaml") {
        return;
    }
    let Some(resources) = doc.get(root, "resources") else { return };
    let resource_names: Vec<&str> = doc.entries(resources).iter().filter_map(|&(name, _)| doc.str(name)).collect();
    let variables = doc.get(root, "variables");
    let lookup = |name: &str| variables.and_then(|v| doc.get_str(v, name)).map(str::to_string);
    let mut budget = Budget::for_document(doc);
    for &(name, resource) in doc.entries(resources).iter() {
        let (Some(name), Some(kind), Some(properties)) = (doc.str(name), doc.get_str(resource, "type"), doc.get(resource, "properties")) else { continue };
        let mut location = format!("resources/{name}/properties");
        let image_property = match member(kind) {
            _ if kind.starts_with("kubernetes:") => {
                walk(doc, properties, &mut location, &lookup, out, &mut budget);
                continue;
            }
            ("docker", "Container") => "image",
            ("docker", "RemoteImage") => "name",
            _ => continue,
        };
        let Some(image) = doc.get(properties, image_property) else { continue };
        let written = doc.str(image).unwrap_or("");
        if is_output_of(written, &resource_names) {
            continue;
        }
        out.references.extend(image_in_yaml(doc, image, format!("{location}/{image_property}"), &lookup));
    }
    if budget.exhausted() {
        out.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
    }
}

/// The package and member of a type token: `docker:index/container:Container` and `docker:Container`
/// are both (`docker`, `Container`).
fn member(token: &str) -> (&str, &str) {
    let package = token.split(':').next().unwrap_or("");
    (package, token.rsplit(':').next().unwrap_or(""))
}

/// Whether a value is exactly one output of a resource of the program: `${web-image.repoDigest}`.
fn is_output_of(written: &str, resources: &[&str]) -> bool {
    let Some(inner) = written.strip_prefix("${").and_then(|w| w.strip_suffix('}')) else { return false };
    inner.split_once('.').is_some_and(|(resource, _)| resources.contains(&resource))
}

#[cfg(test)]
mod tests {
    #[test]
    fn members() {
        assert_eq!(super::member("docker:index/container:Container"), ("docker", "Container"));
        assert_eq!(super::member("docker:RemoteImage"), ("docker", "RemoteImage"));
        assert!(super::is_output_of("${app.repoDigest}", &["app"]));
        assert!(!super::is_output_of("${registry}/app:1.0", &["app"]));
    }
}
