//! `.terraform.lock.hcl`, the dependency lock file `terraform init` writes: one `provider` block per
//! provider with the selected `version`, the `constraints` it was selected under and the `hashes` that
//! verify the download (`h1:` over the unpacked package, `zh:` over the registry's zip archives).

use super::terraform::{self, provider_address};
use super::{Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::hcl::{Expr, Value};
use crate::model::Span;

pub const KIND: Kind = Kind {
    name: "terraform-lock",
    label: "Terraform .terraform.lock.hcl",
    named: |file: &FileName| file.name == ".terraform.lock.hcl",
    content: None,
    reader: Reader::Text(extract),
    resources: Resources::None,
};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProviderLock {
    pub address: String,
    pub version: Option<(String, Span)>,
    pub hashes: Vec<String>,
    /// The block's label.
    pub span: Span,
}

pub fn extract(text: &str, out: &mut Extraction) {
    let Some(body) = terraform::parse(text, out) else { return };
    let mut locks = Vec::new();
    for block in body.blocks("provider") {
        let Some((label, span)) = block.labels.first() else { continue };
        let version = block.body.attribute("version").and_then(|v| v.as_str().map(|s| (s.to_string(), v.span)));
        let hashes = match block.body.attribute("hashes").map(|h| &h.expr) {
            Some(Expr::List(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        locks.push(ProviderLock { address: provider_address(label), version, hashes, span: *span });
    }
    out.facts.push(Fact::ProviderLocks(locks));
}
