//! Terraform configuration (`*.tf`): the `module` blocks (their `source` and `version`), the providers of
//! `terraform { required_providers { … } }` with their version constraints, and whether the folder is a
//! root module (a `backend` or `cloud` block), for the lock file checks that need the folder's
//! `.terraform.lock.hcl`.

use super::{Extraction, Fact, SourceError};
use crate::hcl::{self, Expr, Value};
use crate::model::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCall {
    pub name: String,
    pub source: String,
    pub source_span: Span,
    /// The `version` argument as written, with its span.
    pub version: Option<(String, Span)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredProvider {
    /// The local name (`aws`).
    pub name: String,
    /// The full source address, lowercase (`registry.terraform.io/hashicorp/aws`).
    pub address: String,
    pub constraints: Option<String>,
    pub span: Span,
}

/// The span of a written value: a quoted string's quotes included.
pub fn value_span(value: &Value) -> Span {
    match &value.expr {
        Expr::Str(s) => Span::over(value.line, value.column, &format!("\"{s}\"")),
        Expr::Other(s) | Expr::Number(s) => Span::over(value.line, value.column, s.lines().next().unwrap_or("")),
        _ => Span::point(value.line, value.column),
    }
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
    hcl::parse(text)
        .map_err(|e| out.errors.push(SourceError { line: e.line, column: e.column, message: format!("invalid HCL: {}", e.message) }))
        .ok()
}

pub fn extract(text: &str, out: &mut Extraction) {
    let Some(body) = parse(text, out) else { return };
    for block in body.blocks("module") {
        let (Some(name), Some(source)) = (block.labels.first(), block.body.attribute("source")) else { continue };
        let Some(written) = source.as_str() else { continue };
        let version = block.body.attribute("version").map(|v| (v.as_str().map_or_else(|| format!("{:?}", v.expr), str::to_string), value_span(v)));
        out.facts.push(Fact::Module(ModuleCall { name: name.clone(), source: written.to_string(), source_span: value_span(source), version }));
    }
    for terraform in body.blocks("terraform") {
        if let Some(backend) = terraform.body.blocks.iter().find(|b| b.kind == "backend" || b.kind == "cloud") {
            out.facts.push(Fact::RootModule(Span::over(backend.line, backend.column, &backend.kind)));
        }
        for required in terraform.body.blocks("required_providers") {
            for (name, value) in &required.body.attributes {
                // `aws = "~> 5.0"` is the pre-0.13 shorthand for a version constraint of hashicorp/aws.
                let (source, constraints) = match &value.expr {
                    Expr::Str(s) => (None, Some(s.clone())),
                    _ => (value.get("source").and_then(Value::as_str), value.get("version").and_then(Value::as_str).map(str::to_string)),
                };
                let span = value.get("version").map_or_else(|| Span::over(value.line, value.column, name), value_span);
                out.facts.push(Fact::Provider(RequiredProvider { name: name.clone(), address: provider_address(source.unwrap_or(name)), constraints, span }));
            }
        }
    }
}
