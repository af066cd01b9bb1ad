//! The Helm charts a Terraform configuration installs: the Helm provider's `helm_release` resources and
//! `helm_template` data sources. Each is a chart source ([`Source`], judged by `unpinned-source` like an
//! Argo CD or Flux chart), positioned on its `version`, or on its `chart` when no version is written.
//!
//! A chart from a repository is pinned by one exact `version`, as far as a chart version pins (a chart
//! repository can republish a version); an OCI chart (`oci://` in `repository` or `chart`) whose reference
//! carries a digest (`chart = "redis@sha256:…"`, Helm 3.18 and later) is pinned by it. A chart without a
//! `repository` that is not a URL is a path in this repository (or a `helm repo add` name, which the
//! provider advises against) and needs no pin.

use super::{evaluate, expression_subject, named_value, template, written};
use crate::hcl::{Body, Expr, Value};
use crate::model::Span;
use crate::reference::source::{name_of, At, PinnedBy, Source};
use crate::reference::{image, RefKind, Reference, Resolved};

/// One attribute of a chart block: its value as a string template, how it reads in a message, and where
/// it is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    template: String,
    shown: String,
    pub span: Span,
}

impl Part {
    fn of(value: &Value, text: &str) -> Part {
        let shown = match &value.expr {
            Expr::Str(s) | Expr::Number(s) => s.clone(),
            Expr::Other(w) if w.len() >= 2 && w.starts_with('"') && w.ends_with('"') => w[1..w.len() - 1].to_string(),
            _ => expression_subject(written(value, text)),
        };
        Part { template: template(value, text), shown, span: value.span }
    }
}

/// A `helm_release` or `helm_template`'s chart, before the module's variables and locals are known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HelmChart {
    /// `helm_release.<name>` or `data.helm_template.<name>`.
    location: String,
    repository: Option<Part>,
    chart: Part,
    version: Option<Part>,
}

impl HelmChart {
    pub fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        [Some(&mut self.chart), self.repository.as_mut(), self.version.as_mut()].into_iter().flatten().map(|p| &mut p.span)
    }

    /// Whether a value depends on the module's variables or locals.
    pub fn is_deferred(&self) -> bool {
        self.parts().any(|(_, part)| matches!(evaluate(&part.template, &|_| None), Resolved::Unresolved(names) if names.iter().any(|n| named_value(n).is_some())))
    }

    fn parts(&self) -> impl Iterator<Item = (&'static str, &Part)> {
        [("version", self.version.as_ref()), ("chart", Some(&self.chart)), ("repository", self.repository.as_ref())].into_iter().filter_map(|(key, part)| Some((key, part?)))
    }

    /// The chart's reference with the values `lookup` gives the module's `var.x` and `local.x`; `None` for
    /// a local chart.
    pub fn reference(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Reference> {
        if self.repository.is_none() && self.chart.template.starts_with("${path.") {
            return None;
        }
        let (mut values, mut unknown) = (Vec::new(), Vec::new());
        for (key, part) in self.parts() {
            match evaluate(&part.template, lookup) {
                Resolved::Value(value) => values.push((key, value.trim().to_string())),
                // Once the version is known, where the chart comes from does not change what pins it.
                Resolved::Unresolved(_) if key == "repository" || (key == "chart" && self.version.is_some() && unknown.is_empty()) => values.push((key, part.shown.clone())),
                Resolved::Unresolved(names) => unknown.push((part.span, names)),
            }
        }
        let location = |key: &str| format!("{}/{key}", self.location);
        if let Some(&(span, _)) = unknown.first() {
            let names = unknown.into_iter().flat_map(|(_, names)| names).collect();
            let source = Source { pinned_by: PinnedBy::ChartVersion, name: String::new(), at: None, version: None };
            return Some(Reference { kind: RefKind::Source(source), written: self.shown(), resolved: Resolved::Unresolved(names), span, location: location("chart"), overridden: None });
        }
        let value = |key: &str| values.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        let (chart, version) = (value("chart").unwrap_or_default(), value("version"));
        let address = match value("repository") {
            Some(repository) if !chart.contains("://") => format!("{}/{chart}", repository.trim_end_matches('/')),
            // A path in this repository.
            None if !chart.contains("://") => return None,
            _ => chart,
        };
        let (source, pinned_in_version) = match address.starts_with("oci://") || digest(&address).is_some() {
            true => oci(&address, version),
            false => (chart_version(&address, version), true),
        };
        let (span, key) = match &self.version {
            Some(version) if pinned_in_version => (version.span, "version"),
            _ => (self.chart.span, "chart"),
        };
        let resolved = Resolved::Value(resolved_subject(&address, source.at.as_ref()));
        Some(Reference { kind: RefKind::Source(source), written: self.shown(), resolved, span, location: location(key), overridden: None })
    }

    /// The chart as a message shows it: `repository/chart@version`, each as written.
    fn shown(&self) -> String {
        let chart = &self.chart.shown;
        let address = match &self.repository {
            Some(repository) if !chart.contains("://") => format!("{}/{chart}", repository.shown.trim_end_matches('/')),
            _ => chart.clone(),
        };
        match &self.version {
            Some(version) => format!("{address}@{}", version.shown),
            None => address,
        }
    }
}

/// A chart from a Helm repository: pinned by its `version`.
fn chart_version(address: &str, version: Option<String>) -> Source {
    Source { pinned_by: PinnedBy::ChartVersion, name: name_of(address), at: version.map(|value| At { key: "version", value }), version: None }
}

/// An OCI chart: pinned by a digest in its reference, else (as far as a version pins) by its `version`
/// or the tag in its reference; and whether its `version` is what pins it.
fn oci(address: &str, version: Option<String>) -> (Source, bool) {
    let (reference, digest) = digest(address).map_or((address, None), |(r, d)| (r, Some(d)));
    let (name, tag) = match reference.rsplit_once(':').filter(|(before, tag)| !tag.contains('/') && before.contains("//")) {
        Some((name, tag)) => (name, Some(tag.to_string())),
        None => (reference, None),
    };
    if let Some(digest) = digest {
        return (Source { pinned_by: PinnedBy::Digest, name: name_of(name), at: Some(At { key: "digest", value: digest.to_string() }), version: None }, false);
    }
    let pinned_in_version = version.is_some();
    (chart_version(name, version.or(tag)), pinned_in_version)
}

/// A chart reference's address and its digest, if it ends with a valid one.
fn digest(address: &str) -> Option<(&str, &str)> {
    address.rsplit_once('@').filter(|(_, d)| image::check_digest(d).is_ok())
}

/// The chart as resolved: `address@version` (a digest is in the address already).
fn resolved_subject(address: &str, at: Option<&At>) -> String {
    match at {
        Some(At { key: "version", value }) if !address.ends_with(&format!(":{value}")) => format!("{address}@{value}"),
        _ => address.to_string(),
    }
}

/// The chart of every `helm_release` and `data "helm_template"` in a file's body.
pub fn extract(body: &Body, text: &str) -> Vec<HelmChart> {
    let releases = body.blocks("resource").filter(|b| b.label(0) == Some("helm_release")).map(|b| (format!("helm_release.{}", b.label(1).unwrap_or("")), b));
    let templates = body.blocks("data").filter(|b| b.label(0) == Some("helm_template")).map(|b| (format!("data.helm_template.{}", b.label(1).unwrap_or("")), b));
    releases
        .chain(templates)
        .filter_map(|(location, block)| {
            let part = |name| block.body.attribute(name).filter(|v| v.expr != Expr::Null).map(|v| Part::of(v, text));
            Some(HelmChart { location, repository: part("repository"), chart: part("chart")?, version: part("version") })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oci_references() {
        let digest = format!("sha256:{}", "a".repeat(64));
        let (source, in_version) = oci(&format!("oci://ghcr.io/acme/charts/app:1.2.3@{digest}"), Some("1.2.3".into()));
        assert_eq!((source.pinned_by, source.name.as_str(), source.at.map(|a| a.value), in_version), (PinnedBy::Digest, "ghcr.io/acme/charts/app", Some(digest), false));
        let (source, in_version) = oci("oci://registry.example.com:5000/charts/app:2.0.0", None);
        assert_eq!((source.name.as_str(), source.at.map(|a| a.value), in_version), ("registry.example.com:5000/charts/app", Some("2.0.0".to_string()), false));
        let (source, in_version) = oci("oci://registry.example.com:5000/charts/app", Some("~2".into()));
        assert_eq!((source.name.as_str(), source.at.map(|a| a.value), in_version), ("registry.example.com:5000/charts/app", Some("~2".to_string()), true));
        assert_eq!(resolved_subject("oci://r/app:2.0.0", Some(&At { key: "version", value: "2.0.0".into() })), "oci://r/app:2.0.0");
        assert_eq!(resolved_subject("https://r/app", Some(&At { key: "version", value: "2.0.0".into() })), "https://r/app@2.0.0");
    }
}
