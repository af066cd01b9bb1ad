//! Terraform configuration (`*.tf`): the `module` blocks (their `source` and `version`), the providers of
//! `terraform { required_providers { … } }` with their version constraints, and whether the folder is a
//! root module (a `backend` or `cloud` block), for the lock file checks that need the folder's
//! `.terraform.lock.hcl`.

use super::{Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::hcl::{self, Expr, Value};
use crate::model::{SourceError, Span};
use crate::reference::{module, RefKind, Reference, Resolved};

pub const KIND: Kind = Kind {
    name: "terraform",
    label: "Terraform",
    named: |file: &FileName| file.lower.ends_with(".tf"),
    content: None,
    reader: Reader::Text(extract),
    resources: Resources::None,
};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
    for block in body.blocks("module") {
        let (Some(name), Some(source)) = (block.label(0), block.body.attribute("source")) else { continue };
        // Terraform requires a literal `source`.
        let Some(written) = source.as_str() else { continue };
        let version = block.body.attribute("version").map(|v| module::Version { resolved: resolved(v), span: v.span });
        let location = format!("module.{name}/source");
        out.references.push(Reference { kind: RefKind::Module { version }, written: written.to_string(), resolved: Resolved::Value(written.to_string()), span: source.span, location });
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
fn resolved(value: &Value) -> Resolved {
    match &value.expr {
        Expr::Str(s) | Expr::Number(s) => Resolved::Value(s.clone()),
        Expr::Other(written) => Resolved::Unresolved(vec![written.clone()]),
        _ => Resolved::Unresolved(vec![String::new()]),
    }
}
