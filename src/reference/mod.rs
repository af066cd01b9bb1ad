//! References that a manifest makes to things outside it, as the sources extract them and the rules judge
//! them.

pub mod action;
pub mod download;
pub mod git;
pub mod image;
pub mod include;
pub mod module;
pub mod source;
pub mod variables;

use crate::model::Span;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RefKind {
    Image,
    /// A GitHub `uses:` (a step's action or a job's reusable workflow), with the version its comment
    /// names (`@<sha> # v4.2.2`), if any.
    Action { version: Option<String> },
    /// A GitLab `include:` of another project, a URL, a component or a GitLab template.
    Include(include::IncludeKind),
    /// A Terraform `module` block's `source`, with its `version` argument if any.
    Module { version: Option<module::Version> },
    /// A Dockerfile `ADD` source fetched at build time, with the `--checksum` it is verified by, if any.
    Download { checksum: Option<Resolved> },
    /// A GitOps source, pre-commit repository, CircleCI orb or machine image, with what pins it.
    Source(source::Source),
}

impl RefKind {
    pub fn noun(&self) -> &'static str {
        match self {
            RefKind::Image => "image",
            RefKind::Action { .. } => "action",
            RefKind::Include(_) => "include",
            RefKind::Module { .. } => "module",
            RefKind::Download { .. } => "download",
            RefKind::Source(_) => "source",
        }
    }
}

/// What a reference turned out to be once the file's own variables were substituted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Resolved {
    /// Fully known.
    Value(String),
    /// Depends on these variables or template expressions, which the file does not define.
    Unresolved(Vec<String>),
}

impl Resolved {
    /// `written` with the variables that `lookup` knows substituted.
    pub fn of(written: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Resolved {
        match variables::expand(written, lookup) {
            Ok(v) => Resolved::Value(v),
            Err(names) => Resolved::Unresolved(names),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    pub kind: RefKind,
    /// The reference as written in the file: the finding's subject.
    pub written: String,
    pub resolved: Resolved,
    pub span: Span,
    /// Where the reference sits, independent of line numbers (`Deployment/web/spec/.../containers/0/image`).
    pub location: String,
    /// What overrides it, when another keyword of the file takes its place everywhere it would apply.
    /// It is judged all the same: the file names it, and a reader (or a later edit) may rely on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overridden: Option<Overridden>,
}

/// The keyword that overrides a reference, and the 1-based line it is written on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Overridden {
    /// How the message names it: "`default: image:`", "the `image:` of job `test`".
    pub by: String,
    pub line: u32,
}
