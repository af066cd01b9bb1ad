//! Scale-out across CI jobs: which share of the files `check --shard K/N` reads, and `merge`, which
//! makes one report of the shards' JSON reports, the same as one run over every file would.
//!
//! A shard owns whole folders: the rules that compare files (a Terraform folder's providers and lock,
//! a Helm chart's `Chart.yaml` and `Chart.lock`, a Compose file and its `.env`) compare files of one
//! folder, so a folder is never split. Folders are dealt out greedily by size: the largest first (by
//! name when sizes are equal), each to the shard with the fewest bytes so far (the lowest-numbered when
//! several have as few). The plan depends only on the paths and sizes of the files, so every job of a
//! matrix that has the same checkout makes the same plan; each shard report carries a digest of it,
//! and `merge` refuses reports of different plans.
//!
//! What is about the run rather than a file is the first shard's: the lock file counted as read, and a
//! lock that cannot be read. A lock entry that no checked file declares any more is reported by the
//! shard that owns the folder of its source file, or by the first shard when no file of the run is
//! there.

use crate::model::{hex, Finding, Report, Severity, ShardInfo};
use crate::rules;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The folder of a display path: the unit of the rules that compare files, and of sharding.
pub fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// This run's share of the files.
pub struct Shard {
    pub info: ShardInfo,
    /// The folders of every file of the run, with the shard (0-based) that owns each.
    owners: HashMap<String, usize>,
}

impl Shard {
    /// `K/N` with 1 ≤ K ≤ N, as `--shard` takes it.
    pub fn parse(spec: &str) -> Result<(usize, usize), String> {
        let invalid = || format!("invalid shard `{spec}` (expected K/N with 1 ≤ K ≤ N, such as 2/4)");
        let (k, n) = spec.split_once('/').ok_or_else(invalid)?;
        let (k, n): (usize, usize) = (k.parse().map_err(|_| invalid())?, n.parse().map_err(|_| invalid())?);
        if k == 0 || k > n {
            return Err(invalid());
        }
        Ok((k, n))
    }

    /// Shard `spec` (`K/N`) of a run over `files` (display path and size in bytes, each once).
    pub fn new(spec: &str, files: &[(String, u64)]) -> Result<Shard, String> {
        let (index, total) = Shard::parse(spec)?;
        let mut sizes: BTreeMap<&str, u64> = BTreeMap::new();
        for (path, size) in files {
            *sizes.entry(folder_of(path)).or_default() += size;
        }
        let mut folders: Vec<(&str, u64)> = sizes.into_iter().collect();
        folders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut loads = vec![0u64; total];
        let mut owners = HashMap::new();
        for (folder, size) in folders {
            let lightest = (0..total).min_by_key(|&i| (loads[i], i)).unwrap_or(0);
            loads[lightest] += size;
            owners.insert(folder.to_string(), lightest);
        }
        let mut sorted: Vec<&(String, u64)> = files.iter().collect();
        sorted.sort();
        let mut hasher = Sha256::new();
        for (path, size) in sorted {
            hasher.update(format!("{path}\0{size}\n").as_bytes());
        }
        Ok(Shard { info: ShardInfo { index, total, plan: hex(&hasher.finalize()) }, owners })
    }

    /// Whether this shard checks the file at `path`.
    pub fn owns(&self, path: &str) -> bool {
        self.owners.get(folder_of(path)) == Some(&(self.info.index - 1))
    }

    /// Whether this shard reports what is about the run rather than a file.
    pub fn leads(&self) -> bool {
        self.info.index == 1
    }

    /// Whether this shard reports on lock entries from `source`: its folder's owner does, and the first
    /// shard when no file of the run is in that folder.
    pub fn answers_for(&self, source: &str) -> bool {
        match self.owners.get(folder_of(source)) {
            Some(&owner) => owner == self.info.index - 1,
            None => self.leads(),
        }
    }
}

/// A finding as a shard report carries it: the report's fields, and what the other formats need.
#[derive(Deserialize)]
struct ShardFinding {
    rule: String,
    severity: String,
    message: String,
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    subject: String,
    fingerprint: String,
    snippet: String,
    unverifiable: bool,
}

#[derive(Deserialize)]
struct Tool {
    name: String,
    version: String,
}

#[derive(Deserialize)]
struct Counts {
    files: usize,
    #[serde(default)]
    baselined: usize,
}

/// What tells a shard report from another document, read before the rest.
#[derive(Deserialize)]
struct Header {
    version: u32,
    tool: Tool,
    shard: Option<ShardInfo>,
}

#[derive(Deserialize)]
struct ShardReport {
    findings: Vec<ShardFinding>,
    summary: Counts,
}

impl ShardFinding {
    fn into_finding(self, name: &str) -> Result<Finding, String> {
        let rule = rules::by_name(&self.rule).ok_or_else(|| format!("{name}: unknown rule `{}`", self.rule))?.name;
        let severity = Severity::parse(&self.severity).ok_or_else(|| format!("{name}: unknown severity `{}`", self.severity))?;
        Ok(Finding {
            rule,
            severity,
            message: self.message,
            path: self.path,
            line: self.line,
            column: self.column,
            end_line: self.end_line,
            end_column: self.end_column,
            subject: self.subject,
            fingerprint: self.fingerprint,
            snippet: self.snippet,
            unverifiable: self.unverifiable,
        })
    }
}

/// One report of the shard reports `reports` (each its name, for errors, and its text), which must be
/// every shard of one plan, once each, written by this version of fixity.
pub fn merge(reports: &[(String, String)], version: &str) -> Result<Report, String> {
    let mut shards: BTreeMap<usize, (&str, ShardReport)> = BTreeMap::new();
    let mut first: Option<(&str, ShardInfo)> = None;
    for (name, text) in reports {
        let not_a_report = |e: serde_json::Error| format!("{name}: not a fixity JSON report: {e}");
        let header: Header = serde_json::from_str(text).map_err(not_a_report)?;
        if header.version != 1 || header.tool.name != "fixity" {
            return Err(format!("{name}: not a fixity JSON report of version 1"));
        }
        if header.tool.version != version {
            return Err(format!("{name}: written by fixity {}; merge it with the same version ({version})", header.tool.version));
        }
        let Some(info) = header.shard else {
            return Err(format!("{name}: not a shard report (write one with `fixity check --shard K/N --format json`)"));
        };
        match &first {
            Some((other, expected)) if expected.total != info.total || expected.plan != info.plan => {
                return Err(format!("{name}: shard {}/{} of another run than {other} (every shard must check the same files)", info.index, info.total));
            }
            Some(_) => {}
            None => first = Some((name, info.clone())),
        }
        if let Some((other, _)) = shards.get(&info.index) {
            return Err(format!("{name}: shard {}/{} is given twice (also {other})", info.index, info.total));
        }
        let report: ShardReport = serde_json::from_str(text).map_err(not_a_report)?;
        shards.insert(info.index, (name, report));
    }
    let Some((_, info)) = first else { return Err("merge needs the shard reports".to_string()) };
    if let Some(missing) = (1..=info.total).find(|i| !shards.contains_key(i)) {
        return Err(format!("shard {missing}/{} is missing", info.total));
    }
    let mut merged = Report::default();
    for (name, report) in shards.into_values() {
        merged.files += report.summary.files;
        merged.baselined += report.summary.baselined;
        for finding in report.findings {
            merged.findings.push(finding.into_finding(name)?);
        }
    }
    merged.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    disambiguate_across_shards(&mut merged.findings);
    Ok(merged)
}

/// Findings of different shards that share a fingerprint (lock entries of one identity from two
/// sources, reported by two shards) are told apart as one run tells them apart: the later ones rehashed
/// in report order.
fn disambiguate_across_shards(findings: &mut [Finding]) {
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    let shared: HashSet<String> = {
        let mut seen = HashSet::new();
        findings.iter().filter(|f| !seen.insert(f.fingerprint.clone())).map(|f| f.fingerprint.clone()).collect()
    };
    for finding in findings.iter_mut().filter(|f| shared.contains(&f.fingerprint)) {
        let seen = occurrences.entry(finding.fingerprint.clone()).or_insert(0);
        if *seen > 0 {
            finding.disambiguate(*seen);
        }
        *seen += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(p, s)| (p.to_string(), *s)).collect()
    }

    #[test]
    fn shards_deal_out_whole_folders_by_size() {
        let run = files(&[("a/main.tf", 500), ("a/.terraform.lock.hcl", 400), ("b/x.yaml", 600), ("c/y.yaml", 300), ("Dockerfile", 10)]);
        let owned = |spec: &str| {
            let shard = Shard::new(spec, &run).unwrap();
            run.iter().filter(|(p, _)| shard.owns(p)).map(|(p, _)| p.as_str()).collect::<Vec<_>>()
        };
        // a (900) to 1, b (600) to 2, c (300) to 2 (600 < 900), the root folder (10) to 1.
        assert_eq!(owned("1/2"), ["a/main.tf", "a/.terraform.lock.hcl", "Dockerfile"]);
        assert_eq!(owned("2/2"), ["b/x.yaml", "c/y.yaml"]);
        assert_eq!(owned("1/1").len(), 5);
        assert!(owned("5/5").is_empty());
        // The plan is the files', whatever order they were found in.
        let mut reversed = run.clone();
        reversed.reverse();
        assert_eq!(Shard::new("1/2", &reversed).unwrap().info, Shard::new("1/2", &run).unwrap().info);
        let shard = Shard::new("2/2", &run).unwrap();
        assert_eq!((shard.answers_for("b/gone.yaml"), shard.answers_for("gone/x.yaml")), (true, false));
    }

    #[test]
    fn shard_specs_are_k_of_n() {
        assert_eq!(Shard::parse("2/4"), Ok((2, 4)));
        for bad in ["0/4", "5/4", "2", "a/4", "2/0", "-1/3", ""] {
            assert_eq!(Shard::parse(bad), Err(format!("invalid shard `{bad}` (expected K/N with 1 ≤ K ≤ N, such as 2/4)")));
        }
    }
}
