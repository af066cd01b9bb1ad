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
use crate::model::{LineIndex, Policies, Severity, Span};
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

impl Config {
    /// The severity a rule reports at when it defaults to `default`, or `None` when it is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.severities.iter().find(|(name, _)| name == rule) {
            Some((_, s)) => *s,
            None => Some(default),
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

    /// Reads `.fixity.yml`; `rules` says which rules exist and what policies each takes.
    pub fn parse(text: &str, rules: RuleKnobs) -> Result<Config, ConfigError> {
        let mut result = Ok(Config::default());
        let mut seen = false;
        let parsed = yaml::for_each_document(text, |doc| {
            if !seen {
                seen = true;
                result = doc.root().map_or(Ok(Config::default()), |root| read_root(doc, root, rules));
            }
        });
        let lines = LineIndex::new(text);
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

/// The entries of a mapping with string keys, or an error naming what was expected.
fn mapping<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<Vec<(&'d str, NodeId, NodeId)>, Error> {
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

fn string<'d>(doc: &'d Document, id: NodeId, what: &str) -> Result<&'d str, Error> {
    doc.str(id).ok_or_else(|| error(doc, id, format!("`{what}` must be a string")))
}

fn read_root(doc: &Document, root: NodeId, rules: RuleKnobs) -> Result<Config, Error> {
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
                    let policies = rules(name).ok_or_else(|| error(doc, name_id, format!("unknown rule `{name}` (see `fixity rules`)")))?;
                    read_rule(doc, name, policies, settings, &mut config)?;
                }
            }
            _ => return Err(error(doc, key_id, format!("unknown key `{key}` (expected one of: exclude, lock, rules)"))),
        }
    }
    Ok(config)
}

fn read_rule(doc: &Document, rule: &str, policies: Policies, settings: NodeId, config: &mut Config) -> Result<(), Error> {
    for (key, key_id, value) in mapping(doc, settings, rule)? {
        match key {
            "severity" => {
                let s = string(doc, value, "severity")?;
                let severity = match s {
                    "off" => None,
                    _ => Some(Severity::parse(s).ok_or_else(|| error(doc, value, format!("unknown severity `{s}` (expected error, warning, note or off)")))?),
                };
                config.severities.push((rule.to_string(), severity));
            }
            "policies" if policies == Policies::Image => {
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
            "policies" if matches!(policies, Policies::Pin { .. }) => {
                for (pattern, pattern_id, level_id) in mapping(doc, value, "policies")? {
                    check_pin_pattern(pattern, policies).map_err(|message| error(doc, pattern_id, message))?;
                    let level = match string(doc, level_id, "policy")? {
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
        assert_eq!(parse("exclud: []\n").unwrap_err().to_string(), "1:1: unknown key `exclud` (expected one of: exclude, lock, rules)");
        assert_eq!(parse("rules:\n  nope: {}\n").unwrap_err().line, 2);
        assert!(parse("rules: [\n").unwrap_err().message.starts_with("invalid YAML"));
    }
}
