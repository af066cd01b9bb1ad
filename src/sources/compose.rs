//! Compose files (`compose.yaml`, `docker-compose*.yml`, …): `services.<name>.image`. A service that also
//! has `build:` still pulls its `image:` first (Compose builds only when the pull finds nothing), so the
//! image is judged like any other; only `pull_policy: build` makes it the name of what is built, never
//! pulled, and then it is not a reference. An image
//! built from variables (`${TAG:-1.2}`) takes them from the `.env` file beside the compose file, as
//! `docker compose` does, else from the defaults the file gives; anything else is unresolved. The `.env`
//! is another file, so such an image is a fact, judged by the run once every file is in.

use super::{expect_scalar, has_top_level, image_in_yaml, no_variables, Content, Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::model::Span;
use crate::yaml::Document;

pub const KIND: Kind = Kind {
    name: "compose",
    label: "Docker Compose",
    named: |file: &FileName| file.lower.starts_with("docker-compose") || file.lower.starts_with("compose."),
    content: Some(Content { priority: 30, looks_like: |text| has_top_level(text, "services:"), while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

pub fn document(doc: &Document, _: &str, out: &mut Extraction) {
    let Some(services) = doc.root().and_then(|r| doc.get(r, "services")) else { return };
    for &(name, service) in doc.entries(services).iter() {
        let Some(name) = doc.str(name) else { continue };
        if doc.get(service, "build").is_some_and(|b| !doc.is_null(b)) && doc.get_str(service, "pull_policy") == Some("build") {
            continue;
        }
        let Some(image) = doc.get(service, "image") else { continue };
        let location = format!("services/{name}/image");
        match expect_scalar(doc, image, "image") {
            Ok(written) if written.contains('$') => out.facts.push(Fact::ComposeImage(Interpolated { written: written.to_string(), span: doc.node(image).span, location })),
            _ => out.references.extend(image_in_yaml(doc, image, location, &no_variables)),
        }
    }
}

/// An image written with variables, for the run to resolve with the folder's `.env`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Interpolated {
    pub written: String,
    pub span: Span,
    pub location: String,
}
