//! `.fixity.yml`: rule severities, pinning policies, excluded paths, the lock file's name and the
//! environments (what each cluster or stack runs, with its own lock and namespace). Every key is checked;
//! an unknown key or a bad value is an error naming its line.
//!
//! ```yaml
//! exclude: ["examples/**"]
//! lock: fixity.lock.json
//! rules:
//!   unpinned-image:
//!     severity: warning            # error | warning | note | off
//!     policies:                    # digest (default) | tag | any; most specific pattern wins
//!       "registry.internal/*": tag
//!   unpinned-action:
//!     policies:                    # hash-pin (default) | ref-pin | any
//!       "actions/*": ref-pin
//!   unpinned-include:
//!     policies:                    # hash-pin (default) | ref-pin | any
//!       "my-group/*": ref-pin
//! environments:
//!   prod: {paths: [deploy/rendered/prod.yaml], lock: locks/prod.lock.json, namespace: shop}
//! kinds:                           # globs to file kinds, for layouts the conventions miss
//!   "ci/**/*.yml": gitlab-ci
//! resolve:                         # servers for pin, update and check --online
//!   github: https://github.example.com        # GitHub Enterprise
//!   gitlab: https://gitlab.example.com        # a self-managed GitLab
//!   registries:                               # registry host to a mirror of it
//!     docker.io: https://mirror.example.com
//! ```

use crate::glob;
use crate::model::{LineIndex, Policies, Severity, Span};
use crate::sources::{self, SourceKind};
use crate::yaml::{self, Document, NodeId};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImagePolicy {
    Digest,
    Tag,
    Any,
}

/// How firmly a GitHub `uses:` or a GitLab include must be pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPolicy {
    /// A full commit SHA (the default).
    HashPin,
    /// Any explicit ref: a tag, a branch or a SHA (for a component, any version but `~latest`).
    RefPin,
    Any,
}

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub exclude: Vec<String>,
    pub lock: Option<String>,
    /// Per-rule severity overrides; `None` turns the rule off.
    severities: Vec<(String, Option<Severity>)>,
    image_policies: Vec<(String, ImagePolicy)>,
    /// By rule; lowercase patterns: GitHub and GitLab paths are case-insensitive.
    pin_policies: Vec<(String, String, PinPolicy)>,
    /// What each cluster or stack runs, in the order written.
    pub environments: Vec<Environment>,
    /// Path globs to the kind of the files they match, in the order written.
    kinds: Vec<(String, SourceKind)>,
    /// Where `pin`, `update` and `check --online` find the forges and registries.
    pub resolve: Resolve,
}

/// `resolve:`: the servers that replace the defaults (`https://github.com`, `https://gitlab.com`, each
/// registry at its own host).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolve {
    pub github: Option<String>,
    pub gitlab: Option<String>,
    /// Registry host as images name it → base URL (a mirror); plain `http://` allowed, as listed here.
    pub registries: Vec<(String, String)>,
}

/// One environment: the paths (relative to the configuration's folder) that make up what it runs, its
/// lock, and the namespace of objects that name none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Environment {
    pub name: String,
    pub paths: Vec<String>,
    pub lock: Option<String>,
    pub namespace: Option<String>,
}

/// What the configuration may say about a rule, by name: `None` for a rule that does not exist.
pub type RuleKnobs<'r> = &'r dyn Fn(&str) -> Option<Policies>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Environment {
    /// Its lock file, relative to the configuration's folder: `lock:`, else `fixity.<name>.lock.json`.
    pub fn lock_file(&self) -> String {
        self.lock.clone().unwrap_or_else(|| format!("fixity.{}.lock.json", self.name))
    }
}

impl Config {
    /// The environments a command runs for: `name`'s (an error when there is none of that name), or,
    /// without a name, every one (none when the configuration defines none).
    pub fn environments_for(&self, name: Option<&str>) -> Result<Vec<&Environment>, String> {
        let Some(name) = name else { return Ok(self.environments.iter().collect()) };
        match self.environments.iter().find(|e| e.name == name) {
            Some(environment) => Ok(vec![environment]),
            None if self.environments.is_empty() => Err(format!("--env {name}: the configuration defines no environments")),
            None => Err(format!("unknown environment `{name}` (the configuration defines: {})", self.environments.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", "))),
        }
    }

    /// The severity a rule reports at when it defaults to `default`, or `None` when it is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.severities.iter().find(|(name, _)| name == rule) {
            Some((_, s)) => *s,
            None => Some(default),
        }
    }

    /// The image policies as written: (pattern, policy), in order.
    pub fn image_policies(&self) -> &[(String, ImagePolicy)] {
        &self.image_policies
    }

    /// The policy of the most specific pattern matching a normalized image name.
    pub fn has_image_policies(&self) -> bool {
        !self.image_policies.is_empty()
    }

    pub fn image_policy(&self, name: &str) -> ImagePolicy {
        self.image_policies
            .iter()
            .filter(|(pattern, _)| glob::name_matches(pattern, name))
            .max_by_key(|(pattern, _)| glob::specificity(pattern))
            .map_or(ImagePolicy::Digest, |(_, p)| *p)
    }

    /// The policy for an action or reusable workflow, by its `owner/repo[/path]`.
    /// How firmly `rule` wants `name` (an action; a project, or a component's path without its host)
    /// pinned: the most specific matching pattern's policy. `owner/repo/*` also covers `owner/repo`
    /// itself, and a pattern without wildcards beats every pattern with one.
    pub fn pin_policy(&self, rule: &str, name: &str) -> PinPolicy {
        let name = name.to_ascii_lowercase();
        self.pin_policies
            .iter()
            .filter(|(r, pattern, _)| r == rule && (glob::name_matches(pattern, &name) || pattern.strip_suffix("/*") == Some(name.as_str())))
            .max_by_key(|(_, pattern, _)| (!pattern.contains(['*', '?']), glob::specificity(pattern)))
            .map_or(PinPolicy::HashPin, |(_, _, policy)| *policy)
    }

    /// The kind `kinds:` gives a path in the repository: the first pattern that matches it.
    pub fn kind_of(&self, path: &str) -> Option<SourceKind> {
        self.kinds.iter().find(|(pattern, _)| glob::path_matches(pattern, path)).map(|(_, kind)| *kind)
    }

    /// Reads `.fixity.yml`; `rules` says which rules exist and what policies each takes.
    pub fn parse(text: &str, rules: RuleKnobs) -> Result<Config, ConfigError> {
        let mut result = Ok(Config::default());
        let lines = LineIndex::new(text);
        let parsed = yaml::for_each_document(text, |doc| match (doc.index, doc.root()) {
            (0, Some(root)) => result = read_root(doc, root, rules, &lines),
            // A second document would be read by nobody: whoever reads the file would be misled. (An empty
            // one after a trailing `---` says nothing.)
            (_, Some(root)) if result.is_ok() && !doc.is_null(root) => {
                result = Err(error(doc, root, "the configuration must be one YAML document; another starts here".into()));
            }
            _ => {}
        });
        let at = |span: Span, message: String| {
            let place = lines.place(span);
            ConfigError { line: place.line, column: place.column, message }
        };
        parsed.map_err(|e| at(e.span, format!("invalid YAML: {}", e.message)))?;
        result.map_err(|(span, message)| at(span, message))
    }
}

/// A configuration error at a place, made into a [`ConfigError`] once the text's lines are indexed.
type Error = (Span, String);

/// Checks the shape of an action or include pattern: `*`, or at least two `/`-separated parts, no `@`.
fn check_pin_pattern(pattern: &str, policies: Policies) -> Result<(), String> {
    let Policies::Pin { patterns: expected } = policies else { return Ok(()) };
    let parts: Vec<&str> = pattern.split('/').collect();
    if pattern.contains('@') || pattern.contains(char::is_whitespace) {
        return Err(format!("`{pattern}` is not a pattern: it names a repository or path, never a ref (expected {expected})"));
    }
    if pattern != "*" && (parts.len() < 2 || parts.iter().any(|p| p.is_empty())) {
        return Err(format!("`{pattern}` is not a pattern (expected {expected})"));
    }
    Ok(())
}

fn error(doc: &Document, id: NodeId, message: String) -> Error {
    (doc.node(id).span, message)
}

/// The entries of a mapping with string keys, each written once, or an error naming what was expected.
fn mapping<'d>(doc: &'d Document, id: NodeId, what: &str, lines: &LineIndex) -> Result<Vec<(&'d str, NodeId, NodeId)>, Error> {
    if doc.is_null(id) {
        return Ok(Vec::new());
    }
    if !doc.is_map(id) {
        return Err(error(doc, id, format!("`{what}` must be a mapping")));
    }
    // Readers disagree on which of two equal keys wins, so neither does.
    let own = doc.own_entries(id).unwrap_or_default();
    for (i, &(key, _)) in own.iter().enumerate() {
        if let Some(&(first, _)) = own[..i].iter().find(|&&(k, _)| doc.str(k).is_some() && doc.str(k) == doc.str(key)) {
            let name = doc.str(key).unwrap_or_default();
            return Err(error(doc, key, format!("duplicate key `{name}` (first on line {})", lines.place(doc.node(first).span).line)));
        }
    }
    doc.entries(id)
        .iter()
        .map(|&(k, v)| as_string(doc, k).map(|s| (s, k, v)).ok_or_else(|| error(doc, k, format!("keys of `{what}` must be strings"))))
        .collect()
}

/// The text of a string: quoted, or plain but not a null, boolean or number (`lock: 5` is a mistake, not
/// a file named `5`).
fn as_string(doc: &Document, id: NodeId) -> Option<&str> {
    let node = doc.node(id);
    match &node.kind {
        yaml::Kind::Scalar(s, yaml::Style::Plain) if node.tag.as_deref() != Some("str") && is_plain_non_string(doc.text(*s)) => None,
        _ => doc.str(id),
    }
}

fn string<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<&'d str, Error> {
    as_string(doc, id).ok_or_else(|| error(doc, id, format!("`{what}` must be a string")))
}

/// The string under `key`. A value written as nothing is placed where the next token is: the error points
/// at the key.
fn string_value<'d>(doc: &'d Document, key: NodeId, value: NodeId, what: &str) -> Result<&'d str, Error> {
    string(doc, value, what).map_err(|e| if doc.is_null(value) { error(doc, key, e.1) } else { e })
}

/// Whether a plain scalar is a null, a boolean or a number in YAML's core schema.
fn is_plain_non_string(s: &str) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).map_or((unsigned, None), |(m, e)| (m, Some(e)));
    let decimal = match mantissa.split_once('.') {
        Some((int, frac)) => (digits(int) || int.is_empty()) && (digits(frac) || (frac.is_empty() && digits(int))),
        None => digits(mantissa),
    };
    let number = decimal && exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    let special = matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s, ".nan" | ".NaN" | ".NAN");
    let radix = s.strip_prefix("0x").is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
        || s.strip_prefix("0o").is_some_and(|o| !o.is_empty() && o.bytes().all(|b| (b'0'..=b'7').contains(&b)));
    let keyword = matches!(s, "" | "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE");
    number || special || radix || keyword
}

/// A `lock:` path: relative to the configuration's folder and never above it, so a configuration from a
/// pull request cannot make `fixity lock` write elsewhere.
fn confined_path<'d>(doc: &'d Document, key: NodeId, id: NodeId, what: &str) -> Result<&'d str, Error> {
    let path = string_value(doc, key, id, what)?;
    let absolute = path.starts_with(['/', '\\']) || path.as_bytes().get(1) == Some(&b':');
    let mut depth = 0i32;
    let climbs_out = path.split(['/', '\\']).any(|part| {
        depth += match part {
            ".." => -1,
            "" | "." => 0,
            _ => 1,
        };
        depth < 0
    });
    if absolute || climbs_out {
        return Err(error(doc, id, format!("`{what}` must be a path inside the configuration's folder, not `{path}`")));
    }
    Ok(path)
}

fn read_root(doc: &Document, root: NodeId, rules: RuleKnobs, lines: &LineIndex) -> Result<Config, Error> {
    let mut config = Config::default();
    for (key, key_id, value) in mapping(doc, root, "the configuration", lines)? {
        match key {
            "exclude" => {
                let items = doc.seq(value).ok_or_else(|| error(doc, value, "`exclude` must be a list of globs".into()))?;
                for &item in items {
                    config.exclude.push(string(doc, item, "exclude")?.to_string());
                }
            }
            "lock" => config.lock = Some(confined_path(doc, key_id, value, "lock")?.to_string()),
            "rules" => {
                for (name, name_id, settings) in mapping(doc, value, "rules", lines)? {
                    let policies = rules(name).ok_or_else(|| error(doc, name_id, format!("unknown rule `{name}` (see `fixity rules`)")))?;
                    read_rule(doc, name, policies, settings, &mut config, lines)?;
                }
            }
            "kinds" => {
                for (pattern, pattern_id, kind_id) in mapping(doc, value, "kinds", lines)? {
                    let name = string_value(doc, pattern_id, kind_id, "kind")?;
                    let kind = sources::by_name(name).ok_or_else(|| {
                        let known: Vec<&str> = sources::ALL.iter().map(|k| k.name).collect();
                        error(doc, kind_id, format!("unknown kind `{name}` (expected one of: {})", known.join(", ")))
                    })?;
                    config.kinds.push((pattern.to_string(), kind));
                }
            }
            "environments" => {
                for (name, _, settings) in mapping(doc, value, "environments", lines)? {
                    config.environments.push(read_environment(doc, name, settings, lines)?);
                }
            }
            "resolve" => config.resolve = read_resolve(doc, value, lines)?,
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` (expected one of: environments, exclude, kinds, lock, resolve, rules)"))),
        }
    }
    Ok(config)
}

/// `resolve:`. A forge must be HTTPS (plain HTTP to this machine only): its token would travel there. A
/// registry listed here may be plain HTTP (an internal mirror); credentials still never go to one.
fn read_resolve(doc: &Document, value: NodeId, lines: &LineIndex) -> Result<Resolve, Error> {
    let url = |id: NodeId, key: NodeId, what: &str, plain_allowed: bool| -> Result<String, Error> {
        let url = string_value(doc, key, id, what)?;
        let plain = url.strip_prefix("http://").is_some_and(|rest| !rest.is_empty());
        let secure = url.strip_prefix("https://").is_some_and(|rest| !rest.is_empty());
        if !crate::url::is_whole(url) || !(secure || (plain && (plain_allowed || crate::url::is_loopback(crate::url::host_of(url))))) {
            let expected = if plain_allowed { "an `https://` or `http://` URL" } else { "an `https://` URL (`http://` only for this machine)" };
            return Err(error(doc, id, format!("`{what}` must be {expected}, not `{url}`")));
        }
        Ok(url.trim_end_matches('/').to_string())
    };
    let mut resolve = Resolve::default();
    for (key, key_id, value) in mapping(doc, value, "resolve", lines)? {
        match key {
            "github" => resolve.github = Some(url(value, key_id, "resolve.github", false)?),
            "gitlab" => resolve.gitlab = Some(url(value, key_id, "resolve.gitlab", false)?),
            "registries" => {
                for (host, host_id, mirror) in mapping(doc, value, "resolve.registries", lines)? {
                    if host.contains(['/', ' ']) || host.is_empty() {
                        return Err(error(doc, host_id, format!("`{host}` is not a registry host (`docker.io`, `ghcr.io`, `registry.example.com:5000`)")));
                    }
                    resolve.registries.push((host.to_string(), url(mirror, host_id, &format!("resolve.registries.{host}"), true)?));
                }
            }
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` for `resolve` (expected one of: github, gitlab, registries)"))),
        }
    }
    Ok(resolve)
}

fn read_environment(doc: &Document, name: &str, settings: NodeId, lines: &LineIndex) -> Result<Environment, Error> {
    let mut environment = Environment { name: name.to_string(), paths: Vec::new(), lock: None, namespace: None };
    for (key, key_id, value) in mapping(doc, settings, &format!("environments.{name}"), lines)? {
        match key {
            "paths" => {
                let items = doc.seq(value).ok_or_else(|| error(doc, value, "`paths` must be a list of files and folders".into()))?;
                for &item in items {
                    environment.paths.push(confined_path(doc, item, item, "paths")?.to_string());
                }
            }
            "lock" => environment.lock = Some(confined_path(doc, key_id, value, "lock")?.to_string()),
            "namespace" => environment.namespace = Some(string_value(doc, key_id, value, "namespace")?.to_string()),
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` for environment `{name}` (expected one of: lock, namespace, paths)"))),
        }
    }
    if environment.paths.is_empty() {
        return Err(error(doc, settings, format!("environment `{name}` needs `paths`: the files and folders that make up what it runs")));
    }
    Ok(environment)
}

fn read_rule(doc: &Document, rule: &str, policies: Policies, settings: NodeId, config: &mut Config, lines: &LineIndex) -> Result<(), Error> {
    for (key, key_id, value) in mapping(doc, settings, rule, lines)? {
        match key {
            "severity" => {
                let s = string_value(doc, key_id, value, "severity")?;
                let severity = match s {
                    "off" => None,
                    _ => Some(Severity::parse(s).ok_or_else(|| error(doc, value, format!("unknown severity `{s}` (expected error, warning, note or off)")))?),
                };
                config.severities.push((rule.to_string(), severity));
            }
            "policies" if policies == Policies::Image => {
                for (pattern, pattern_id, level_id) in mapping(doc, value, "policies", lines)? {
                    let level = match string_value(doc, pattern_id, level_id, "policy")? {
                        "digest" => ImagePolicy::Digest,
                        "tag" => ImagePolicy::Tag,
                        "any" => ImagePolicy::Any,
                        other => return Err(error(doc, level_id, format!("unknown image policy `{other}` (expected digest, tag or any)"))),
                    };
                    config.image_policies.push((pattern.to_string(), level));
                }
            }
            "policies" if matches!(policies, Policies::Pin { .. }) => {
                for (pattern, pattern_id, level_id) in mapping(doc, value, "policies", lines)? {
                    check_pin_pattern(pattern, policies).map_err(|message| error(doc, pattern_id, message))?;
                    let level = match string_value(doc, pattern_id, level_id, "policy")? {
                        "hash-pin" => PinPolicy::HashPin,
                        "ref-pin" => PinPolicy::RefPin,
                        "any" => PinPolicy::Any,
                        other => return Err(error(doc, level_id, format!("unknown pinning policy `{other}` (expected hash-pin, ref-pin or any)"))),
                    };
                    config.pin_policies.push((rule.to_string(), pattern.to_ascii_lowercase(), level));
                }
            }
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` for rule `{rule}`"))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, &crate::rules::knobs)
    }

    #[test]
    fn reads_the_documented_shape() {
        let c = parse("exclude: [\"examples/**\"]\nlock: x.json\nrules:\n  unpinned-image:\n    severity: warning\n    policies:\n      \"registry.internal/*\": tag\n      \"registry.internal/prod/*\": digest\n  parse-error:\n    severity: off\n").unwrap();
        assert_eq!(c.exclude, vec!["examples/**"]);
        assert_eq!(c.lock.as_deref(), Some("x.json"));
        assert_eq!(c.severity("unpinned-image", Severity::Error), Some(Severity::Warning));
        assert_eq!(c.severity("parse-error", Severity::Error), None);
        assert_eq!(c.image_policy("registry.internal/team/app"), ImagePolicy::Tag);
        assert_eq!(c.image_policy("registry.internal/prod/app"), ImagePolicy::Digest);
        assert_eq!(c.image_policy("docker.io/library/nginx"), ImagePolicy::Digest);
    }

    #[test]
    fn resolve_servers() {
        let c = parse("resolve:\n  github: https://ghe.example.com/\n  gitlab: http://127.0.0.1:8080\n  registries:\n    docker.io: http://mirror.internal:5000\n").unwrap();
        assert_eq!(c.resolve, Resolve { github: Some("https://ghe.example.com".into()), gitlab: Some("http://127.0.0.1:8080".into()), registries: vec![("docker.io".into(), "http://mirror.internal:5000".into())] });
        assert_eq!(parse("resolve:\n  github: http://ghe.example.com\n").unwrap_err().message, "`resolve.github` must be an `https://` URL (`http://` only for this machine), not `http://ghe.example.com`");
        assert_eq!(parse("resolve:\n  registries:\n    docker.io: ftp://x\n").unwrap_err().message, "`resolve.registries.docker.io` must be an `https://` or `http://` URL, not `ftp://x`");
        assert_eq!(parse("resolve:\n  github: \"https://ghe.example.com/a b\"\n").unwrap_err().message, "`resolve.github` must be an `https://` URL (`http://` only for this machine), not `https://ghe.example.com/a b`");
        assert_eq!(parse("resolve:\n  forgejo: https://x\n").unwrap_err().line, 2);
    }

    #[test]
    fn pin_policies_most_specific_wins() {
        let text = "rules:\n  unpinned-action:\n    policies:\n      \"*\": ref-pin\n      \"Actions/*\": any\n      \"github/codeql-action/*\": ref-pin\n      github/codeql-action: hash-pin\n      acme/ci/.github/workflows/build.yml: any\n  unpinned-include:\n    policies:\n      \"my-group/*\": ref-pin\n";
        let c = parse(text).unwrap();
        assert_eq!(c.pin_policy("unpinned-action", "actions/checkout"), PinPolicy::Any);
        assert_eq!(c.pin_policy("unpinned-action", "github/codeql-action/init"), PinPolicy::RefPin);
        assert_eq!(c.pin_policy("unpinned-action", "GitHub/CodeQL-Action"), PinPolicy::HashPin);
        assert_eq!(c.pin_policy("unpinned-action", "acme/ci/.github/workflows/build.yml"), PinPolicy::Any);
        assert_eq!(c.pin_policy("unpinned-action", "acme/ci/.github/workflows/deploy.yml"), PinPolicy::RefPin);
        assert_eq!(c.pin_policy("unpinned-include", "my-group/sub/templates"), PinPolicy::RefPin);
        assert_eq!(c.pin_policy("unpinned-include", "other/templates"), PinPolicy::HashPin);
        assert_eq!(Config::default().pin_policy("unpinned-action", "actions/checkout"), PinPolicy::HashPin);
        let c = parse("rules:\n  unpinned-action:\n    policies:\n      \"acme/ci/*\": ref-pin\n").unwrap();
        assert_eq!(c.pin_policy("unpinned-action", "acme/ci"), PinPolicy::RefPin);
        assert_eq!(c.pin_policy("unpinned-action", "acme/ci-tools"), PinPolicy::HashPin);
    }

    #[test]
    fn pin_policy_errors_name_the_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(err("rules:\n  unpinned-action:\n    policies:\n      actions/*: sha\n"), "4:18: unknown pinning policy `sha` (expected hash-pin, ref-pin or any)");
        assert_eq!(
            err("rules:\n  unpinned-action:\n    policies:\n      actions: any\n"),
            "4:7: `actions` is not a pattern (expected `owner/*`, `owner/repo`, `owner/repo/*` or `owner/repo/path`)"
        );
        assert!(err("rules:\n  unpinned-include:\n    policies:\n      \"g/p@main\": any\n").starts_with("4:7: `g/p@main` is not a pattern"));
        assert_eq!(err("rules:\n  unpinned-include:\n    polices: {}\n"), "3:5: unknown key `polices` for rule `unpinned-include`");
        assert_eq!(err("rules:\n  unpinned-action:\n    policies:\n      actions/*: digest\n").lines().count(), 1);
        assert!(err("rules:\n  unpinned-action:\n    policies: [a]\n").contains("`policies` must be a mapping"));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("rules:\n  unpinned-image:\n    sevrity: x\n").unwrap_err().to_string(), "3:5: unknown key `sevrity` for rule `unpinned-image`");
        assert_eq!(parse("exclud: []\n").unwrap_err().to_string(), "1:1: unknown key `exclud` (expected one of: environments, exclude, kinds, lock, resolve, rules)");
        assert_eq!(parse("rules:\n  nope: {}\n").unwrap_err().line, 2);
        assert!(parse("rules: [\n").unwrap_err().message.starts_with("invalid YAML"));
    }

    #[test]
    fn kinds_map_globs_to_kinds() {
        let c = parse("kinds:\n  \"ci/**/*.yml\": gitlab-ci\n  \"deploy/*.tmpl.yaml\": kubernetes\n  \"*.dockerfile.in\": dockerfile\n").unwrap();
        assert_eq!(c.kind_of("ci/jobs/build.yml"), Some(&sources::gitlab_ci::KIND));
        assert_eq!(c.kind_of("deploy/web.tmpl.yaml"), Some(&sources::kubernetes::KIND));
        assert_eq!(c.kind_of("images/base.dockerfile.in"), Some(&sources::dockerfile::KIND));
        assert_eq!(c.kind_of("deploy/web.yaml"), None);
        let err = parse("exclude: []\nkinds:\n  \"ci/*.yml\": gitlab\n").unwrap_err().to_string();
        assert!(err.starts_with("3:15: unknown kind `gitlab` (expected one of: dockerfile, terraform, "), "{err}");
        assert_eq!(parse("kinds: [a]\n").unwrap_err().to_string(), "1:8: `kinds` must be a mapping");
    }

    #[test]
    fn lock_stays_inside_the_configurations_folder() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(err("lock: ../outside/x.json\n"), "1:7: `lock` must be a path inside the configuration's folder, not `../outside/x.json`");
        assert_eq!(err("exclude: []\nlock: /etc/x.json\n"), "2:7: `lock` must be a path inside the configuration's folder, not `/etc/x.json`");
        assert_eq!(err("lock: a/../../x.json\n"), "1:7: `lock` must be a path inside the configuration's folder, not `a/../../x.json`");
        assert_eq!(err("lock: 'C:\\x.json'\n"), "1:7: `lock` must be a path inside the configuration's folder, not `C:\\x.json`");
        assert_eq!(err("lock: ..\\x.json\n"), "1:7: `lock` must be a path inside the configuration's folder, not `..\\x.json`");
        for inside in ["locks/../x.json", "./locks/prod.json", "x..json"] {
            assert_eq!(parse(&format!("lock: {inside}\n")).unwrap().lock.as_deref(), Some(inside));
        }
    }

    #[test]
    fn environments_have_paths_a_lock_and_a_namespace() {
        let c = parse("environments:\n  prod: {paths: [deploy/prod.yaml], lock: locks/prod.lock.json, namespace: shop}\n  staging:\n    paths: [deploy/staging]\n").unwrap();
        let prod = Environment { name: "prod".into(), paths: vec!["deploy/prod.yaml".into()], lock: Some("locks/prod.lock.json".into()), namespace: Some("shop".into()) };
        let staging = Environment { name: "staging".into(), paths: vec!["deploy/staging".into()], lock: None, namespace: None };
        assert_eq!(c.environments, [prod, staging]);
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(err("environments:\n  prod: {lock: x.json}\n"), "2:9: environment `prod` needs `paths`: the files and folders that make up what it runs");
        assert_eq!(err("environments:\n  prod: {paths: [../x]}\n"), "2:18: `paths` must be a path inside the configuration's folder, not `../x`");
        assert_eq!(err("environments:\n  prod: {paths: [x], namespce: a}\n"), "2:22: unknown key `namespce` for environment `prod` (expected one of: lock, namespace, paths)");
        assert_eq!(err("environments:\n  prod: {paths: [x], lock: /etc/x}\n"), "2:28: `lock` must be a path inside the configuration's folder, not `/etc/x`");
    }

    #[test]
    fn duplicate_keys_extra_documents_and_wrong_types_name_the_line() {
        let err = |text: &str| parse(text).unwrap_err().to_string();
        assert_eq!(err("exclude: []\nlock: a.json\nlock: b.json\n"), "3:1: duplicate key `lock` (first on line 2)");
        assert_eq!(err("rules:\n  unpinned-image: {}\n  unpinned-image: {}\n"), "3:3: duplicate key `unpinned-image` (first on line 2)");
        assert_eq!(err("base: &b {lock: a.json}\n"), "1:1: unknown key `base` (expected one of: environments, exclude, kinds, lock, resolve, rules)");
        assert_eq!(err("lock: a.json\n---\nexclude: [\"**\"]\n"), "3:1: the configuration must be one YAML document; another starts here");
        assert!(parse("lock: a.json\n---\n").is_ok());
        assert_eq!(err("---\nlock: a.json\n---\n- x\n"), "4:1: the configuration must be one YAML document; another starts here");
        assert_eq!(err("lock: 5\n"), "1:7: `lock` must be a string");
        assert_eq!(err("lock:\nexclude: []\n"), "1:1: `lock` must be a string");
        assert_eq!(err("rules:\n  unpinned-image:\n    policies:\n      \"x/*\": ~\n"), "4:7: `policy` must be a string");
        assert_eq!(err("exclude: \"x\"\n"), "1:10: `exclude` must be a list of globs");
        assert_eq!(err("exclude: [a, true]\n"), "1:14: `exclude` must be a string");
        assert_eq!(err("rules:\n  unpinned-image:\n    severity: 1.5e3\n"), "3:15: `severity` must be a string");
        assert_eq!(err("rules:\n  unpinned-image:\n    severity: [error]\n"), "3:15: `severity` must be a string");
        assert_eq!(err("rules:\n  7: {}\n"), "2:3: keys of `rules` must be strings");
        assert_eq!(parse("lock: !!str 5\nexclude: ['1', \"0x1F\", 1.2.3, 0x1G, .5x]\n").unwrap().exclude, ["1", "0x1F", "1.2.3", "0x1G", ".5x"]);
        assert_eq!(parse("lock: !!str 5\n").unwrap().lock.as_deref(), Some("5"));
        for non_string in ["~", "null", "True", "FALSE", "-12", "+1.", ".5", "1e3", "1.5E-3", "0x1f", "0o17", "-.inf", ".NaN"] {
            assert!(is_plain_non_string(non_string), "{non_string}");
        }
        for string in ["yes", "off", "1.2.3", "0x", "1e", "e3", ".", "-", "0o8", "+.nan", "1_000"] {
            assert!(!is_plain_non_string(string), "{string}");
        }
    }
}
