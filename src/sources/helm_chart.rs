//! Helm's `Chart.yaml` and `Chart.lock`, and their deprecated pair `requirements.yaml` and
//! `requirements.lock`: the dependencies a chart requests, and the ones `helm dependency update` locked
//! with the digest of both lists. Helm 3 reads all four for every chart `apiVersion`.

use super::{Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::yaml::value;
use crate::model::Span;
use crate::yaml::{Budget, Document, NodeId};

pub const CHART: Kind = Kind {
    name: "helm-chart",
    label: "Helm Chart.yaml",
    named: |file: &FileName| matches!(file.name, "Chart.yaml" | "requirements.yaml"),
    content: None,
    reader: Reader::Text(extract_chart),
    resources: Resources::None,
};

pub const LOCK: Kind = Kind {
    name: "helm-lock",
    label: "Helm Chart.lock",
    named: |file: &FileName| matches!(file.name, "Chart.lock" | "requirements.lock"),
    content: None,
    reader: Reader::Text(extract_lock),
    resources: Resources::None,
};

/// One entry of `dependencies:`, with the fields of Helm's `chart.Dependency`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dependencies {
    pub list: Option<Vec<Dependency>>,
    pub span: Span,
}

impl Dependencies {
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        std::iter::once(&mut self.span).chain(self.list.iter_mut().flatten().flat_map(|d| [&mut d.span, &mut d.version_span]))
    }
}

/// What a `Chart.yaml` (or `requirements.yaml`) says about the chart's dependencies.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Chart {
    /// `v1` when not written, as Helm defaults it.
    pub api_version: String,
    pub dependencies: Dependencies,
    /// The version of the application the chart deploys: the image tag its templates usually default to.
    pub app_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChartLock {
    /// Where the lock's text starts, for findings about the lock as a whole.
    pub span: Span,
    pub dependencies: Dependencies,
    pub digest: Option<(String, Span)>,
}

pub fn extract_chart(text: &str, out: &mut Extraction) {
    read(text, out, |doc, root, out| {
        let api_version = doc.get_str(root, "apiVersion").filter(|v| !v.is_empty()).unwrap_or("v1").to_string();
        let app_version = doc.get_str(root, "appVersion").filter(|v| !v.trim().is_empty()).map(str::to_string);
        out.facts.push(Fact::Chart(Chart { api_version, dependencies: dependencies(doc, root), app_version }));
    });
}

pub fn extract_lock(text: &str, out: &mut Extraction) {
    read(text, out, |doc, root, out| {
        let digest = doc.get(root, "digest").and_then(|d| doc.str(d).map(|s| (s.to_string(), doc.node(d).span)));
        out.facts.push(Fact::ChartLock(ChartLock { span: doc.node(root).span, dependencies: dependencies(doc, root), digest }));
    });
}

/// Visits the first document's root: Helm reads only that.
fn read(text: &str, out: &mut Extraction, visit: fn(&Document, NodeId, &mut Extraction)) {
    let mut first = true;
    super::each_yaml_document(text, out, |doc, _, out| {
        if let (true, Some(root)) = (first, doc.root()) {
            first = false;
            visit(doc, root, out);
        }
    });
}

fn dependencies(doc: &Document, root: NodeId) -> Dependencies {
    let Some(list) = doc.get(root, "dependencies") else { return Dependencies { list: None, span: Span::default() } };
    let span = doc.node(list).span;
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
            let version_span = doc.get(item, "version").map_or(doc.node(item).span, |v| doc.node(v).span);
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
                span: doc.get(item, "name").map_or(doc.node(item).span, |n| doc.node(n).span),
                version_span,
            }
        })
        .collect();
    Dependencies { list: Some(list), span }
}
