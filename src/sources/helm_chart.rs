//! Helm's `Chart.yaml` (chart API v2) and `Chart.lock`: the dependencies a chart requests, and the ones
//! `helm dependency update` locked with the digest of both lists.

use super::{scalar_span, Extraction, Fact};
use crate::lock::value;
use crate::model::Span;
use crate::yaml::{Budget, Document, NodeId};

/// One entry of `dependencies:`, with the fields of Helm's `chart.Dependency`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub name: String,
    pub version: String,
    pub repository: String,
    pub condition: String,
    pub tags: Vec<String>,
    pub enabled: bool,
    pub import_values: Vec<serde_json::Value>,
    pub export_values: Vec<serde_json::Value>,
    pub alias: String,
    pub span: Span,
    pub version_span: Span,
}

/// The dependency list of a `Chart.yaml` or `Chart.lock`; `None` when the key is absent (Go's nil).
#[derive(Debug, Clone, PartialEq)]
pub struct Dependencies {
    pub list: Option<Vec<Dependency>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartLock {
    pub dependencies: Dependencies,
    pub digest: Option<(String, Span)>,
}

pub fn extract_chart(text: &str, out: &mut Extraction) {
    read(text, out, |doc, root, text, out| {
        if doc.get_str(root, "apiVersion") == Some("v1") {
            return; // Helm 2 charts keep dependencies in requirements.yaml.
        }
        out.facts.push(Fact::Chart(dependencies(doc, root, text)));
    });
}

pub fn extract_lock(text: &str, out: &mut Extraction) {
    read(text, out, |doc, root, text, out| {
        let digest = doc.get(root, "digest").and_then(|d| doc.str(d).map(|s| (s.to_string(), scalar_span(doc, d, text))));
        out.facts.push(Fact::ChartLock(ChartLock { dependencies: dependencies(doc, root, text), digest }));
    });
}

/// Visits the first document's root: Helm reads only that.
fn read(text: &str, out: &mut Extraction, visit: fn(&Document, NodeId, &str, &mut Extraction)) {
    let mut first = true;
    super::each_yaml_document(text, out, |doc, text, out| {
        if let (true, Some(root)) = (first, doc.root()) {
            first = false;
            visit(doc, root, text, out);
        }
    });
}

fn dependencies(doc: &Document, root: NodeId, text: &str) -> Dependencies {
    let Some(list) = doc.get(root, "dependencies") else { return Dependencies { list: None, span: Span::point(1, 1) } };
    let node = doc.node(list);
    let span = Span::point(node.line, node.col);
    let items = doc.seq(list).unwrap_or(&[]);
    let string = |item: NodeId, key: &str| doc.get_str(item, key).filter(|_| doc.get(item, key).is_some_and(|v| !doc.is_null(v))).unwrap_or("").to_string();
    let list = items
        .iter()
        .map(|&item| {
            let strings = |key: &str| doc.get(item, key).and_then(|t| doc.seq(t)).map(|t| t.iter().filter_map(|&s| doc.str(s)).map(str::to_string).collect()).unwrap_or_default();
            let values = |key: &str| {
                let mut budget = Budget::for_document(doc);
                doc.get(item, key).and_then(|t| doc.seq(t)).map(|t| t.iter().filter_map(|&v| value::from_yaml(doc, v, &mut budget)).collect()).unwrap_or_default()
            };
            let version_span = doc.get(item, "version").map_or_else(|| Span::point(doc.node(item).line, doc.node(item).col), |v| scalar_span(doc, v, text));
            Dependency {
                name: string(item, "name"),
                version: string(item, "version"),
                repository: string(item, "repository"),
                condition: string(item, "condition"),
                tags: strings("tags"),
                enabled: doc.get(item, "enabled").is_some_and(|e| value::from_yaml(doc, e, &mut Budget::for_document(doc)) == Some(serde_json::Value::Bool(true))),
                import_values: values("import-values"),
                export_values: values("export-values"),
                alias: string(item, "alias"),
                span: doc.get(item, "name").map_or_else(|| Span::point(doc.node(item).line, doc.node(item).col), |n| scalar_span(doc, n, text)),
                version_span,
            }
        })
        .collect();
    Dependencies { list: Some(list), span }
}
