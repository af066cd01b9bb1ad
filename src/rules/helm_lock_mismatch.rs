//! A Helm chart's lock that does not match its dependencies: the `digest` of `Chart.lock` (or
//! `requirements.lock`) is not the one Helm computes, a dependency of `Chart.yaml` (or `requirements.yaml`)
//! is missing from it, or a locked version is outside the range asked for; or a chart with dependencies
//! that has no lock. Charts of every `apiVersion` are checked.
//!
//! ## Why
//! `helm dependency build` installs exactly what `Chart.lock` says, and refuses when the lock's digest does
//! not match `Chart.yaml` ("Chart.lock is out of sync"). A stale lock means the chart in the repository
//! and the subcharts that will be packaged disagree: a reviewer approved one set of dependencies and the
//! release ships another, or the pipeline breaks at deploy time instead of at review.
//!
//! The digest is recomputed exactly as Helm 3 does (`HashReq` in `internal/resolver/resolver.go`):
//! `"sha256:" + hex(sha256(json.Marshal([2][]*chart.Dependency{req, lock})))`, where `req` is the
//! `dependencies` of `Chart.yaml` and `lock` those of `Chart.lock`, each a JSON object with Go's field order
//! and omissions: `name`, `version` (omitted when empty), `repository` (always), `condition`, `tags`,
//! `enabled` (only when true), `import-values`, `export-values`, `alias` (each omitted when empty). A
//! missing list is `null`. Strings use Go's escaping: `<`, `>`, `&`, U+2028 and U+2029 as `\u003c`,
//! `\u003e`, `\u0026`, `\u2028`, `\u2029`; other control characters as `\n`, `\r`, `\t`, `\b`, `\f` or
//! `\u00XX`. No spaces, no trailing newline. Map keys inside `import-values` are sorted, as Go sorts map
//! keys. Ranges are Masterminds/semver's (`^1.2.3`, `~1.2`, `1.2.x`, `>=1 <2`, `a || b`, `1 - 2`).
//!
//! The files are read as Helm 3's chart loader reads them, whatever the chart's `apiVersion` (`v1` when
//! not written): the dependencies of `Chart.yaml`, replaced by those of `requirements.yaml` when it has a
//! `dependencies` key, and the lock `requirements.lock`, else `Chart.lock`. For an `apiVersion: v1` chart
//! a lock written by Helm 2 is accepted too, as `helm dependency build` accepts it: its digest is
//! `"sha256:" + hex(sha256(json.Marshal({"dependencies": req})))` (`HashV2Req`).
//!
//! ## Example
//! ```yaml
//! # Chart.yaml
//! dependencies:
//!   - name: postgresql
//!     version: 13.x.x        # changed from 12.x.x, Chart.lock not updated
//!     repository: https://charts.bitnami.com/bitnami
//! ```
//!
//! ## Fix
//! Run `helm dependency update` in the chart's folder and commit `Chart.lock` with `Chart.yaml`.

use super::Rule;
use crate::jcs::{self, ecmascript};
use crate::model::{hex, Diagnostic, Severity, Span};
use crate::sources::helm_chart::{Chart, ChartLock, Dependencies, Dependency};
use crate::version::{range_allows, Version};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const RULE: Rule = Rule::new("helm-lock-mismatch", Severity::Error, "helm_lock_mismatch");

fn problem(path: &str, span: Span, location: &str, subject: &str, message: String) -> Diagnostic {
    Diagnostic::new(RULE.name, path, span, location, subject, message)
}

/// The files of one chart folder that Helm reads dependencies from, each with its path.
#[derive(Default)]
pub struct ChartFiles {
    chart: Option<(String, Chart)>,
    requirements: Option<(String, Dependencies)>,
    lock: Option<(String, ChartLock)>,
    requirements_lock: Option<(String, ChartLock)>,
}

impl ChartFiles {
    /// A `Chart.yaml` or `requirements.yaml`, told apart by name.
    pub fn add_chart(&mut self, path: String, chart: Chart) {
        if file_name(&path) == "requirements.yaml" {
            self.requirements = Some((path, chart.dependencies));
        } else {
            self.chart = Some((path, chart));
        }
    }

    /// The folder's `Chart.yaml`, if it has one: then it is a chart.
    pub fn chart(&self) -> Option<&Chart> {
        self.chart.as_ref().map(|(_, chart)| chart)
    }

    /// A `Chart.lock` or `requirements.lock`, told apart by name.
    pub fn add_lock(&mut self, path: String, lock: ChartLock) {
        if file_name(&path) == "requirements.lock" {
            self.requirements_lock = Some((path, lock));
        } else {
            self.lock = Some((path, lock));
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Checks a chart folder's requested dependencies against its lock, as Helm 3 reads them (see the rule's
/// documentation). A folder without `Chart.yaml` is no chart.
pub fn check(files: &ChartFiles) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((chart_path, chart)) = &files.chart else { return out };
    let v1 = chart.api_version == "v1";
    // Helm reads the deprecated pair after the other, over it.
    let (requested_path, requested) = match &files.requirements {
        Some((path, deps)) if deps.list.is_some() => (path, deps),
        _ => (chart_path, &chart.dependencies),
    };
    let requested_name = file_name(requested_path);
    let requested_list = requested.list.as_deref().unwrap_or(&[]);
    let Some((lock_path, lock)) = files.requirements_lock.as_ref().or(files.lock.as_ref()) else {
        // `helm dependency update` writes this one.
        let wanted = if v1 { "requirements.lock" } else { "Chart.lock" };
        if !requested_list.is_empty() {
            out.push(problem(requested_path, requested.span, "chart-lock", wanted, format!("the chart has dependencies but no {wanted}; run `helm dependency update` and commit it")));
        }
        return out;
    };
    let lock_name = file_name(lock_path);
    let computed = digest(requested.list.as_deref(), lock.dependencies.list.as_deref());
    let helm2 = v1.then(|| helm2_digest(requested.list.as_deref()));
    let computes = match &helm2 {
        Some(helm2) => format!("Helm computes `{computed}`, or `{helm2}` for a lock written by Helm 2"),
        None => format!("Helm computes `{computed}`"),
    };
    match &lock.digest {
        Some((written, _)) if *written == computed || helm2.as_ref() == Some(written) => {}
        Some((written, span)) => out.push(problem(
            lock_path,
            *span,
            "digest",
            written,
            format!("{lock_name} digest `{written}` does not match {requested_name}'s dependencies ({computes}); run `helm dependency update`"),
        )),
        None => out.push(problem(lock_path, lock.dependencies.span, "digest", lock_name, format!("{lock_name} has no digest ({computes}); run `helm dependency update`"))),
    }
    let locked = lock.dependencies.list.as_deref().unwrap_or(&[]);
    for dep in requested_list {
        let Some(entry) = locked.iter().find(|l| l.name == dep.name) else {
            out.push(problem(requested_path, dep.span, &format!("dependency:{}", dep.name), &dep.name, format!("dependency `{}` is not in {lock_name}; run `helm dependency update`", dep.name)));
            continue;
        };
        let Some(version) = Version::parse(&entry.version) else { continue };
        match range_allows(&dep.version, &version) {
            Ok(true) | Err(_) => {}
            Ok(false) => out.push(problem(
                lock_path,
                entry.version_span,
                &format!("dependency:{}", dep.name),
                &dep.name,
                format!("dependency `{}` is locked at {} in {lock_name}, outside `{}` in {requested_name}; run `helm dependency update`", dep.name, entry.version, dep.version),
            )),
        }
    }
    out
}

/// Helm 2's digest of the requested dependencies alone, which Helm 3 still accepts for `v1` charts.
fn helm2_digest(requested: Option<&[Dependency]>) -> String {
    let mut json = String::from("{\"dependencies\":");
    list(requested, &mut json);
    json.push('}');
    format!("sha256:{}", hex(&Sha256::digest(json.as_bytes())))
}

/// Helm's digest of the requested and locked dependency lists (see the rule's documentation).
pub fn digest(requested: Option<&[Dependency]>, locked: Option<&[Dependency]>) -> String {
    let mut json = String::from("[");
    list(requested, &mut json);
    json.push(',');
    list(locked, &mut json);
    json.push(']');
    format!("sha256:{}", hex(&Sha256::digest(json.as_bytes())))
}

fn list(deps: Option<&[Dependency]>, out: &mut String) {
    let Some(deps) = deps else {
        out.push_str("null");
        return;
    };
    out.push('[');
    for (i, d) in deps.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        dependency(d, out);
    }
    out.push(']');
}

/// One `chart.Dependency` as `encoding/json` writes it.
fn dependency(d: &Dependency, out: &mut String) {
    out.push_str("{\"name\":");
    jcs::go_string(&d.name, out);
    if !d.version.is_empty() {
        out.push_str(",\"version\":");
        jcs::go_string(&d.version, out);
    }
    out.push_str(",\"repository\":");
    jcs::go_string(&d.repository, out);
    if !d.condition.is_empty() {
        out.push_str(",\"condition\":");
        jcs::go_string(&d.condition, out);
    }
    if !d.tags.is_empty() {
        out.push_str(",\"tags\":[");
        for (i, t) in d.tags.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            jcs::go_string(t, out);
        }
        out.push(']');
    }
    if d.enabled {
        out.push_str(",\"enabled\":true");
    }
    for (key, values) in [("import-values", &d.import_values), ("export-values", &d.export_values)] {
        if !values.is_empty() {
            out.push_str(&format!(",\"{key}\":"));
            go_value(&Value::Array(values.clone()), out);
        }
    }
    if !d.alias.is_empty() {
        out.push_str(",\"alias\":");
        jcs::go_string(&d.alias, out);
    }
    out.push('}');
}

/// A generic value as `encoding/json` writes `interface{}`: map keys sorted by bytes, numbers as float64.
fn go_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.as_f64().map_or_else(|| n.to_string(), ecmascript)),
        Value::String(s) => jcs::go_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            // serde_json's map iterates in byte order of the keys, which is Go's order.
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                jcs::go_string(k, out);
                out.push(':');
                go_value(v, out);
            }
            out.push('}');
        }
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    fn dep(name: &str, version: &str, repository: &str) -> Dependency {
        let span = Span::default();
        Dependency {
            name: name.into(),
            version: version.into(),
            repository: repository.into(),
            condition: String::new(),
            tags: Vec::new(),
            enabled: false,
            import_values: Vec::new(),
            export_values: Vec::new(),
            alias: String::new(),
            span,
            version_span: span,
        }
    }

    #[test]
    fn go_encoding_of_dependencies() {
        let mut d = dep("a<b", "", "");
        d.condition = "x.enabled".into();
        d.tags = vec!["t&1".into(), "t2".into()];
        d.enabled = true;
        d.import_values = vec![serde_json::json!({"parent": "p", "child": "c"}), serde_json::json!("data")];
        d.alias = "al\u{2028}".into();
        let mut out = String::new();
        dependency(&d, &mut out);
        assert_eq!(out, r#"{"name":"a\u003cb","repository":"","condition":"x.enabled","tags":["t\u00261","t2"],"enabled":true,"import-values":[{"child":"c","parent":"p"},"data"],"alias":"al\u2028"}"#);
    }

    #[test]
    fn digest_of_the_documented_input() {
        // sha256 of `[[{"name":"postgresql","version":"12.x.x","repository":"https://charts.bitnami.com/bitnami"}],
        // [{"name":"postgresql","version":"12.1.2","repository":"https://charts.bitnami.com/bitnami"}]]`.
        let requested = [dep("postgresql", "12.x.x", "https://charts.bitnami.com/bitnami")];
        let locked = [dep("postgresql", "12.1.2", "https://charts.bitnami.com/bitnami")];
        let text = r#"[[{"name":"postgresql","version":"12.x.x","repository":"https://charts.bitnami.com/bitnami"}],[{"name":"postgresql","version":"12.1.2","repository":"https://charts.bitnami.com/bitnami"}]]"#;
        assert_eq!(digest(Some(&requested), Some(&locked)), format!("sha256:{}", hex(&Sha256::digest(text.as_bytes()))));
        assert_eq!(digest(None, Some(&[])), format!("sha256:{}", hex(&Sha256::digest(b"[null,[]]"))));
    }
}
