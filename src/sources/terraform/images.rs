//! The container images a Terraform configuration deploys, resource by resource: the pod specs of the
//! Kubernetes provider's workloads (`container` and `init_container` blocks, `_v1` forms too) and the
//! Kubernetes objects of `kubernetes_manifest`; the Docker provider's `docker_container.image`,
//! `docker_image.name` (not one it builds) and the tag a `docker_registry_image` data source looks up;
//! AWS ECS container definitions, Lambda `image_uri`, App Runner image identifiers and Batch container
//! properties; Google Cloud Run services and jobs; Azure container groups and container apps.
//!
//! JSON written as `jsonencode({…})`, as a string or as a heredoc is read with the place of each value;
//! a value from a function (`file("task.json")`) is unknown. A reference to a `docker_image` resource or a
//! `docker_registry_image` data source is to an image checked where that block names it.

use super::{evaluate, expression_subject, named_value, template, written, Deferred, DeferredImage};
use crate::hcl::{Body, Expr, Value};
use crate::model::{SourceError, Span};
use crate::reference::{RefKind, Reference, Resolved};
use crate::sources::{kubernetes, no_variables, Extraction, Fact};
use crate::yaml::{self, Budget, BUDGET_MESSAGE};
use std::fmt::Write;

/// Where a resource type names images.
enum Field {
    /// This attribute of every nested block of these kinds, at any depth (a pod spec's `container`s).
    InBlocks(&'static [&'static str], &'static str),
    /// A top-level attribute.
    Attribute(&'static str),
    /// A top-level attribute holding JSON: every `image` in it.
    Json(&'static str),
    /// A top-level attribute holding a Kubernetes object: every `image` in its pod specs.
    Manifest(&'static str),
}

const POD_SPEC: &[Field] = &[Field::InBlocks(&["container", "init_container"], "image")];

/// The fields of a managed resource type that name images.
fn resource_fields(resource: &str) -> &'static [Field] {
    match resource.strip_suffix("_v1").unwrap_or(resource) {
        "kubernetes_deployment" | "kubernetes_stateful_set" | "kubernetes_daemon_set" | "kubernetes_daemonset" | "kubernetes_job" | "kubernetes_cron_job"
        | "kubernetes_pod" | "kubernetes_replication_controller" => POD_SPEC,
        "kubernetes_manifest" => &[Field::Manifest("manifest")],
        "docker_container" => &[Field::Attribute("image")],
        "docker_image" => &[Field::Attribute("name")],
        "aws_ecs_task_definition" => &[Field::Json("container_definitions")],
        "aws_lambda_function" => &[Field::Attribute("image_uri")],
        "aws_apprunner_service" => &[Field::InBlocks(&["image_repository"], "image_identifier")],
        "aws_batch_job_definition" => &[
            Field::Json("container_properties"),
            Field::Json("node_properties"),
            Field::Json("ecs_properties"),
            Field::InBlocks(&["containers", "init_containers"], "image"),
        ],
        "google_cloud_run_service" | "google_cloud_run_v2_service" | "google_cloud_run_v2_job" => &[Field::InBlocks(&["containers"], "image")],
        "azurerm_container_group" | "azurerm_container_app" | "azurerm_container_app_job" => POD_SPEC,
        _ => &[],
    }
}

/// The images of every resource (and `docker_registry_image` data source) in a file's body.
pub fn extract(body: &Body, text: &str, out: &mut Extraction) {
    let mut images = Images { text, out };
    for resource in body.blocks("resource") {
        let (Some(kind), Some(name)) = (resource.label(0), resource.label(1)) else { continue };
        // An image the configuration builds is named, not pulled.
        if kind == "docker_image" && resource.body.blocks("build").next().is_some() {
            continue;
        }
        let location = format!("{kind}.{name}");
        for field in resource_fields(kind) {
            images.field(&resource.body, field, &location);
        }
    }
    for data in body.blocks("data").filter(|d| d.label(0) == Some("docker_registry_image")) {
        let location = format!("data.docker_registry_image.{}", data.label(1).unwrap_or(""));
        images.field(&data.body, &Field::Attribute("name"), &location);
    }
}

struct Images<'a> {
    text: &'a str,
    out: &'a mut Extraction,
}

impl Images<'_> {
    fn field(&mut self, body: &Body, field: &Field, location: &str) {
        match field {
            Field::InBlocks(kinds, attribute) => self.in_blocks(body, kinds, attribute, &mut location.to_string()),
            Field::Attribute(name) => {
                if let Some(value) = body.attribute(name) {
                    self.image(value, format!("{location}/{name}"));
                }
            }
            Field::Json(name) | Field::Manifest(name) => {
                if let Some(value) = body.attribute(name) {
                    let manifest = matches!(field, Field::Manifest(_));
                    self.document(value, manifest, format!("{location}/{name}"));
                }
            }
        }
    }

    fn in_blocks(&mut self, body: &Body, kinds: &[&str], attribute: &str, location: &mut String) {
        for (i, block) in body.blocks.iter().enumerate() {
            let len = location.len();
            let _ = write!(location, "/{}", block.kind);
            match block.body.attribute("name").and_then(Value::as_str) {
                Some(name) => {
                    let _ = write!(location, "/name={name}");
                }
                None if body.blocks(&block.kind).nth(1).is_some() => {
                    let _ = write!(location, "/{i}");
                }
                None => {}
            }
            if kinds.contains(&block.kind.as_str()) {
                if let Some(value) = block.body.attribute(attribute) {
                    self.image(value, format!("{location}/{attribute}"));
                }
            }
            self.in_blocks(&block.body, kinds, attribute, location);
            location.truncate(len);
        }
    }

    /// An attribute holding a document: an HCL object (or `jsonencode`/`yamldecode` of one), JSON or YAML
    /// in a string or heredoc. `manifest`: a Kubernetes object, whose ConfigMap and Secret data are no
    /// images.
    fn document(&mut self, value: &Value, manifest: bool, location: String) {
        match &value.expr {
            Expr::Call(function, arguments) if matches!(function.as_str(), "jsonencode" | "yamlencode" | "jsondecode" | "yamldecode") && arguments.len() == 1 => {
                self.document(&arguments[0], manifest, location)
            }
            Expr::Object(_) | Expr::List(_) => {
                let kind = value.get("kind").and_then(Value::as_str);
                if !(manifest && matches!(kind, Some("ConfigMap" | "Secret"))) {
                    self.hcl_images(value, &mut location.clone());
                }
            }
            Expr::Str(_) => match unescaped(written(value, self.text)) {
                Some((inner, offsets)) => {
                    let start = value.span.start as usize;
                    self.embedded(&inner, manifest, location, |span| Span::new(start + offsets[span.start as usize], start + offsets[span.end as usize]))
                }
                None => self.unknown(value, location),
            },
            Expr::Other(w) if w.starts_with("<<") => match heredoc(w) {
                Some((inner, at)) if !inner.contains("%{") => {
                    let start = value.span.start as usize + at;
                    self.embedded(inner, manifest, location, |span| span.shifted(start))
                }
                _ => self.unknown(value, location),
            },
            _ => self.unknown(value, location),
        }
    }

    /// JSON or YAML inside a string: its images, their spans moved to where they are written by `place`.
    fn embedded(&mut self, text: &str, manifest: bool, location: String, place: impl Fn(Span) -> Span) {
        let mut found = Extraction::default();
        let parsed = yaml::for_each_document(text, |doc| {
            let Some(root) = doc.root() else { return };
            let mut budget = Budget::for_document(doc);
            if manifest {
                kubernetes::object(doc, root, &mut found, &mut budget);
            } else {
                kubernetes::walk(doc, root, &mut location.clone(), &no_variables, &mut found, &mut budget);
            }
            if budget.exhausted() {
                found.errors.push(SourceError { span: doc.node(root).span, message: BUDGET_MESSAGE.into() });
            }
        });
        if let Err(e) = parsed {
            found.errors.push(SourceError { span: e.span, message: format!("invalid JSON or YAML in `{location}`: {}", e.message) });
        }
        for mut error in found.errors {
            error.span = place(error.span);
            self.out.errors.push(error);
        }
        for reference in found.references {
            let span = place(reference.span);
            let location = if manifest { format!("{location}/{}", reference.location) } else { reference.location };
            self.push(&reference.written, span, location);
        }
    }

    /// Every `image` in an HCL object or list, list items addressed by their `name` where they have one.
    fn hcl_images(&mut self, value: &Value, location: &mut String) {
        let len = location.len();
        match &value.expr {
            Expr::Object(entries) => {
                for (key, item) in entries {
                    let _ = write!(location, "/{key}");
                    if key == "image" && !matches!(item.expr, Expr::Object(_) | Expr::List(_)) {
                        self.image(item, location.clone());
                    } else {
                        self.hcl_images(item, location);
                    }
                    location.truncate(len);
                }
            }
            Expr::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    match item.get("name").and_then(Value::as_str) {
                        Some(name) => location.push_str(&format!("/name={name}")),
                        None => location.push_str(&format!("/{i}")),
                    }
                    self.hcl_images(item, location);
                    location.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// An image written as an HCL value.
    fn image(&mut self, value: &Value, location: String) {
        match &value.expr {
            Expr::Null => {}
            Expr::Str(s) if s.trim().is_empty() => {}
            Expr::Str(s) => self.push(s, value.span, location),
            _ if is_docker_image_resource(written(value, self.text)) => {}
            Expr::Other(w) if w.starts_with('"') => self.reference(w.trim_matches('"'), template(value, self.text), value.span, location),
            _ => self.reference(&expression_subject(written(value, self.text)), template(value, self.text), value.span, location),
        }
    }

    /// An image written as a string's text (a literal, or a template with interpolations).
    fn push(&mut self, written: &str, span: Span, location: String) {
        self.reference(written, written.to_string(), span, location);
    }

    fn reference(&mut self, written: &str, template: String, span: Span, location: String) {
        let resolved = evaluate(&template, &|_| None);
        let reference = Reference { kind: RefKind::Image, written: written.to_string(), resolved, span, location, overridden: None };
        // What the module's variables and locals hold is known once the run has read its folder.
        if let Resolved::Unresolved(names) = &reference.resolved {
            if names.iter().any(|n| named_value(n).is_some()) {
                return self.out.facts.push(Fact::TerraformReference(Deferred::Image(DeferredImage { reference, template })));
            }
        }
        self.out.references.push(reference);
    }

    /// A document fixity cannot read (a file, a function's result): its images are unknown.
    fn unknown(&mut self, value: &Value, location: String) {
        let expression = written(value, self.text).lines().next().unwrap_or("").to_string();
        let reference = Reference { kind: RefKind::Image, written: expression_subject(&expression), resolved: Resolved::Unresolved(vec![expression]), span: value.span, location, overridden: None };
        self.out.references.push(reference);
    }
}

/// `docker_image.x.image_id`, `data.docker_registry_image.x.name`: an image named by another block.
fn is_docker_image_resource(expression: &str) -> bool {
    let expression = expression.trim_matches('"').trim_start_matches("${").trim_end_matches('}').trim();
    ["docker_image.", "docker_registry_image.", "data.docker_registry_image."].iter().any(|p| expression.starts_with(p))
}

/// A quoted HCL string's text with, for each of its bytes and its end, the offset in `quoted` it comes
/// from; `None` when it is not a plain quoted string.
fn unescaped(quoted: &str) -> Option<(String, Vec<usize>)> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let c = match c {
            '\\' => match chars.next()?.1 {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'u' | 'U' => return None,
                other => other,
            },
            c => c,
        };
        offsets.extend(std::iter::repeat_n(1 + at, c.len_utf8()));
        text.push(c);
    }
    offsets.push(1 + inner.len());
    Some((text, offsets))
}

/// A heredoc's body and where it starts in the written `<<EOT … EOT`.
fn heredoc(written: &str) -> Option<(&str, usize)> {
    let (first, _) = written.split_once('\n')?;
    let marker = first.trim_start_matches('<').trim_start_matches('-').trim();
    let start = first.len() + 1;
    let body = &written[start..];
    let end = body.rfind('\n').filter(|&e| body[e + 1..].trim() == marker).unwrap_or(0);
    Some((&body[..end], start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_map_back_to_where_they_are_written() {
        let (text, offsets) = unescaped(r#""[{\"image\":\"a\"}]""#).unwrap();
        assert_eq!(text, r#"[{"image":"a"}]"#);
        assert_eq!((offsets[10], offsets[text.len()]), (13, 20));
        assert_eq!(heredoc("<<-EOT\n  [1]\n  EOT"), Some(("  [1]", 7)));
        assert!(is_docker_image_resource("docker_image.nginx.image_id"));
        assert!(!is_docker_image_resource("var.image"));
    }
}
