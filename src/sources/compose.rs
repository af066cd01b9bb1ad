//! Compose files (`compose.yaml`, `docker-compose*.yml`, …): `services.<name>.image`. A service that also
//! has `build:` names the image it builds rather than one it pulls, so it is not a reference. Compose
//! interpolation is applied with the defaults the file gives (`${TAG:-1.2}`); anything else is unresolved.

use super::{has_top_level, image_in_yaml, no_variables, Content, Extraction, FileName, Kind, Reader, Resources};
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
        if doc.get(service, "build").is_some_and(|b| !doc.is_null(b)) {
            continue;
        }
        if let Some(image) = doc.get(service, "image") {
            out.references.extend(image_in_yaml(doc, image, format!("services/{name}/image"), &no_variables));
        }
    }
}
