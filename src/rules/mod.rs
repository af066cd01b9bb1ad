//! The rules: one per file, each documented by its file's doc comment (the text `fixity explain` prints).
//! Sources extract references; [`judge`] hands each to the rule that owns its case.

pub mod drift;
pub mod helm_lock_mismatch;
pub mod invalid_image_reference;
pub mod lock_mismatch;
pub mod parse_error;
pub mod unanalyzable_reference;
pub mod unlocked_provider;
pub mod unpinned_image;
pub mod unpinned_module;
pub mod unused_suppression;

use crate::config::Config;
use crate::model::Severity;
use crate::reference::{image, Reference, Resolved};

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

    /// The first sentence of the docs: what the rule flags.
    pub fn summary(&self) -> &'static str {
        self.docs().split("\n\n").next().unwrap_or("")
    }
}

/// Every rule, in the order of the rule table.
pub const ALL: &[&Rule] = &[
    &unpinned_image::RULE,
    &invalid_image_reference::RULE,
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
    match &reference.resolved {
        Resolved::Unresolved(names) => unanalyzable_reference::check(reference, names).map(|m| (&unanalyzable_reference::RULE, m)),
        Resolved::Value(value) => match image::parse(value) {
            Err(problem) => Some((&invalid_image_reference::RULE, invalid_image_reference::message(reference, value, &problem))),
            Ok(parsed) => unpinned_image::check(reference, value, &parsed, config).map(|m| (&unpinned_image::RULE, m)),
        },
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
