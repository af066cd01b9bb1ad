//! What the engine keeps from each file for the rules that compare files of one folder: a folder's
//! required providers against its `.terraform.lock.hcl` (`unlocked-provider`), a chart's `Chart.yaml`
//! and `requirements.yaml` against its `Chart.lock` or `requirements.lock` (`helm-lock-mismatch`), a
//! Terraform module's images built from its variables and locals, whose values its other files give, and
//! a Compose image built from variables against the `.env` beside it (the image rules, on the value
//! `docker compose` runs). Only those facts are kept, never the files.

use crate::config::Config;
use crate::model::{Diagnostic, Span};
use crate::reference::{RefKind, Reference, Resolved};
use crate::rules::{self, helm_lock_mismatch, parse_error, unlocked_provider};
use crate::shard;
use crate::sources::compose::Interpolated;
use crate::sources::compose_env::Variables;
use crate::sources::helm_values::ValuesImage;
use crate::sources::terraform::{self, Deferred, NamedValue, RequiredProvider};
use crate::sources::terraform_lock::ProviderLock;
use crate::sources::Fact;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
struct Folder {
    providers: Vec<(String, RequiredProvider)>,
    root: Option<(String, Span)>,
    provider_locks: Option<(String, Vec<ProviderLock>)>,
    chart: helm_lock_mismatch::ChartFiles,
    terraform_values: Vec<(String, NamedValue)>,
    terraform_references: Vec<(String, Deferred)>,
    compose_images: Vec<(String, Interpolated)>,
    compose_env: Option<(String, Variables)>,
    values_images: Vec<(String, ValuesImage)>,
}

#[derive(Default)]
pub struct CrossFile {
    folders: BTreeMap<String, Folder>,
}

impl CrossFile {
    /// Keeps a fact of the file at `path`.
    pub fn add(&mut self, path: &str, fact: Fact) {
        let folder = self.folders.entry(shard::folder_of(path).to_string()).or_default();
        let path = path.to_string();
        match fact {
            Fact::Provider(p) => folder.providers.push((path, p)),
            Fact::RootModule(span) => folder.root = Some((path, span)),
            Fact::ProviderLocks(locks) => folder.provider_locks = Some((path, locks)),
            Fact::Chart(chart) => folder.chart.add_chart(path, chart),
            Fact::ChartLock(lock) => folder.chart.add_lock(path, lock),
            Fact::TerraformValue(value) => folder.terraform_values.push((path, value)),
            Fact::TerraformReference(deferred) => folder.terraform_references.push((path, deferred)),
            Fact::ComposeImage(image) => folder.compose_images.push((path, image)),
            Fact::ComposeEnv(env) => folder.compose_env = Some((path, env)),
            Fact::HelmValuesImage(image) => folder.values_images.push((path, image)),
        }
    }

    /// The findings of every folder, once all files are in; `config` judges references.
    pub fn finish(&self, config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for folder in self.folders.values() {
            let locks = folder.provider_locks.as_ref().map(|(p, l)| (p.as_str(), l.as_slice()));
            out.extend(unlocked_provider::check(&folder.providers, locks, folder.root.as_ref()));
            out.extend(helm_lock_mismatch::check(&folder.chart));
            let values = folder.module_values();
            let lookup = |name: &str| module_value(name, &values, 0);
            for (path, deferred) in &folder.terraform_references {
                if let Some(reference) = deferred.reference(&lookup) {
                    out.extend(rules::diagnose(path, &reference, config));
                }
            }
            out.extend(compose_images(folder, config));
            out.extend(values_images(folder, config));
        }
        out
    }
}

impl Folder {
    /// What each `var.x` and `local.x` of the module is, as Terraform decides: a variable's default, then
    /// `terraform.tfvars`, then `terraform.tfvars.json`, then the `*.auto.tfvars` and `*.auto.tfvars.json`
    /// files in the lexical order of their names, the last one winning.
    fn module_values(&self) -> HashMap<&str, &str> {
        let precedence = |path: &str| {
            let name = path.rsplit('/').next().unwrap_or(path);
            let rank = match name {
                "terraform.tfvars" => 1,
                "terraform.tfvars.json" => 2,
                _ if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") => 3,
                _ => 0,
            };
            (rank, name.to_string())
        };
        let mut values: Vec<&(String, NamedValue)> = self.terraform_values.iter().collect();
        values.sort_by_key(|(path, _)| precedence(path));
        values.into_iter().map(|(_, v)| (v.name.as_str(), v.template.as_str())).collect()
    }
}

/// Locals may use variables and other locals; deeper than this is a cycle, left unresolved.
const MAX_INDIRECTION: usize = 16;

/// What `var.x` or `local.x` evaluates to, if its value and those it uses are known.
fn module_value(name: &str, values: &HashMap<&str, &str>, depth: usize) -> Option<String> {
    let template = values.get(name).filter(|_| depth < MAX_INDIRECTION)?;
    match terraform::evaluate(template, &|inner| module_value(inner, values, depth + 1)) {
        Resolved::Value(value) => Some(value),
        Resolved::Unresolved(_) => None,
    }
}

/// The Compose images of a folder, with the variables its `.env` sets; the `.env`'s syntax errors when
/// an image reads it.
fn compose_images(folder: &Folder, config: &Config) -> Vec<Diagnostic> {
    let env = folder.compose_env.as_ref();
    let mut out = Vec::new();
    if let Some((path, env)) = env.filter(|_| !folder.compose_images.is_empty()) {
        out.extend(env.errors.iter().map(|e| Diagnostic::new(parse_error::RULE.name, path, e.span, "parse", path, e.message.clone())));
    }
    for (path, image) in &folder.compose_images {
        let reference = Reference { kind: RefKind::Image, written: image.written.clone(), resolved: with_env(&image.written, env.map(|(_, v)| v)), span: image.span, location: image.location.clone(), overridden: None };
        out.extend(rules::diagnose(path, &reference, config));
    }
    out
}

/// The images of a chart's values files, in a folder with a `Chart.yaml` (an image without a tag runs the
/// chart's `appVersion`), or of a values file the user named.
fn values_images(folder: &Folder, config: &Config) -> Vec<Diagnostic> {
    let chart = folder.chart.chart();
    let mut out = Vec::new();
    for (path, image) in folder.values_images.iter().filter(|(_, image)| chart.is_some() || image.named) {
        let mut reference = image.reference.clone();
        let app_version = chart.and_then(|c| c.app_version.as_ref());
        let message = match (&mut reference.resolved, app_version) {
            _ if !image.tag_from_app_version => None,
            (Resolved::Value(value), Some(app_version)) => {
                value.push(':');
                value.push_str(app_version);
                Some(format!("image `{value}` is not pinned by digest (tag from Chart.yaml's `appVersion`, as the chart's templates usually default it)"))
            }
            _ if chart.is_some() => Some(format!("image `{}` has no `tag`, and Chart.yaml sets no `appVersion` that the chart's templates usually default it to; whichever tag runs, it is not pinned by digest", reference.written)),
            _ => Some(format!("image `{}` has no `tag`: the chart's templates usually default it to Chart.yaml's `appVersion`, which this run did not read; whichever tag runs, it is not pinned by digest", reference.written)),
        };
        out.extend(rules::diagnose(path, &reference, config).map(|mut d| {
            if let Some(message) = message.filter(|_| d.rule == rules::unpinned_image::RULE.name) {
                d.message = message;
            }
            d
        }));
    }
    out
}

/// `written` with the `.env`'s values, else the defaults it gives. A value the `.env` leaves to the
/// environment (a bare `KEY`, or one built from unset variables) is unresolved: no default applies.
fn with_env(written: &str, env: Option<&Variables>) -> Resolved {
    let unknown = std::cell::RefCell::new(Vec::new());
    let resolved = Resolved::of(written, &|name| match env?.get(name)? {
        Resolved::Value(value) => Some(value.clone()),
        Resolved::Unresolved(names) => {
            unknown.borrow_mut().extend(names.iter().cloned());
            Some(String::new())
        }
    });
    let unknown = unknown.into_inner();
    if unknown.is_empty() {
        resolved
    } else {
        Resolved::Unresolved(unknown)
    }
}
