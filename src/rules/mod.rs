//! The rules: one per file, each documented by its file's doc comment (the text `fixity explain` prints).
//! Sources extract references; [`judge`] hands each to the rule that owns its case.

pub mod drift;
pub mod duplicate_key;
pub mod helm_lock_mismatch;
pub mod invalid_image_reference;
pub mod lock_mismatch;
pub mod missing_version_comment;
pub mod parse_error;
pub mod pin_mismatch;
pub mod stale_pin;
pub mod unanalyzable_reference;
pub mod unknown_pin;
pub mod unlocked_provider;
pub mod unpinnable_include;
pub mod unpinned_action;
pub mod unpinned_download;
pub mod unpinned_image;
pub mod unpinned_include;
pub mod unpinned_module;
pub mod unpinned_source;
pub mod unused_suppression;

use crate::config::{Config, ImagePolicy, PinPolicy};
use crate::model::{Diagnostic, Policies, Severity, Span};
use crate::reference::include::IncludeKind;
use crate::reference::{image, RefKind, Reference, Resolved};

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

pub struct Rule {
    pub name: &'static str,
    pub default_severity: Severity,
    /// What `.fixity.yml` may set for it besides its severity.
    pub policies: Policies,
    /// Stem of the rule's source file, whose doc comment is its documentation.
    stem: &'static str,
    /// Renders the message of a verdict on a reference, for the rules that judge references.
    message: Option<fn(&Verdict, &Reference) -> String>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.name == other.name
    }
}

impl Eq for Rule {}

impl Rule {
    /// A rule made by the engine, the lock or a cross-file check rather than by judging a reference.
    pub const fn new(name: &'static str, default_severity: Severity, stem: &'static str) -> Rule {
        Rule { name, default_severity, policies: Policies::None, stem, message: None }
    }

    /// A rule that judges references, with how its verdicts read.
    pub const fn judging(name: &'static str, default_severity: Severity, stem: &'static str, message: fn(&Verdict, &Reference) -> String) -> Rule {
        Rule { name, default_severity, policies: Policies::None, stem, message: Some(message) }
    }

    pub const fn with_policies(mut self, policies: Policies) -> Rule {
        self.policies = policies;
        self
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

/// What a rule decided about a reference, as data: the rule, what is wrong, and the policy it was held
/// to. Messages are rendered from it; `fixity pin` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub rule: &'static Rule,
    /// The value judged: the reference with the file's own variables substituted.
    pub value: String,
    pub why: Why,
    pub policy: Policy,
    /// Where the finding points when not at the reference itself (a module's `version`).
    pub span: Option<Span>,
}

/// Why a reference broke its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Nothing pins it: no tag, `@ref`, `ref:`, `@version` or `version` at all.
    NoPin,
    /// `latest` for an image, `~latest` for a component: whatever is newest.
    Latest,
    /// Pinned by something that can move.
    Movable(Movable),
    /// Not valid reference grammar, with the reason in words.
    Invalid(String),
    /// Built from variables or template expressions this file does not define.
    Unresolved(Vec<String>),
    /// Built from undefined variables, yet no digest can follow the text after the last one.
    UnpinnedWhatever(Vec<String>),
    /// Pinned to a commit SHA, with no version comment saying what it is.
    NoVersionComment,
    /// It cannot be pinned at all (a GitLab template include, a module archive at a URL).
    Unpinnable,
}

/// What a reference is pinned by, when that can move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Movable {
    /// An image tag.
    Tag(String),
    /// A git ref that is not a full commit SHA (a tag, a branch, a short SHA), under its parameter name
    /// (`ref`, `rev`) where one is written.
    GitRef(String),
    /// A component's `1` or `1.2`, the newest release in that range.
    PartialVersion(String),
    /// A component's release tag `1.2.3`, which can be deleted and re-created.
    Release(String),
    /// A version constraint that admits several releases.
    Range(String),
    /// A remote include's `integrity:` that is not a well-formed hash, with the reason.
    MalformedIntegrity(String),
}

/// The policy a verdict held the reference to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Image(ImagePolicy),
    Pin(PinPolicy),
    /// The rule has no policy knob.
    None,
}

impl Verdict {
    pub fn new(rule: &'static Rule, value: &str, why: Why, policy: Policy) -> Verdict {
        Verdict { rule, value: value.to_string(), why, policy, span: None }
    }

    pub fn at(mut self, span: Span) -> Verdict {
        self.span = Some(span);
        self
    }

    /// The finding on `reference`, in the file at `path`.
    pub fn diagnostic(&self, path: &str, reference: &Reference) -> Diagnostic {
        let span = self.span.unwrap_or(reference.span);
        Diagnostic::new(self.rule.name, path, span, &reference.location, &reference.written, self.message(reference))
    }

    pub fn message(&self, reference: &Reference) -> String {
        let message = self.rule.message.map_or_else(String::new, |message| message(self, reference));
        match &reference.overridden {
            Some(o) => format!("{message} (overridden by {} at line {}, so no job runs it)", o.by, o.line),
            None => message,
        }
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
    &unpinned_download::RULE,
    &unpinned_source::RULE,
    &unlocked_provider::RULE,
    &helm_lock_mismatch::RULE,
    &unanalyzable_reference::RULE,
    &duplicate_key::RULE,
    &lock_mismatch::RULE,
    &drift::RULE,
    &parse_error::RULE,
    &unused_suppression::RULE,
    &pin_mismatch::RULE,
    &unknown_pin::RULE,
    &stale_pin::RULE,
];

pub fn by_name(name: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.name == name)
}

/// What the configuration may set for each rule (see [`Config::parse`]).
pub fn knobs(name: &str) -> Option<Policies> {
    by_name(name).map(|r| r.policies)
}

/// The rule a reference breaks, if any.
pub fn judge(reference: &Reference, config: &Config) -> Option<Verdict> {
    // A download is judged by its checksum and git ref, whatever variables the rest of it holds.
    if let RefKind::Download { checksum } = &reference.kind {
        return unpinned_download::check(reference, checksum.as_ref());
    }
    let value = match &reference.resolved {
        // Text written after the last variable that holds no `@` proves that no digest can follow.
        Resolved::Unresolved(names) => return unpinned_image::check_unresolved(reference, names).or_else(|| unanalyzable_reference::check(reference, names)),
        Resolved::Value(value) => value,
    };
    match &reference.kind {
        RefKind::Image => match image::parse(value) {
            Err(problem) => Some(Verdict::new(&invalid_image_reference::RULE, value, Why::Invalid(problem), Policy::None)),
            Ok(parsed) => unpinned_image::check(value, &parsed, config),
        },
        RefKind::Action { version } => {
            let version = version.as_deref();
            unpinned_action::check(value, config).or_else(|| missing_version_comment::check(value, version))
        }
        RefKind::Include(IncludeKind::Template) => Some(Verdict::new(&unpinnable_include::RULE, value, Why::Unpinnable, Policy::None)),
        RefKind::Include(kind) => unpinned_include::check(value, kind, config),
        RefKind::Module { version } => unpinned_module::check(value, version.as_ref()),
        RefKind::Source(source) => unpinned_source::check(value, source, config),
        // Judged above.
        RefKind::Download { .. } => None,
    }
}

/// The finding a reference in the file at `path` makes, if it breaks a rule.
pub fn diagnose(path: &str, reference: &Reference, config: &Config) -> Option<Diagnostic> {
    judge(reference, config).map(|verdict| verdict.diagnostic(path, reference))
}

/// How `written` reads in a message: with what it resolved to, when that differs.
pub fn shown(reference: &Reference, value: &str) -> String {
    // Joined, not formatted: this is made for every finding.
    if reference.written == value {
        ["`", value, "`"].concat()
    } else {
        ["`", value, "` (written `", &reference.written, "`)"].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_equals_only_itself_and_debugs_as_its_name() {
        for (i, a) in ALL.iter().enumerate() {
            assert_eq!(format!("{a:?}"), a.name);
            for (j, b) in ALL.iter().enumerate() {
                assert_eq!(a == b, i == j, "{} == {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn explain_is_a_heading_the_default_severity_and_the_doc_comment() {
        let explained = unused_suppression::RULE.explain();
        assert!(
            explained.starts_with(
                "# unused-suppression\n\nDefault severity: note\n\nAn inline `# fixity: ignore[rule]` comment that suppresses nothing.\n\n## Why\nSuppressions outlive"
            ),
            "{explained}"
        );
        assert!(explained.ends_with("A suppression applies to findings on its own line and on\nthe line directly below it.\n"), "{explained}");
        assert_eq!(explained.len(), "# unused-suppression\n\nDefault severity: note\n\n".len() + unused_suppression::RULE.docs().len() + 1);
    }

    #[test]
    fn the_rule_table_aligns_name_severity_and_summary() {
        let table = table();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), ALL.len());
        assert!(table.ends_with('\n'));
        // The longest names (`invalid-image-reference`, `missing-version-comment`) are 23 characters.
        assert_eq!(lines[0], "unpinned-image           error    A container image that is not pinned by a digest.");
        assert_eq!(lines[16], "unused-suppression       note     An inline `# fixity: ignore[rule]` comment that suppresses nothing.");
        for (line, rule) in lines.iter().zip(ALL) {
            assert_eq!(line[..23].trim_end(), rule.name);
            assert_eq!(&line[23..25], "  ");
            assert_eq!(line[25..32].trim_end(), rule.default_severity.as_str());
            assert_eq!(&line[32..34], "  ");
            assert_eq!(&line[34..], rule.summary());
        }
    }

    #[test]
    fn the_rules_as_json_carry_name_severity_summary_and_docs() {
        let parsed: serde_json::Value = serde_json::from_str(&json()).expect("rules JSON");
        let rules = parsed.as_array().expect("an array");
        let names: Vec<&str> = rules.iter().filter_map(|r| r["name"].as_str()).collect();
        assert_eq!(names, ALL.iter().map(|r| r.name).collect::<Vec<_>>());
        assert_eq!(
            rules[16],
            serde_json::json!({
                "name": "unused-suppression",
                "severity": "note",
                "summary": "An inline `# fixity: ignore[rule]` comment that suppresses nothing.",
                "docs": unused_suppression::RULE.docs(),
            })
        );
        assert_eq!(rules[0]["severity"], "error");
        assert_eq!(rules[0]["summary"], "A container image that is not pinned by a digest.");
    }
}
