//! The byte edits that pin one reference: only its own bytes change, plus the version comment after an
//! action or the `digest:` key of a Kustomize entry. Line breaks are the file's own (CRLF stays CRLF).

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
        return kustomize_digest(text, reference.span, digest).map(|edit| Pinned { to, edits: vec![edit] });
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

/// A Kustomize `images:` entry's new `digest:` line, after its `newTag:` line (whose value is at `tag`)
/// and indented like it.
fn kustomize_digest(text: &str, tag: Span, digest: &str) -> Result<(Span, String), String> {
    let line_start = text[..tag.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..tag.start as usize];
    let Some(key) = before.find("newTag") else { return Err("its `newTag` is not written on a line of its own; add `digest:` by hand".into()) };
    if before[..key].trim_start_matches([' ', '-']).contains(['{', '[']) || !before[..key].bytes().all(|b| b == b' ' || b == b'-') {
        return Err("its entry is a flow mapping; add `digest:` by hand".into());
    }
    let line_end = text[tag.end as usize..].find('\n').map(|i| tag.end as usize + i);
    let indent = " ".repeat(key);
    Ok(match line_end {
        Some(end) => {
            let crlf = text[..end].ends_with('\r');
            let newline = if crlf { "\r\n" } else { "\n" };
            (Span::at(end + 1), format!("{indent}digest: {digest}{newline}"))
        }
        None => (Span::at(text.len()), format!("\n{indent}digest: {digest}")),
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

/// `owner/repo@ref` → `owner/repo@<commit> # version`. A version comment already there is replaced;
/// another comment stays after the new one.
pub fn action(text: &str, reference: &Reference, value: &str, commit: &str, version: &str) -> Result<Pinned, String> {
    let at = value_at(text, reference, value).ok_or_else(|| format!("`{}` is built from expressions; pin it where it is set", reference.written))?;
    let ref_start = at + value.rfind('@').map_or(value.len(), |i| i + 1);
    let old_ref = &text[ref_start..at + value.len()];
    let name = &value[..value.len() - old_ref.len()];
    let to = format!("{name}{commit} # {version}");
    let end = reference.span.end as usize;
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = text[end..line_end].trim_end_matches('\r');
    let comment = rest.trim_start();
    let mut edits = vec![(Span::new(ref_start, at + value.len()), commit.to_string())];
    if comment.is_empty() {
        edits.push((Span::at(end), format!(" # {version}")));
    } else if let Some(words) = comment.strip_prefix('#') {
        let first = words.split_whitespace().next().unwrap_or("");
        let comment_start = end + (rest.len() - comment.len());
        if first == old_ref || first.contains(|c: char| c.is_ascii_digit()) {
            let first_end = comment_start + 1 + words.find(first).unwrap_or(0) + first.len();
            edits.push((Span::new(comment_start, first_end), format!("# {version}")));
        } else {
            edits.push((Span::at(comment_start), format!("# {version} ")));
        }
    } else {
        return Err("something else follows it on its line, so its version comment has no place; pin it by hand".into());
    }
    Ok(Pinned { to, edits })
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
