//! `.fixity.yml`: rule severities, pinning policies, excluded paths and the lock file's name. Every key is
//! checked; an unknown key or a bad value is an error naming its line.
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
//! ```

use crate::glob;
use crate::model::Severity;
use crate::rules::{self, Rule};
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
    severities: Vec<(&'static str, Option<Severity>)>,
    image_policies: Vec<(String, ImagePolicy)>,
    /// Lowercase patterns: GitHub and GitLab paths are case-insensitive.
    action_policies: Vec<(String, PinPolicy)>,
    include_policies: Vec<(String, PinPolicy)>,
}

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

impl Config {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        match self.severities.iter().find(|(name, _)| *name == rule.name) {
            Some((_, s)) => *s,
            None => Some(rule.default_severity),
        }
    }

    /// The policy of the most specific pattern matching a normalized image name.
    pub fn image_policy(&self, name: &str) -> ImagePolicy {
        self.image_policies
            .iter()
            .filter(|(pattern, _)| glob::name_matches(pattern, name))
            .max_by_key(|(pattern, _)| glob::specificity(pattern))
            .map_or(ImagePolicy::Digest, |(_, p)| *p)
    }

    /// The policy for an action or reusable workflow, by its `owner/repo[/path]`.
    pub fn action_policy(&self, name: &str) -> PinPolicy {
        pin_policy(&self.action_policies, name)
    }

    /// The policy for an include, by its project path or its component path without the host.
    pub fn include_policy(&self, name: &str) -> PinPolicy {
        pin_policy(&self.include_policies, name)
    }

    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut result = Ok(Config::default());
        let mut seen = false;
        let parsed = yaml::for_each_document(text, |doc| {
            if !seen {
                seen = true;
                result = doc.root().map_or(Ok(Config::default()), |root| read_root(doc, root));
            }
        });
        parsed.map_err(|e| ConfigError { line: e.line, column: e.col, message: format!("invalid YAML: {}", e.message) })?;
        result
    }
}

/// The most specific matching pattern's policy. `owner/repo/*` also covers `owner/repo` itself, and a
/// pattern without wildcards beats every pattern with one.
fn pin_policy(policies: &[(String, PinPolicy)], name: &str) -> PinPolicy {
    let name = name.to_ascii_lowercase();
    policies
        .iter()
        .filter(|(pattern, _)| glob::name_matches(pattern, &name) || pattern.strip_suffix("/*") == Some(name.as_str()))
        .max_by_key(|(pattern, _)| (!pattern.contains(['*', '?']), glob::specificity(pattern)))
        .map_or(PinPolicy::HashPin, |(_, policy)| *policy)
}

/// Checks the shape of an action or include pattern: `*`, or at least two `/`-separated parts, no `@`.
fn check_pin_pattern(pattern: &str, expected: &str) -> Result<(), String> {
    let parts: Vec<&str> = pattern.split('/').collect();
    if pattern.contains('@') || pattern.contains(char::is_whitespace) {
        return Err(format!("`{pattern}` is not a pattern: it names a repository or path, never a ref (expected {expected})"));
    }
    if pattern != "*" && (parts.len() < 2 || parts.iter().any(|p| p.is_empty())) {
        return Err(format!("`{pattern}` is not a pattern (expected {expected})"));
    }
    Ok(())
}

fn error(doc: &Document, id: NodeId, message: String) -> ConfigError {
    let node = doc.node(id);
    ConfigError { line: node.line, column: node.col, message }
}

/// The entries of a mapping with string keys, or an error naming what was expected.
fn mapping<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<Vec<(&'d str, NodeId, NodeId)>, ConfigError> {
    if doc.is_null(id) {
        return Ok(Vec::new());
    }
    if !doc.is_map(id) {
        return Err(error(doc, id, format!("`{what}` must be a mapping")));
    }
    doc.entries(id)
        .iter()
        .map(|&(k, v)| doc.str(k).map(|s| (s, k, v)).ok_or_else(|| error(doc, k, format!("keys of `{what}` must be strings"))))
        .collect()
}

fn string<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<&'d str, ConfigError> {
    doc.str(id).ok_or_else(|| error(doc, id, format!("`{what}` must be a string")))
}

fn read_root(doc: &Document, root: NodeId) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    for (key, key_id, value) in mapping(doc, root, "the configuration")? {
        match key {
            "exclude" => {
                let items = doc.seq(value).ok_or_else(|| error(doc, value, "`exclude` must be a list of globs".into()))?;
                for &item in items {
                    config.exclude.push(string(doc, item, "exclude")?.to_string());
                }
            }
            "lock" => config.lock = Some(string(doc, value, "lock")?.to_string()),
            "rules" => {
                for (name, name_id, settings) in mapping(doc, value, "rules")? {
                    let rule = rules::by_name(name).ok_or_else(|| error(doc, name_id, format!("unknown rule `{name}` (see `fixity rules`)")))?;
                    read_rule(doc, rule, settings, &mut config)?;
                }
            }
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` (expected one of: exclude, lock, rules)"))),
        }
    }
    Ok(config)
}

fn read_rule(doc: &Document, rule: &'static Rule, settings: NodeId, config: &mut Config) -> Result<(), ConfigError> {
    for (key, key_id, value) in mapping(doc, settings, rule.name)? {
        match key {
            "severity" => {
                let s = string(doc, value, "severity")?;
                let severity = match s {
                    "off" => None,
                    _ => Some(Severity::parse(s).ok_or_else(|| error(doc, value, format!("unknown severity `{s}` (expected error, warning, note or off)")))?),
                };
                config.severities.push((rule.name, severity));
            }
            "policies" if rule.name == rules::unpinned_image::RULE.name => {
                for (pattern, _, level_id) in mapping(doc, value, "policies")? {
                    let level = match string(doc, level_id, "policy")? {
                        "digest" => ImagePolicy::Digest,
                        "tag" => ImagePolicy::Tag,
                        "any" => ImagePolicy::Any,
                        other => return Err(error(doc, level_id, format!("unknown image policy `{other}` (expected digest, tag or any)"))),
                    };
                    config.image_policies.push((pattern.to_string(), level));
                }
            }
            "policies" if rule.name == rules::unpinned_action::RULE.name || rule.name == rules::unpinned_include::RULE.name => {
                let (expected, policies) = if rule.name == rules::unpinned_action::RULE.name {
                    ("`owner/*`, `owner/repo`, `owner/repo/*` or `owner/repo/path`", &mut config.action_policies)
                } else {
                    ("`group/*`, `group/project`, `group/project/*` or a component's `group/project/name`", &mut config.include_policies)
                };
                for (pattern, pattern_id, level_id) in mapping(doc, value, "policies")? {
                    check_pin_pattern(pattern, expected).map_err(|message| error(doc, pattern_id, message))?;
                    let level = match string(doc, level_id, "policy")? {
                        "hash-pin" => PinPolicy::HashPin,
                        "ref-pin" => PinPolicy::RefPin,
                        "any" => PinPolicy::Any,
                        other => return Err(error(doc, level_id, format!("unknown pinning policy `{other}` (expected hash-pin, ref-pin or any)"))),
                    };
                    policies.push((pattern.to_ascii_lowercase(), level));
                }
            }
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` for rule `{}`", rule.name))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape() {
        let c = Config::parse("exclude: [\"examples/**\"]\nlock: x.json\nrules:\n  unpinned-image:\n    severity: warning\n    policies:\n      \"registry.internal/*\": tag\n      \"registry.internal/prod/*\": digest\n  parse-error:\n    severity: off\n").unwrap();
        assert_eq!(c.exclude, vec!["examples/**"]);
        assert_eq!(c.lock.as_deref(), Some("x.json"));
        assert_eq!(c.severity(&rules::unpinned_image::RULE), Some(Severity::Warning));
        assert_eq!(c.severity(&rules::parse_error::RULE), None);
        assert_eq!(c.image_policy("registry.internal/team/app"), ImagePolicy::Tag);
        assert_eq!(c.image_policy("registry.internal/prod/app"), ImagePolicy::Digest);
        assert_eq!(c.image_policy("docker.io/library/nginx"), ImagePolicy::Digest);
    }

    #[test]
    fn pin_policies_most_specific_wins() {
        let text = "rules:\n  unpinned-action:\n    policies:\n      \"*\": ref-pin\n      \"Actions/*\": any\n      \"github/codeql-action/*\": ref-pin\n      github/codeql-action: hash-pin\n      acme/ci/.github/workflows/build.yml: any\n  unpinned-include:\n    policies:\n      \"my-group/*\": ref-pin\n";
        let c = Config::parse(text).unwrap();
        assert_eq!(c.action_policy("actions/checkout"), PinPolicy::Any);
        assert_eq!(c.action_policy("github/codeql-action/init"), PinPolicy::RefPin);
        assert_eq!(c.action_policy("GitHub/CodeQL-Action"), PinPolicy::HashPin);
        assert_eq!(c.action_policy("acme/ci/.github/workflows/build.yml"), PinPolicy::Any);
        assert_eq!(c.action_policy("acme/ci/.github/workflows/deploy.yml"), PinPolicy::RefPin);
        assert_eq!(c.include_policy("my-group/sub/templates"), PinPolicy::RefPin);
        assert_eq!(c.include_policy("other/templates"), PinPolicy::HashPin);
        assert_eq!(Config::default().action_policy("actions/checkout"), PinPolicy::HashPin);
        let c = Config::parse("rules:\n  unpinned-action:\n    policies:\n      \"acme/ci/*\": ref-pin\n").unwrap();
        assert_eq!(c.action_policy("acme/ci"), PinPolicy::RefPin);
        assert_eq!(c.action_policy("acme/ci-tools"), PinPolicy::HashPin);
    }

    #[test]
    fn pin_policy_errors_name_the_line() {
        let err = |text: &str| Config::parse(text).unwrap_err().to_string();
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
        assert_eq!(Config::parse("rules:\n  unpinned-image:\n    sevrity: x\n").unwrap_err().to_string(), "3:5: unknown key `sevrity` for rule `unpinned-image`");
        assert_eq!(Config::parse("exclud: []\n").unwrap_err().to_string(), "1:1: unknown key `exclud` (expected one of: exclude, lock, rules)");
        assert_eq!(Config::parse("rules:\n  nope: {}\n").unwrap_err().line, 2);
        assert!(Config::parse("rules: [\n").unwrap_err().message.starts_with("invalid YAML"));
    }
}
