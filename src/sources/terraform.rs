//! Terraform configuration (`*.tf`): the `module` blocks (their `source` and `version`), the container
//! images that resources deploy ([`images`]), the Helm charts they install ([`charts`]), the providers of `terraform { required_providers { … } }`
//! with their version constraints, and whether the folder is a root module (a `backend` or `cloud` block),
//! for the lock file checks that need the folder's `.terraform.lock.hcl`.
//!
//! A value built from `var.x` or `local.x` is the folder's business: `variable` defaults, `locals` and
//! the variables files may sit in other files of the module, so such an image or chart is a
//! [`Fact::TerraformReference`], judged once the run has read the folder ([`crate::crossfile`]).

mod charts;
mod images;

pub use charts::HelmChart;

use super::{Content, Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::hcl::{self, Expr, Value};
use crate::model::{SourceError, Span};
use crate::reference::{module, RefKind, Reference, Resolved};

pub const KIND: Kind = Kind {
    name: "terraform",
    label: "Terraform",
    named: |file: &FileName| file.lower.ends_with(".tf"),
    content: Some(Content { priority: 20, looks_like, while_walking: false }),
    reader: Reader::Text(extract),
    resources: Resources::None,
};

/// A top-level `resource`, `module`, `variable`, `provider` or `terraform` block.
fn looks_like(text: &str) -> bool {
    text.lines().any(|l| ["resource \"", "module \"", "variable \"", "provider \"", "terraform {", "data \""].iter().any(|b| l.starts_with(b)))
}

/// A value a module's configuration gives a name: a `variable`'s default or a value from a variables
/// file (`var.x`), or a `locals` entry (`local.x`), as a string template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NamedValue {
    pub name: String,
    pub template: String,
}

/// An image whose value depends on the module's variables or locals: resolved by the run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeferredImage {
    /// The reference, unresolved until the folder's values are known.
    pub reference: Reference,
    /// Its value as a string template (`${var.image}`).
    pub template: String,
}

/// A reference whose value depends on the module's variables or locals: judged once the run has read
/// the module's folder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Deferred {
    Image(DeferredImage),
    Chart(HelmChart),
}

impl Deferred {
    /// The reference with the values `lookup` gives the module's `var.x` and `local.x`.
    pub fn reference(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Reference> {
        match self {
            Deferred::Image(image) => Some(Reference { resolved: evaluate(&image.template, lookup), ..image.reference.clone() }),
            Deferred::Chart(chart) => chart.reference(lookup),
        }
    }

    pub fn spans_mut(&mut self) -> Vec<&mut Span> {
        match self {
            Deferred::Image(image) => vec![&mut image.reference.span],
            Deferred::Chart(chart) => chart.spans_mut().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequiredProvider {
    /// The local name (`aws`).
    pub name: String,
    /// The full source address, lowercase (`registry.terraform.io/hashicorp/aws`).
    pub address: String,
    pub constraints: Option<String>,
    pub span: Span,
}

/// A provider source address in full: `hashicorp/aws` and `aws` are on the public registry.
pub fn provider_address(source: &str) -> String {
    let source = source.trim().to_ascii_lowercase();
    match source.matches('/').count() {
        0 => format!("registry.terraform.io/hashicorp/{source}"),
        1 => format!("registry.terraform.io/{source}"),
        _ => source,
    }
}

/// The file's HCL body, or `None` with the syntax error recorded.
pub fn parse(text: &str, out: &mut Extraction) -> Option<hcl::Body> {
    hcl::parse_with_comments(text, &mut out.comments)
        .map_err(|e| out.errors.push(SourceError { span: e.span, message: format!("invalid HCL: {}", e.message) }))
        .ok()
}

pub fn extract(text: &str, out: &mut Extraction) {
    let Some(body) = parse(text, out) else { return };
    images::extract(&body, text, out);
    for chart in charts::extract(&body, text) {
        match chart.is_deferred() {
            true => out.facts.push(Fact::TerraformReference(Deferred::Chart(chart))),
            false => out.references.extend(chart.reference(&|_| None)),
        }
    }
    for variable in body.blocks("variable") {
        if let (Some(name), Some(default)) = (variable.label(0), variable.body.attribute("default")) {
            out.facts.push(Fact::TerraformValue(NamedValue { name: format!("var.{name}"), template: template(default, text) }));
        }
    }
    for locals in body.blocks("locals") {
        for (name, value) in &locals.body.attributes {
            out.facts.push(Fact::TerraformValue(NamedValue { name: format!("local.{name}"), template: template(value, text) }));
        }
    }
    for block in body.blocks("module") {
        let (Some(name), Some(source)) = (block.label(0), block.body.attribute("source")) else { continue };
        // Terraform requires a literal `source`.
        let Some(written) = source.as_str() else { continue };
        let version = block.body.attribute("version").map(|v| module::Version { resolved: resolved(v, text), span: v.span });
        let location = format!("module.{name}/source");
        out.references.push(Reference { kind: RefKind::Module { version }, written: written.to_string(), resolved: Resolved::Value(written.to_string()), span: source.span, location, overridden: None });
    }
    for terraform in body.blocks("terraform") {
        if let Some(backend) = terraform.body.blocks.iter().find(|b| b.kind == "backend" || b.kind == "cloud") {
            out.facts.push(Fact::RootModule(backend.span));
        }
        for required in terraform.body.blocks("required_providers") {
            for (name, value) in &required.body.attributes {
                // `aws = "~> 5.0"` is the pre-0.13 shorthand for a version constraint of hashicorp/aws.
                let (source, constraints) = match &value.expr {
                    Expr::Str(s) => (None, Some(s.clone())),
                    _ => (value.get("source").and_then(Value::as_str), value.get("version").and_then(Value::as_str).map(str::to_string)),
                };
                let span = value.get("version").map_or(value.span, |v| v.span);
                out.facts.push(Fact::Provider(RequiredProvider { name: name.clone(), address: provider_address(source.unwrap_or(name)), constraints, span }));
            }
        }
    }
}

/// A literal as its text; anything else (`var.v`, `local.x`, a call) is unknown here.
fn resolved(value: &Value, text: &str) -> Resolved {
    match &value.expr {
        Expr::Str(s) | Expr::Number(s) => Resolved::Value(s.clone()),
        _ => Resolved::Unresolved(vec![written(value, text).to_string()]),
    }
}

/// A value as written in `text`.
pub fn written<'t>(value: &Value, text: &'t str) -> &'t str {
    text.get(value.span.start as usize..value.span.end as usize).unwrap_or("")
}

/// A value as a string template: a literal's text, a quoted template's inside, anything else (`var.x`, a call) one interpolation.
pub fn template(value: &Value, text: &str) -> String {
    match &value.expr {
        Expr::Str(s) | Expr::Number(s) => s.clone(),
        Expr::Bool(b) => b.to_string(),
        Expr::Other(w) if w.len() >= 2 && w.starts_with('"') && w.ends_with('"') => w[1..w.len() - 1].to_string(),
        _ => format!("${{{}}}", written(value, text)),
    }
}

/// How an expression that is a whole value (`var.image`, `file("${path.module}/task.json")`) is shown:
/// as written, unless a string template inside it would read as text written after it; then as the
/// interpolation it is equivalent to.
fn expression_subject(expression: &str) -> String {
    match expression.contains("${") {
        true => format!("${{{expression}}}"),
        false => expression.to_string(),
    }
}

/// A template's value, with the named values `lookup` knows (`var.x`, `local.x`, already evaluated);
/// otherwise the interpolations it depends on that are unknown. `$${` is a literal `${`; a `%{…}`
/// directive is unknown.
pub fn evaluate(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Resolved {
    let mut value = String::new();
    let mut unknown = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['$', '%']) {
        value.push_str(&rest[..at]);
        let (sigil, after) = rest[at..].split_at(1);
        if let Some(escaped) = after.strip_prefix(sigil).filter(|a| a.starts_with('{')) {
            value.push_str(sigil);
            rest = escaped;
            continue;
        }
        let Some(body) = after.strip_prefix('{') else {
            value.push_str(sigil);
            rest = after;
            continue;
        };
        let end = closing_brace(body).unwrap_or(body.len());
        let expression = body[..end].trim_matches(|c: char| c == '~' || c.is_whitespace());
        match (sigil, named_value(expression).and_then(lookup)) {
            ("$", Some(v)) => value.push_str(&v),
            _ => unknown.push(expression.to_string()),
        }
        rest = body.get(end + 1..).unwrap_or("");
    }
    value.push_str(rest);
    if unknown.is_empty() {
        Resolved::Value(value)
    } else {
        Resolved::Unresolved(unknown)
    }
}

/// Where an interpolation's braces close, past nested braces and strings.
fn closing_brace(body: &str) -> Option<usize> {
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in body.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted && depth == 0 => return Some(i),
            '}' if !quoted => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `var.x` or `local.x`: a value the module names, resolvable from its own files.
pub fn named_value(expression: &str) -> Option<&str> {
    let (scope, name) = expression.split_once('.')?;
    let identifier = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (matches!(scope, "var" | "local") && identifier).then_some(expression)
}
