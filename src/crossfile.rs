//! What the engine keeps from each file for the rules that compare files of one folder: a folder's
//! required providers against its `.terraform.lock.hcl` (`unlocked-provider`), a chart's `Chart.yaml`
//! and `requirements.yaml` against its `Chart.lock` or `requirements.lock` (`helm-lock-mismatch`), and a
//! Terraform module's images built from its variables and locals, whose values its other files give. Only
//! those facts are kept, never the files.

use crate::analysis;
use crate::config::Config;
use crate::model::{Diagnostic, Span};
use crate::reference::Resolved;
use crate::rules::{self, helm_lock_mismatch, unlocked_provider};
use crate::sources::terraform::{self, DeferredImage, NamedValue, RequiredProvider};
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
    terraform_images: Vec<(String, DeferredImage)>,
}

#[derive(Default)]
pub struct CrossFile {
    folders: BTreeMap<String, Folder>,
}

impl CrossFile {
    /// Keeps a fact of the file at `path`.
    pub fn add(&mut self, path: &str, fact: Fact) {
        let folder = self.folders.entry(path.rsplit_once('/').map_or("", |(d, _)| d).to_string()).or_default();
        let path = path.to_string();
        match fact {
            Fact::Provider(p) => folder.providers.push((path, p)),
            Fact::RootModule(span) => folder.root = Some((path, span)),
            Fact::ProviderLocks(locks) => folder.provider_locks = Some((path, locks)),
            Fact::Chart(chart) => folder.chart.add_chart(path, chart),
            Fact::ChartLock(lock) => folder.chart.add_lock(path, lock),
            Fact::TerraformValue(value) => folder.terraform_values.push((path, value)),
            Fact::TerraformImage(image) => folder.terraform_images.push((path, image)),
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
            for (path, image) in &folder.terraform_images {
                let reference = crate::reference::Reference { resolved: resolve(&image.template, &values, 0), ..image.reference.clone() };
                out.extend(rules::judge(&reference, config).map(|verdict| analysis::diagnose(path, &reference, &verdict)));
            }
        }
        out
    }
}

impl Folder {
    /// What each `var.x` and `local.x` of the module is, as Terraform decides: a variable's default, then
    /// `terraform.tfvars`, then the `*.auto.tfvars` files in name order, the last one winning.
    fn module_values(&self) -> HashMap<&str, &str> {
        let precedence = |path: &str| {
            let name = path.rsplit('/').next().unwrap_or(path);
            (u8::from(name == "terraform.tfvars") + 2 * u8::from(name.ends_with(".auto.tfvars")), name.to_string())
        };
        let mut values: Vec<&(String, NamedValue)> = self.terraform_values.iter().collect();
        values.sort_by_key(|(path, _)| precedence(path));
        values.into_iter().map(|(_, v)| (v.name.as_str(), v.template.as_str())).collect()
    }
}

/// Locals may use variables and other locals; deeper than this is a cycle, left unresolved.
const MAX_INDIRECTION: usize = 16;

fn resolve(template: &str, values: &HashMap<&str, &str>, depth: usize) -> Resolved {
    terraform::evaluate(template, &|name| match values.get(name) {
        Some(inner) if depth < MAX_INDIRECTION => match resolve(inner, values, depth + 1) {
            Resolved::Value(value) => Some(value),
            Resolved::Unresolved(_) => None,
        },
        _ => None,
    })
}
