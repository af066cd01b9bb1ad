//! GitHub `uses:` values. Three forms: a local path (`./.github/actions/build`, or `$/…` in the
//! workflow's own repository), which needs no pin; `docker://image`, which is a container image; and a
//! remote action or reusable workflow, `owner/repo[/path]@ref`, which this module parses.

/// A remote action or reusable workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRef<'a> {
    /// `owner/repo` or `owner/repo/path`: the name policies match against.
    pub name: &'a str,
    /// What follows `@`; `None` when there is no `@`.
    pub git_ref: Option<&'a str>,
}

impl ActionRef<'_> {
    pub fn is_reusable_workflow(&self) -> bool {
        self.name.contains("/.github/workflows/")
    }

    pub fn noun(&self) -> &'static str {
        if self.is_reusable_workflow() {
            "reusable workflow"
        } else {
            "action"
        }
    }
}

pub const DOCKER_PREFIX: &str = "docker://";

/// Whether a `uses:` value names something in the workflow's own repository.
pub fn is_local(uses: &str) -> bool {
    uses.starts_with("./") || uses.starts_with("$/")
}

/// Parses a remote `uses:` value; the error says what is wrong in words meant for the user.
pub fn parse(value: &str) -> Result<ActionRef<'_>, String> {
    if let Some(c) = value.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("it contains the character {c:?}"));
    }
    // Gitea and Forgejo also take an action by its URL (`https://code.forgejo.org/actions/checkout@v4`).
    let value = match value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")) {
        Some(url) => url.split_once('/').map_or(url, |(_, path)| path),
        None => value,
    };
    let (name, git_ref) = match value.split_once('@') {
        Some((name, git_ref)) => (name, Some(git_ref)),
        None => (value, None),
    };
    if name.split('/').count() < 2 || name.split('/').any(str::is_empty) {
        return Err("expected `owner/repo[/path]@ref`, `./path` or `docker://image`".into());
    }
    if git_ref == Some("") {
        return Err("the ref after `@` is empty".into());
    }
    Ok(ActionRef { name, git_ref })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_name_and_ref() {
        let a = parse("https://code.forgejo.org/actions/setup-go@v5").unwrap();
        assert_eq!((a.name, a.git_ref), ("actions/setup-go", Some("v5")));
        let a = parse("github/codeql-action/upload-sarif@v3").unwrap();
        assert_eq!((a.name, a.git_ref, a.noun()), ("github/codeql-action/upload-sarif", Some("v3"), "action"));
        let a = parse("acme/ci/.github/workflows/build.yml@main").unwrap();
        assert_eq!(a.noun(), "reusable workflow");
        assert_eq!(parse("actions/checkout").unwrap().git_ref, None);
        assert!(parse("checkout@v4").is_err());
        assert!(parse("42").is_err());
        assert!(parse("actions//checkout@v4").is_err());
        assert!(parse("actions/checkout@").is_err());
        assert!(parse("actions/checkout@v4 extra").is_err());
        assert!(is_local("./.github/actions/setup") && is_local("$/tools/action") && !is_local("actions/checkout@v4"));
    }
}
