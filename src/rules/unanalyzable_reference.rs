//! A reference built from variables or template expressions that the file itself does not define, so
//! fixity cannot tell whether it is pinned.
//!
//! ## Why
//! `FROM node:${NODE_VERSION}` with no `ARG NODE_VERSION=…` default, `image: {{ .Values.image }}`, a
//! workflow's `container: ${{ inputs.image }}` or a matrix from `fromJSON(…)`, a GitLab
//! `image: $BUILD_IMAGE` set in the project's CI/CD settings or a `!reference` to a job in another file:
//! each is whatever the build, the renderer or the pipeline passes in. fixity never treats that as a
//! pass: it is reported so that someone checks where the value comes from. A reference whose written part
//! already ends in a valid digest (`$REGISTRY/app@sha256:…`) is pinned whatever the variables hold, and
//! is not reported; an image whose text after the last variable holds no `@` (`$REGISTRY/app:1.0`) is
//! certainly not pinned, and is reported as `unpinned-image`. A GitLab component included at
//! `@$CI_COMMIT_SHA` (a project testing its own components, as GitLab documents) is the pipeline's own
//! commit, and is not reported either.
//!
//! ## Example
//! ```dockerfile
//! ARG NODE_VERSION
//! FROM node:${NODE_VERSION}
//! ```
//!
//! ## Fix
//! Give the value in the file (an `ARG` default, a Compose `${VAR:-default}`), pin the digest in the
//! written part, or check the rendered output instead (`helm template … | fixity check -`). Where the
//! value is known to be safe, suppress the finding with `# fixity: ignore[unanalyzable-reference] why`.

use super::{Policy, Rule, Verdict, Why};
use crate::model::Severity;
use crate::reference::include::IncludeKind;
use crate::reference::{image, RefKind, Reference};

pub const RULE: Rule = Rule::judging("unanalyzable-reference", Severity::Warning, "unanalyzable_reference", message);

pub fn check(reference: &Reference, names: &[String]) -> Option<Verdict> {
    if ends_in_digest(&reference.written) || at_this_commit(reference) {
        return None;
    }
    Some(Verdict::new(&RULE, &reference.written, Why::Unresolved(names.to_vec()), Policy::None))
}

fn message(verdict: &Verdict, reference: &Reference) -> String {
    let Why::Unresolved(names) = &verdict.why else { return String::new() };
    let noun = reference.kind.noun();
    // A module's `version` is what is unresolved, not its source.
    let written = match &reference.kind {
        RefKind::Module { .. } if verdict.span.is_some() => format!("{}` version `{}", reference.written, names.join(", ")),
        _ => reference.written.clone(),
    };
    if names.iter().any(|n| n.starts_with("{{")) {
        return format!("{noun} `{written}` is a template expression, known only once rendered; fixity cannot tell whether it is pinned");
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    format!("{noun} `{written}` depends on {}, which this file does not define; fixity cannot tell whether it is pinned", names.join(", "))
}
/// A GitLab component included `@$CI_COMMIT_SHA` is the component at the pipeline's own commit, GitLab's
/// documented way for a project to test its own components: it is exactly the reviewed code.
fn at_this_commit(reference: &Reference) -> bool {
    matches!(reference.kind, RefKind::Include(IncludeKind::Component))
        && (reference.written.ends_with("@$CI_COMMIT_SHA") || reference.written.ends_with("@${CI_COMMIT_SHA}"))
}

/// Whether the literal text after the last variable is a complete, valid digest.
fn ends_in_digest(written: &str) -> bool {
    let Some((before, digest)) = written.rsplit_once('@') else { return false };
    if digest.contains(['$', '{', '}']) || before.is_empty() {
        return false;
    }
    image::parse(&format!("pinned@{digest}")).is_ok()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::model::Span;
    use crate::reference::{module, RefKind, Reference, Resolved};

    fn module_message(written: &str, resolved: Resolved, version: Option<Resolved>) -> Option<String> {
        let version = version.map(|resolved| module::Version { resolved, span: Span::new(40, 45) });
        let reference = Reference { kind: RefKind::Module { version }, written: written.into(), resolved, span: Span::new(10, 20), location: "module.m/source".into(), overridden: None };
        super::super::judge(&reference, &Config::default()).map(|verdict| format!("{} {:?} {}", verdict.rule.name, verdict.span, verdict.message(&reference)))
    }

    /// The message names the module's version only when the version is what is unresolved.
    #[test]
    fn an_unresolved_module_source_or_version() {
        let source = "git::https://example.com/${var.repo}.git?ref=v1";
        assert_eq!(
            module_message(source, Resolved::Unresolved(vec!["var.repo".into()]), None).as_deref(),
            Some("unanalyzable-reference None module `git::https://example.com/${var.repo}.git?ref=v1` depends on `var.repo`, which this file does not define; fixity cannot tell whether it is pinned")
        );
        assert_eq!(
            module_message("terraform-aws-modules/vpc/aws", Resolved::Value("terraform-aws-modules/vpc/aws".into()), Some(Resolved::Unresolved(vec!["var.v".into()]))).as_deref(),
            Some("unanalyzable-reference Some(Span { start: 40, end: 45 }) module `terraform-aws-modules/vpc/aws` version `var.v` depends on `var.v`, which this file does not define; fixity cannot tell whether it is pinned")
        );
    }
}
