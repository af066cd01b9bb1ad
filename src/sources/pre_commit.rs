//! pre-commit `.pre-commit-config.yaml`: each `repos[]` entry's `repo:` at its `rev:`, with the version
//! that `pre-commit autoupdate --freeze` writes after a frozen SHA (`rev: <sha>  # frozen: v4.5.0`).
//! `local` and `meta` repositories are hooks of this repository and of pre-commit itself: no pin.

use super::{has_top_level, Content, expect_scalar, gitops, node_error, Extraction, FileName, Kind, Reader, Resources};
use crate::reference::source::{name_of, PinnedBy, Source};
use crate::yaml::{self, Document};

pub const KIND: Kind = Kind {
    name: "pre-commit",
    label: "pre-commit",
    named: |file: &FileName| matches!(file.lower.as_str(), ".pre-commit-config.yaml" | ".pre-commit-config.yml"),
    content: Some(Content { priority: 45, looks_like, while_walking: false }),
    reader: Reader::YamlDocuments(document),
    resources: Resources::None,
};

/// A named file whose name does not say it: top-level `repos:` listing `- repo:` entries.
fn looks_like(text: &str) -> bool {
    has_top_level(text, "repos:") && text.lines().any(|l| l.trim_start().starts_with("- repo:"))
}

pub fn document(doc: &Document, text: &str, out: &mut Extraction) {
    let Some(repos) = doc.root().and_then(|r| doc.get(r, "repos")) else { return };
    let Some(repos) = doc.seq(repos) else {
        out.errors.push(node_error(doc, repos, "`repos` must be a list"));
        return;
    };
    for (i, &entry) in repos.iter().enumerate() {
        if !matches!(doc.node(entry).kind, yaml::Kind::Map(_)) {
            out.errors.push(node_error(doc, entry, "each entry of `repos` must be a mapping with `repo:`"));
            continue;
        }
        let Some(repo) = doc.get(entry, "repo") else {
            out.errors.push(node_error(doc, entry, "a `repos` entry has no `repo:`, which pre-commit requires"));
            continue;
        };
        let url = match expect_scalar(doc, repo, "repo") {
            Ok(url) => url,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        if matches!(url, "local" | "meta") {
            continue;
        }
        // pre-commit refuses a remote repository without a `rev`.
        let Some(rev) = doc.get(entry, "rev") else {
            out.errors.push(node_error(doc, repo, format!("repository `{url}` has no `rev`, which pre-commit requires")));
            continue;
        };
        if let Err(e) = expect_scalar(doc, rev, "rev") {
            out.errors.push(e);
            continue;
        }
        let version = frozen_version(&text[doc.node(rev).span.end as usize..]);
        let source = Source { pinned_by: PinnedBy::Commit, name: name_of(url), at: None, version };
        gitops::push(doc, source, url, (repo, "repo"), (Some((rev, "rev")), ""), &format!("repos/{i}"), out);
    }
}

/// The version in a `# frozen: v4.5.0` comment, given the text after a value.
fn frozen_version(after_value: &str) -> Option<String> {
    let line = after_value.split('\n').next().unwrap_or("");
    let version = line.trim_start().strip_prefix('#')?.trim().strip_prefix("frozen:")?.split_whitespace().next()?;
    Some(version.to_string())
}

#[cfg(test)]
mod tests {
    use super::frozen_version;

    #[test]
    fn frozen_comments() {
        assert_eq!(frozen_version("  # frozen: v4.5.0\n  hooks:"), Some("v4.5.0".into()));
        assert_eq!(frozen_version("  # v4.5.0"), None);
        assert_eq!(frozen_version("\n# frozen: v1"), None);
    }
}
