//! Shell-style variable substitution as Dockerfiles and Compose files do it: `$VAR`, `${VAR}`,
//! `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`; `$$` is a literal `$`. Template
//! expressions (`{{ … }}`, `${{ … }}`) are never resolvable here.

/// Substitutes variables from `lookup`. On success the expanded text; otherwise the names (or
/// expressions) that could not be resolved.
pub fn expand(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, Vec<String>> {
    expand_nested(text, lookup, 0)
}

/// Defaults nest (`${A:-${B:-x}}`); deeper than this is not a real manifest, and is left unresolved.
const MAX_NESTING: usize = 16;

fn expand_nested(text: &str, lookup: &dyn Fn(&str) -> Option<String>, depth: usize) -> Result<String, Vec<String>> {
    if depth > MAX_NESTING {
        return Err(vec![text.to_string()]);
    }
    if !text.contains('$') && !text.contains("{{") {
        return Ok(text.to_string());
    }
    let mut unresolved = Vec::new();
    if let Some(start) = text.find("{{") {
        let end = text[start..].find("}}").map_or(text.len(), |e| start + e + 2);
        unresolved.push(text[start..end].to_string());
        return Err(unresolved);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            let Some(close) = matching_brace(body) else {
                unresolved.push(rest[i..].to_string());
                return Err(unresolved);
            };
            match braced(&body[..close], lookup, depth) {
                Ok(v) => out.push_str(&v),
                Err(mut names) => unresolved.append(&mut names),
            }
            rest = &body[close + 1..];
        } else {
            let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            if len == 0 {
                out.push('$');
                rest = after;
                continue;
            }
            let name = &after[..len];
            match lookup(name) {
                Some(v) => out.push_str(&v),
                None => unresolved.push(name.to_string()),
            }
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    if unresolved.is_empty() {
        Ok(out)
    } else {
        Err(unresolved)
    }
}

/// The text after the last variable or expression (`$VAR`, `${…}`, `${{ … }}`, `$[[ … ]]`, `{{ … }}`):
/// what is certainly written whatever the variables hold. Empty when the text ends in one.
pub fn literal_tail(text: &str) -> &str {
    let mut tail = text;
    let mut rest = text;
    while let Some(i) = rest.find(['$', '{']) {
        let after = &rest[i + 1..];
        let end = match (rest.as_bytes()[i], after.as_bytes().first()) {
            (b'$', Some(b'$')) => i + 2,
            (b'$', Some(b'{')) => match matching_brace(&after[1..]) {
                Some(close) => i + 3 + close,
                None => return "",
            },
            (b'$', Some(b'[')) => match after.find("]]") {
                Some(close) => i + 1 + close + 2,
                None => return "",
            },
            (b'$', _) => i + 1 + after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len()),
            (_, Some(b'{')) => match after.find("}}") {
                Some(close) => i + 1 + close + 2,
                None => return "",
            },
            _ => {
                rest = after;
                continue;
            }
        };
        tail = &rest[end..];
        rest = tail;
    }
    tail
}

fn matching_brace(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn braced(inner: &str, lookup: &dyn Fn(&str) -> Option<String>, depth: usize) -> Result<String, Vec<String>> {
    let len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    let (name, op) = inner.split_at(len);
    if name.is_empty() {
        return Err(vec![format!("${{{inner}}}")]);
    }
    let value = lookup(name);
    let set_and_nonempty = value.as_deref().is_some_and(|v| !v.is_empty());
    let pick = |alt: &str, use_alt: bool, value: Option<String>| {
        if use_alt {
            expand_nested(alt, lookup, depth + 1)
        } else {
            value.ok_or_else(|| vec![name.to_string()])
        }
    };
    if let Some(alt) = op.strip_prefix(":-") {
        pick(alt, !set_and_nonempty, value)
    } else if let Some(alt) = op.strip_prefix('-') {
        pick(alt, value.is_none(), value)
    } else if let Some(alt) = op.strip_prefix(":+") {
        if set_and_nonempty { expand_nested(alt, lookup, depth + 1) } else if value.is_some() { Ok(String::new()) } else { Err(vec![name.to_string()]) }
    } else if let Some(alt) = op.strip_prefix('+') {
        if value.is_some() { expand_nested(alt, lookup, depth + 1) } else { Err(vec![name.to_string()]) }
    } else if op.is_empty() {
        value.ok_or_else(|| vec![name.to_string()])
    } else {
        // `${VAR:?err}` and other forms: the value comes from outside the file.
        Err(vec![name.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "TAG" => Some("1.2".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn substitutes_every_form() {
        assert_eq!(expand("nginx:$TAG", &vars), Ok("nginx:1.2".into()));
        assert_eq!(expand("nginx:${TAG}", &vars), Ok("nginx:1.2".into()));
        assert_eq!(expand("nginx:${NOPE:-1.0}", &vars), Ok("nginx:1.0".into()));
        assert_eq!(expand("nginx:${EMPTY:-1.0}", &vars), Ok("nginx:1.0".into()));
        assert_eq!(expand("nginx:${EMPTY-1.0}", &vars), Ok("nginx:".into()));
        assert_eq!(expand("a$$b", &vars), Ok("a$b".into()));
        assert_eq!(expand("${NOPE:-${TAG}}", &vars), Ok("1.2".into()));
    }

    #[test]
    fn literal_tail_is_what_follows_the_last_variable() {
        assert_eq!(literal_tail("$CI_REGISTRY_IMAGE/app:1.0"), "/app:1.0");
        assert_eq!(literal_tail("${BASE}-slim"), "-slim");
        assert_eq!(literal_tail("golang:${{ matrix.go }}-bookworm"), "-bookworm");
        assert_eq!(literal_tail("$[[ inputs.image ]]:1"), ":1");
        assert_eq!(literal_tail("{{ .Values.image }}"), "");
        assert_eq!(literal_tail("app:${TAG}"), "");
        assert_eq!(literal_tail("a$$b"), "b");
        assert_eq!(literal_tail("${open"), "");
    }

    #[test]
    fn deep_nesting_is_unresolved_not_a_stack_overflow() {
        let deep = format!("{}nginx{}", "${A:-".repeat(5000), "}".repeat(5000));
        assert!(expand(&deep, &vars).is_err());
    }

    /// Every form that expands an alternative goes one level deeper: 16 levels resolve, the 17th does not.
    #[test]
    fn nesting_stops_after_sixteen_levels_in_every_form() {
        for form in ["${NOPE:-", "${NOPE-", "${TAG:+", "${TAG+"] {
            let nested = |levels: usize| format!("{}nginx{}", form.repeat(levels), "}".repeat(levels));
            assert_eq!(expand(&nested(MAX_NESTING), &vars), Ok("nginx".into()), "{form}");
            assert_eq!(expand(&nested(MAX_NESTING + 1), &vars), Err(vec!["nginx".into()]), "{form}");
        }
    }

    #[test]
    fn reports_what_it_cannot_resolve() {
        assert_eq!(expand("$REG/app:${V}", &vars), Err(vec!["REG".into(), "V".into()]));
        assert_eq!(expand("{{ .Values.image }}", &vars), Err(vec!["{{ .Values.image }}".into()]));
        assert_eq!(expand("${X:?required}", &vars), Err(vec!["X".into()]));
        assert_eq!(expand("${unterminated", &vars), Err(vec!["${unterminated".into()]));
    }
}
