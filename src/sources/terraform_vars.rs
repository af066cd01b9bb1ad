//! Terraform variable files that Terraform loads by itself from a module's folder: `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars` and `*.auto.tfvars.json`, in HCL or JSON. Each value they give
//! a variable is a fact for the images and charts of that folder (see [`super::terraform`], and
//! [`crate::crossfile`] for the order Terraform applies them in); they reference nothing themselves.

use super::terraform::{self, NamedValue};
use super::{each_yaml_document, node_error, Extraction, Fact, FileName, Kind, Reader, Resources};

pub const KIND: Kind = Kind {
    name: "terraform-vars",
    label: "Terraform variables",
    named: |file: &FileName| {
        let name = file.lower.strip_suffix(".json").unwrap_or(&file.lower);
        name == "terraform.tfvars" || name.ends_with(".auto.tfvars")
    },
    content: None,
    reader: Reader::Text(extract),
    resources: Resources::None,
};

/// A variables file in JSON (the `.json` ones: one object, never HCL) or in HCL.
pub fn extract(text: &str, out: &mut Extraction) {
    match text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) {
        true => extract_json(text, out),
        false => extract_hcl(text, out),
    }
}

fn extract_hcl(text: &str, out: &mut Extraction) {
    let Some(body) = terraform::parse(text, out) else { return };
    for (name, value) in &body.attributes {
        out.facts.push(Fact::TerraformValue(NamedValue { name: format!("var.{name}"), template: terraform::template(value, text) }));
    }
}

/// A JSON variables file: an object whose strings, numbers and booleans are the variables' values, as
/// they are (JSON variable values hold no templates). Lists and objects are no image or version.
fn extract_json(text: &str, out: &mut Extraction) {
    each_yaml_document(text, out, |doc, _, out| {
        let Some(root) = doc.root() else { return };
        if !doc.is_map(root) {
            return out.errors.push(node_error(doc, root, "a JSON variables file holds one object, of variable names and values"));
        }
        for &(key, value) in doc.entries(root).iter() {
            let (Some(name), Some(text)) = (doc.str(key), doc.str(value).filter(|_| !doc.is_null(value))) else { continue };
            let template = text.replace("${", "$${").replace("%{", "%%{");
            out.facts.push(Fact::TerraformValue(NamedValue { name: format!("var.{name}"), template }));
        }
    });
}
