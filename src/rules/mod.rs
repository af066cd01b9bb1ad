//! The rules: one per file, each documented by its file's doc comment (the text `fixity explain` prints).
//! Sources extract references; [`judge`] hands each to the rule that owns its case.

pub mod drift;
pub mod helm_lock_mismatch;
pub mod invalid_image_reference;
pub mod lock_mismatch;
pub mod missing_version_comment;
pub mod parse_error;
pub mod unanalyzable_reference;
pub mod unlocked_provider;
pub mod unpinnable_include;
pub mod unpinned_action;
pub mod unpinned_image;
pub mod unpinned_include;
pub mod unpinned_module;
pub mod unused_suppression;

use crate::config::Config;
use crate::model::Severity;
use crate::reference::include::IncludeKind;
use crate::reference::{image, RefKind, Reference, Resolved};

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

pub struct Rule {
    pub name: &'static str,
    pub default_severity: Severity,
    /// Stem of the rule's source file, whose doc comment is its documentation.
    stem: &'static str,
}

impl Rule {
    pub const fn new(name: &'static str, default_severity: Severity, stem: &'static str) -> Rule {
        Rule { name, default_severity, stem }
    }

    pub fn docs(&self) -> &'static str {
        rule_docs(self.stem)
    }

    /// The first paragraph of the docs, on one line: what the rule flags.
    pub fn summary(&self) -> String {
        self.docs().split("\n\n").next().unwrap_or("").replace('\n', " ")
    }

    /// The documentation as `fixity explain` prints it.
    pub fn explain(&self) -> String {
        format!("# {}\n\nDefault severity: {}\n\n{}\n", self.name, self.default_severity.as_str(), self.docs())
    }
}

/// The rule table that `fixity rules` prints.
pub fn table() -> String {
    let width = ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in ALL {
        out.push_str(&format!("{:width$}  {:7}  {}\n", rule.name, rule.default_severity.as_str(), rule.summary()));
    }
    out
}

/// Every rule as JSON, for front ends that link to or show rule documentation.
pub fn json() -> String {
    let rules: Vec<serde_json::Value> = ALL
        .iter()
        .map(|r| serde_json::json!({"name": r.name, "severity": r.default_severity, "summary": r.summary(), "docs": r.docs()}))
        .collect();
    serde_json::Value::Array(rules).to_string()
}

/// Every rule, in the order of the rule table.
pub const ALL: &[&Rule] = &[
    &unpinned_image::RULE,
    &invalid_image_reference::RULE,
    &unpinned_action::RULE,
    &missing_version_comment::RULE,
    &unpinned_include::RULE,
    &unpinnable_include::RULE,
    &unpinned_module::RULE,
    &unlocked_provider::RULE,
    &helm_lock_mismatch::RULE,
    &unanalyzable_reference::RULE,
    &lock_mismatch::RULE,
    &drift::RULE,
    &parse_error::RULE,
    &unused_suppression::RULE,
];

pub fn by_name(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
}

/// The rule a reference breaks, if any, with the message.
pub fn judge(reference: &Reference, config: &Config) -> Option<(&'static Rule, String)> {
    let value = match &reference.resolved {
        // Text written after the last variable that holds no `@` proves that no digest can follow.
        Resolved::Unresolved(names) => {
            return match unpinned_image::check_unresolved(reference, names) {
                Some(m) => Some((&unpinned_image::RULE, m)),
                None => unanalyzable_reference::check(reference, names).map(|m| (&unanalyzable_reference::RULE, m)),
            };
        }
        Resolved::Value(value) => value,
    };
    match &reference.kind {
        RefKind::Image => match image::parse(value) {
            Err(problem) => Some((&invalid_image_reference::RULE, invalid_image_reference::message(reference, value, &problem))),
            Ok(parsed) => unpinned_image::check(reference, value, &parsed, config).map(|m| (&unpinned_image::RULE, m)),
        },
        RefKind::Action { version } => {
            let version = version.as_deref();
            match unpinned_action::check(reference, value, version, config) {
                Some(m) => Some((&unpinned_action::RULE, m)),
                None => missing_version_comment::check(reference, value, version).map(|m| (&missing_version_comment::RULE, m)),
            }
        }
        RefKind::Include(IncludeKind::Template) => Some((&unpinnable_include::RULE, unpinnable_include::message(reference, value))),
        RefKind::Include(kind) => unpinned_include::check(reference, value, kind, config).map(|m| (&unpinned_include::RULE, m)),
    }
}

/// How `written` reads in a message: with what it resolved to, when that differs.
pub fn shown(reference: &Reference, value: &str) -> String {
    if reference.written == value {
        format!("`{value}`")
    } else {
        format!("`{value}` (written `{}`)", reference.written)
    }
}
