//! The `.env` file Docker Compose reads beside a compose file: the values it interpolates into the compose
//! file (`image: ${IMG:-nginx}` runs what `.env` sets `IMG` to). Read with Compose's dotenv rules:
//! `KEY=value` (or `KEY: value`), an optional `export ` prefix, `#` comment lines, single quotes taken
//! literally, double quotes with `\n`, `\"`, `\\` escapes, either spanning lines, and unquoted values cut at
//! ` #`. `${VAR}` in unquoted and double-quoted values takes the earlier values of the file. The file
//! references nothing itself: its values are a fact for the compose files of its folder, judged by the run.

use super::{Extraction, Fact, FileName, Kind, Reader, Resources};
use crate::model::{SourceError, Span};
use crate::reference::Resolved;

pub const KIND: Kind = Kind {
    name: "compose-env",
    label: "Compose .env",
    named: |file: &FileName| file.name == ".env",
    content: None,
    reader: Reader::Text(extract),
    resources: Resources::None,
};

/// What a `.env` file sets, and what Compose would refuse in it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Variables {
    /// Each name with its value (unresolved when it uses a variable the file does not set), and where
    /// the name is written. A name set twice keeps its last value, as in Compose.
    pub values: Vec<(String, Resolved, Span)>,
    /// Lines Compose rejects: reported only where a compose file reads the `.env`.
    pub errors: Vec<SourceError>,
}

impl Variables {
    /// The value of `name`, if the file sets it.
    pub fn get(&self, name: &str) -> Option<&Resolved> {
        self.values.iter().rev().find(|(n, _, _)| n == name).map(|(_, v, _)| v)
    }
}

pub fn extract(text: &str, out: &mut Extraction) {
    let mut variables = Variables { values: Vec::new(), errors: Vec::new() };
    let mut at = 0;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[at..line_end];
        let body = line.trim_start();
        let start = at + line.len() - body.len();
        if body.trim_end().is_empty() || body.starts_with('#') {
            if body.starts_with('#') {
                out.comments.push(Span::new(start, start + body.trim_end().len()));
            }
            at = line_end + 1;
            continue;
        }
        let body = body.strip_prefix("export ").map(str::trim_start).unwrap_or(body);
        let key_start = line_end - body.len();
        let key_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))).unwrap_or(body.len());
        let key = &body[..key_len];
        let rest = body[key_len..].trim_start();
        let Some(value) = rest.strip_prefix(['=', ':']).map(|v| v.trim_start_matches([' ', '\t'])) else {
            if key.is_empty() || !rest.trim_end().is_empty() {
                let bad = rest.chars().next().unwrap_or(' ');
                variables.errors.push(SourceError { span: Span::at(line_end - rest.len()), message: format!("unexpected character `{bad}` in variable name") });
            } else {
                // A bare `KEY` takes the value from Compose's own environment.
                variables.values.push((key.to_string(), Resolved::Unresolved(vec![key.to_string()]), Span::new(key_start, key_start + key_len)));
            }
            at = line_end + 1;
            continue;
        };
        let value_start = line_end - value.len();
        let (raw, end, interpolate) = match value_text(text, value_start) {
            Ok(read) => read,
            Err(e) => {
                variables.errors.push(e);
                break;
            }
        };
        let resolved = if interpolate { Resolved::of(&raw, &|name| variables.get(name).and_then(known)) } else { Resolved::Value(raw) };
        variables.values.push((key.to_string(), resolved, Span::new(key_start, key_start + key_len)));
        at = text[end..].find('\n').map_or(text.len(), |i| end + i) + 1;
    }
    out.facts.push(Fact::ComposeEnv(variables));
}

fn known(value: &Resolved) -> Option<String> {
    match value {
        Resolved::Value(v) => Some(v.clone()),
        Resolved::Unresolved(_) => None,
    }
}

/// The value written at `start`: its text, where it ends, and whether variables in it are substituted.
fn value_text(text: &str, start: usize) -> Result<(String, usize, bool), SourceError> {
    let rest = &text[start..];
    match rest.chars().next() {
        Some('\'') => match rest[1..].find('\'') {
            Some(close) => Ok((rest[1..1 + close].to_string(), start + close + 2, false)),
            None => Err(SourceError { span: Span::at(start), message: "unterminated single-quoted value".into() }),
        },
        Some('"') => {
            let mut value = String::new();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => return Ok((value, start + i + 1, true)),
                    '\\' => match chars.next().map(|(_, e)| e) {
                        Some('n') => value.push('\n'),
                        Some('t') => value.push('\t'),
                        Some('r') => value.push('\r'),
                        Some(e @ ('"' | '\\' | '$')) => value.push(e),
                        Some(e) => value.extend(['\\', e]),
                        None => break,
                    },
                    c => value.push(c),
                }
            }
            Err(SourceError { span: Span::at(start), message: "unterminated double-quoted value".into() })
        }
        _ => {
            let line = rest.split('\n').next().unwrap_or("");
            // ` #` starts a comment; a `#` inside a word is part of the value.
            let value = line.find(" #").or_else(|| line.find("\t#")).map_or(line, |i| &line[..i]);
            Ok((value.trim_end().to_string(), start + line.len(), true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<(String, Resolved)>, Vec<String>) {
        let mut out = Extraction::default();
        extract(text, &mut out);
        let Some(Fact::ComposeEnv(v)) = out.facts.pop() else { panic!("no fact") };
        (v.values.into_iter().map(|(n, r, _)| (n, r)).collect(), v.errors.into_iter().map(|e| e.message).collect())
    }

    fn value(v: &str) -> Resolved {
        Resolved::Value(v.to_string())
    }

    #[test]
    fn reads_as_compose_does() {
        let text = "# comment\nA=one\nexport B = two # note\nC='${A} #x'\nD=\"${A}\\n\\\"q\\\"\"\nE=x#y\nF: three\nG=\"multi\nline\"\nH=${NOPE}\nI\n\nJ=\n";
        let (values, errors) = read(text);
        assert_eq!(
            values,
            [
                ("A".into(), value("one")),
                ("B".into(), value("two")),
                ("C".into(), value("${A} #x")),
                ("D".into(), value("one\n\"q\"")),
                ("E".into(), value("x#y")),
                ("F".into(), value("three")),
                ("G".into(), value("multi\nline")),
                ("H".into(), Resolved::Unresolved(vec!["NOPE".into()])),
                ("I".into(), Resolved::Unresolved(vec!["I".into()])),
                ("J".into(), value("")),
            ]
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn what_compose_rejects_is_an_error() {
        assert_eq!(read("A B=1\n").1, ["unexpected character `B` in variable name"]);
        assert_eq!(read("A=\"open\n").1, ["unterminated double-quoted value"]);
    }
}
