//! A Helm `Chart.lock` that does not match `Chart.yaml`: its `digest` is not the one Helm computes from
//! the two dependency lists, a dependency of `Chart.yaml` is missing from it, or a locked version is
//! outside the range `Chart.yaml` asks for; or a chart with dependencies that has no `Chart.lock`.
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
use crate::sources::helm_chart::{ChartLock, Dependencies, Dependency};
use crate::version::{range_allows, Version};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub const RULE: Rule = Rule::new("helm-lock-mismatch", Severity::Error, "helm_lock_mismatch");

fn problem(path: &str, span: Span, location: &str, subject: &str, message: String) -> Diagnostic {
    Diagnostic::new(RULE.name, path, span, location, subject, message)
}

/// Checks a chart folder's `Chart.yaml` dependencies against its `Chart.lock`, each with its path.
pub fn check(chart: Option<(&str, &Dependencies)>, lock: Option<(&str, &ChartLock)>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some((chart_path, requested)) = chart else { return out };
    let requested_list = requested.list.as_deref().unwrap_or(&[]);
    let Some((lock_path, lock)) = lock else {
        if !requested_list.is_empty() {
            out.push(problem(chart_path, requested.span, "chart-lock", "Chart.lock", "the chart has dependencies but no Chart.lock; run `helm dependency update` and commit it".into()));
        }
        return out;
    };
    let computed = digest(requested.list.as_deref(), lock.dependencies.list.as_deref());
    match &lock.digest {
        Some((written, _)) if *written == computed => {}
        Some((written, span)) => out.push(problem(
            lock_path,
            *span,
            "digest",
            written,
            format!("Chart.lock digest `{written}` does not match Chart.yaml's dependencies (Helm computes `{computed}`); run `helm dependency update`"),
        )),
        None => out.push(problem(lock_path, lock.dependencies.span, "digest", "Chart.lock", format!("Chart.lock has no digest (Helm computes `{computed}`); run `helm dependency update`"))),
    }
    let locked = lock.dependencies.list.as_deref().unwrap_or(&[]);
    for dep in requested_list {
        let Some(entry) = locked.iter().find(|l| l.name == dep.name) else {
            out.push(problem(chart_path, dep.span, &format!("dependency:{}", dep.name), &dep.name, format!("dependency `{}` is not in Chart.lock; run `helm dependency update`", dep.name)));
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
                format!("dependency `{}` is locked at {} in Chart.lock, outside `{}` in Chart.yaml; run `helm dependency update`", dep.name, entry.version, dep.version),
            )),
        }
    }
    out
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
        d.tags = vec!["t&1".into()];
        d.enabled = true;
        d.import_values = vec![serde_json::json!({"parent": "p", "child": "c"}), serde_json::json!("data")];
        d.alias = "al\u{2028}".into();
        let mut out = String::new();
        dependency(&d, &mut out);
        assert_eq!(out, r#"{"name":"a\u003cb","repository":"","condition":"x.enabled","tags":["t\u00261"],"enabled":true,"import-values":[{"child":"c","parent":"p"},"data"],"alias":"al\u2028"}"#);
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
