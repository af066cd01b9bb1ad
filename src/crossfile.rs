//! What the engine keeps from each file for the rules that compare files of one folder: a folder's
//! required providers against its `.terraform.lock.hcl` (`unlocked-provider`), a chart's `Chart.yaml`
//! and `requirements.yaml` against its `Chart.lock` or `requirements.lock` (`helm-lock-mismatch`). Only
//! those facts are kept, never the files.

use crate::model::{Diagnostic, Span};
use crate::rules::{helm_lock_mismatch, unlocked_provider};
use crate::sources::terraform::RequiredProvider;
use crate::sources::terraform_lock::ProviderLock;
use crate::sources::Fact;
use std::collections::BTreeMap;

#[derive(Default)]
struct Folder {
    providers: Vec<(String, RequiredProvider)>,
    root: Option<(String, Span)>,
    provider_locks: Option<(String, Vec<ProviderLock>)>,
    chart: helm_lock_mismatch::ChartFiles,
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
        }
    }

    /// The findings of every folder, once all files are in.
    pub fn finish(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for folder in self.folders.values() {
            let locks = folder.provider_locks.as_ref().map(|(p, l)| (p.as_str(), l.as_slice()));
            out.extend(unlocked_provider::check(&folder.providers, locks, folder.root.as_ref()));
            out.extend(helm_lock_mismatch::check(&folder.chart));
        }
        out
    }
}
