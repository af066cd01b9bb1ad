//! The byte edits that pin one reference: only its own bytes change, plus the version comment after an
//! git ref, the `digest:` key of a Kustomize entry or the `integrity:` key of a remote include. Line breaks are the file's own (CRLF stays CRLF).

use crate::model::Span;
use crate::reference::Reference;

/// A reference pinned: what it reads now, and the edits that make it so.
#[derive(Debug)]
pub struct Pinned {
    pub to: String,
    pub edits: Vec<(Span, String)>,
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize).unwrap_or("")
}

/// Where `value` is written inside the reference's span (its quotes, a `docker://` prefix around it).
fn value_at(text: &str, reference: &Reference, value: &str) -> Option<usize> {
    slice(text, reference.span).find(value).map(|at| reference.span.start as usize + at)
}

/// `image:tag` → `image:tag@digest` (`image` → `image:latest@digest`: the tag that was resolved stays
/// for readers). A Kustomize entry gains a `digest:` key; a Dockerfile `FROM ${BASE}` is pinned in the
/// `ARG BASE=` default it takes.
pub fn image(text: &str, reference: &Reference, value: &str, digest: &str) -> Result<Pinned, String> {
    if let Some((name, old)) = value.split_once('@') {
        return refresh_image(text, reference, value, name, old, digest);
    }
    let tagged = match crate::reference::image::parse(value) {
        Ok(parsed) if parsed.tag.is_some() => value.to_string(),
        _ => format!("{value}:latest"),
    };
    let to = format!("{tagged}@{digest}");
    let insertion = format!("{}@{digest}", &tagged[value.len()..]);
    if reference.location.starts_with("images/name=") {
        return key_after(text, reference.span, "newTag", "digest", digest).map(|edit| Pinned { to, edits: vec![edit] }).map_err(|e| e.replace("add it", "add `digest:`"));
    }
    let at = value_at(text, reference, value).or_else(|| arg_default(text, reference, value)).ok_or_else(|| {
        format!("`{}` is built from variables; pin `{value}` where it is set", reference.written)
    })?;
    let end = at + value.len();
    Ok(Pinned { to, edits: vec![(Span::new(end, end), insertion)] })
}

/// `update`: `name:tag@old` → `name:tag@digest` (a Kustomize entry's `digest:` value).
fn refresh_image(text: &str, reference: &Reference, value: &str, name: &str, old: &str, digest: &str) -> Result<Pinned, String> {
    let to = format!("{name}@{digest}");
    let (at, len) = match value_at(text, reference, value) {
        Some(at) => (at + name.len() + 1, old.len()),
        None if slice(text, reference.span).contains(old) => (reference.span.start as usize + slice(text, reference.span).find(old).unwrap_or(0), old.len()),
        None => return Err(format!("`{}` is built from variables; update `{value}` where it is set", reference.written)),
    };
    Ok(Pinned { to, edits: vec![(Span::new(at, at + len), digest.to_string())] })
}

/// A mapping's new `key: value` line, after the line of its `anchor` key (whose value is at `at`) and
/// indented like it: a Kustomize entry's `digest:` after `newTag:`, an include's `integrity:` after
/// `remote:`.
fn key_after(text: &str, at: Span, anchor: &str, key_name: &str, value: &str) -> Result<(Span, String), String> {
    let line_start = text[..at.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at.start as usize];
    let Some(key) = before.find(anchor) else { return Err(format!("its `{anchor}` is not written as a key on a line of its own; add it by hand")) };
    if before[..key].trim_start_matches([' ', '-']).contains(['{', '[']) || !before[..key].bytes().all(|b| b == b' ' || b == b'-') {
        return Err("its entry is a flow mapping; add it by hand".into());
    }
    let line_end = text[at.end as usize..].find('\n').map(|i| at.end as usize + i);
    let indent = " ".repeat(key);
    Ok(match line_end {
        Some(end) => {
            let crlf = text[..end].ends_with('\r');
            let newline = if crlf { "\r\n" } else { "\n" };
            (Span::at(end + 1), format!("{indent}{key_name}: {value}{newline}"))
        }
        None => (Span::at(text.len()), format!("\n{indent}{key_name}: {value}")),
    })
}

/// Where a Dockerfile's `ARG NAME=value` default is written, for a `FROM ${NAME}` (or `$NAME`) whose
/// image is that default: the last such `ARG` before the `FROM`.
fn arg_default(text: &str, reference: &Reference, value: &str) -> Option<usize> {
    if !reference.location.ends_with("/FROM") {
        return None;
    }
    let written = reference.written.as_str();
    let name = written.strip_prefix("${").and_then(|n| n.strip_suffix('}')).or_else(|| written.strip_prefix('$'))?;
    let mut offset = 0;
    let mut found = None;
    for line in text[..reference.span.start as usize].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.len() > 4 && trimmed[..4].eq_ignore_ascii_case("ARG ") {
            let mut at = offset + indent + 4;
            for word in trimmed[4..].split(' ') {
                if let Some(default) = word.trim_end().strip_prefix(name).and_then(|w| w.strip_prefix('=')) {
                    let quote = usize::from(default.starts_with(['"', '\'']));
                    if default[quote..].trim_end_matches(['"', '\'']) == value {
                        found = Some(at + name.len() + 1 + quote);
                    }
                }
                at += word.len() + 1;
            }
        }
        offset += line.len();
    }
    found
}

/// How a git reference is written, for its commit edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitStyle {
    /// `owner/repo@ref # version` (an action, a GitLab component).
    At,
    /// A value that is the ref alone (`ref:` of a GitLab project include), its comment `# version`.
    Alone,
    /// A pre-commit `rev:`, its comment `# frozen: version` as `pre-commit autoupdate --freeze` writes.
    Frozen,
    /// A Terraform module source's `?ref=`, its comment `# version` after the source.
    Query,
}

impl GitStyle {
    /// What precedes the ref in the file's text and in the reference's value.
    fn prefixes(self) -> (&'static str, &'static str) {
        match self {
            GitStyle::At => ("@", "@"),
            GitStyle::Alone | GitStyle::Frozen => ("", "@"),
            GitStyle::Query => ("ref=", "ref="),
        }
    }

    fn label(self) -> &'static str {
        if self == GitStyle::Frozen { "frozen: " } else { "" }
    }
}

/// Where `old` is written after `prefix` in `within` (its last occurrence ending at a ref's end).
fn ref_in(within: &str, prefix: &str, old: &str) -> Option<usize> {
    let needle = format!("{prefix}{old}");
    within.match_indices(&needle).map(|(at, _)| at + prefix.len()).filter(|&at| !within[at + old.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))).last()
}

/// The version a reference's comment names (`# v4.2.2`, `# frozen: v4.2.2`): the first word of a `#`
/// comment after it on its line.
pub fn comment_version(text: &str, span: Span) -> Option<String> {
    let end = span.end as usize;
    let line = text.get(end..)?.split('\n').next()?.trim_end_matches('\r');
    let words = line.trim_start().strip_prefix('#')?.trim_start();
    let words = words.strip_prefix("frozen:").unwrap_or(words);
    words.split_whitespace().next().map(str::to_string)
}

/// A git ref `old` → `commit` with a `# version` comment (`# frozen: version` for pre-commit). A version
/// comment already there is replaced; another comment stays after the new one.
pub fn commit(text: &str, reference: &Reference, value: &str, style: GitStyle, old: &str, commit: &str, version: &str) -> Result<Pinned, String> {
    let (in_text, in_value) = style.prefixes();
    let written = slice(text, reference.span);
    let ref_start = match style {
        // The value must be written as it reads, or the ref is set elsewhere.
        GitStyle::At => value_at(text, reference, value).and_then(|at| ref_in(&text[at..at + value.len()], in_text, old).map(|r| at + r)),
        _ => ref_in(written, in_text, old).map(|r| reference.span.start as usize + r),
    };
    let ref_start = ref_start.ok_or_else(|| format!("`{}` is built from variables or expressions; pin it where it is set", reference.written))?;
    let label = style.label();
    let to = match ref_in(value, in_value, old) {
        Some(at) => format!("{}{commit}{} # {label}{version}", &value[..at], &value[at + old.len()..]),
        None => format!("{commit} # {label}{version}"),
    };
    let end = reference.span.end as usize;
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = text[end..line_end].trim_end_matches('\r');
    let comment = rest.trim_start();
    let mut edits = vec![(Span::new(ref_start, ref_start + old.len()), commit.to_string())];
    let gap = if style == GitStyle::Frozen { "  " } else { " " };
    if comment.is_empty() {
        edits.push((Span::at(end), format!("{gap}# {label}{version}")));
    } else if let Some(words) = comment.strip_prefix('#') {
        let after_label = words.trim_start().strip_prefix("frozen:").unwrap_or(words);
        let first = after_label.split_whitespace().next().unwrap_or("");
        let comment_start = end + (rest.len() - comment.len());
        if !first.is_empty() && (first == old || first.contains(|c: char| c.is_ascii_digit())) {
            let first_end = comment_start + 1 + (words.len() - after_label.len()) + after_label.find(first).unwrap_or(0) + first.len();
            edits.push((Span::new(comment_start, first_end), format!("# {label}{version}")));
        } else {
            edits.push((Span::at(comment_start), format!("# {label}{version} ")));
        }
    } else if style == GitStyle::Query && comment.starts_with("//") {
        edits.push((Span::at(end), format!(" # {version}")));
    } else {
        return Err("something else follows it on its line, so its version comment has no place; pin it by hand".into());
    }
    Ok(Pinned { to, edits })
}

/// A GitLab `include: remote:` gains `integrity:` on the line after its `remote:` line.
pub fn integrity(text: &str, reference: &Reference, value: &str, integrity: &str) -> Result<Pinned, String> {
    let edit = key_after(text, reference.span, "remote", "integrity", integrity).map_err(|e| e.replace("add it", "add `integrity:`"))?;
    Ok(Pinned { to: format!("{value} (integrity: {integrity})"), edits: vec![edit] })
}

/// `text` with `edits` (sorted by place, not overlapping) made.
pub fn apply(text: &str, edits: &[(Span, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + edits.iter().map(|(_, t)| t.len()).sum::<usize>());
    let mut at = 0;
    for (span, replacement) in edits {
        let (start, end) = (span.start as usize, span.end as usize);
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}
