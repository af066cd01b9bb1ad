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

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub exclude: Vec<String>,
    pub lock: Option<String>,
    /// Per-rule severity overrides; `None` turns the rule off.
    severities: Vec<(&'static str, Option<Severity>)>,
    image_policies: Vec<(String, ImagePolicy)>,
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
    fn errors_name_the_line() {
        assert_eq!(Config::parse("rules:\n  unpinned-image:\n    sevrity: x\n").unwrap_err().to_string(), "3:5: unknown key `sevrity` for rule `unpinned-image`");
        assert_eq!(Config::parse("exclud: []\n").unwrap_err().to_string(), "1:1: unknown key `exclud` (expected one of: exclude, lock, rules)");
        assert_eq!(Config::parse("rules:\n  nope: {}\n").unwrap_err().line, 2);
        assert!(Config::parse("rules: [\n").unwrap_err().message.starts_with("invalid YAML"));
    }
}
