//! Terraform variable files that Terraform loads by itself: `terraform.tfvars` and `*.auto.tfvars` in a
//! module's folder. Each value they give a variable is a fact for the images of that folder (see
//! [`super::terraform`]); they reference nothing themselves.

use super::terraform::{self, NamedValue};
use super::{Extraction, Fact, FileName, Kind, Reader, Resources};

pub const KIND: Kind = Kind {
    name: "terraform-vars",
    label: "Terraform variables",
    named: |file: &FileName| file.lower == "terraform.tfvars" || file.lower.ends_with(".auto.tfvars"),
    content: None,
    reader: Reader::Text(extract),
    resources: Resources::None,
};

pub fn extract(text: &str, out: &mut Extraction) {
    let Some(body) = terraform::parse(text, out) else { return };
    for (name, value) in &body.attributes {
        out.facts.push(Fact::TerraformValue(NamedValue { name: format!("var.{name}"), template: terraform::template(value, text) }));
    }
}
