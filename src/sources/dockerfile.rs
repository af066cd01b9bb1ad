//! Dockerfiles and Containerfiles, read by BuildKit's rules: parser directives at the top (`# syntax=`
//! names a frontend image; `# escape=` changes the line-continuation character), continuation lines,
//! comments inside them, heredocs, case-insensitive instructions. References are the image of each `FROM`
//! (not an earlier stage's name, not `scratch`), `COPY --from=` and `RUN --mount=…,from=` when they name an
//! image rather than a stage, and the `syntax` directive. `ARG` defaults are substituted: global ones
//! (before the first `FROM`) in `FROM`, global and stage ones in the flags of later instructions.

use super::Extraction;
use crate::model::Span;
use crate::reference::{RefKind, Reference, Resolved};

/// One instruction after joining continuation lines: its words with where each starts.
struct Instruction {
    keyword: String,
    words: Vec<Word>,
}

struct Word {
    text: String,
    line: u32,
    column: u32,
}

impl Word {
    fn span(&self) -> Span {
        Span::over(self.line, self.column, &self.text)
    }
}

pub fn extract(text: &str, out: &mut Extraction) {
    let (escape, syntax) = directives(text);
    if let Some(word) = syntax {
        push_image(out, &word, "syntax", Resolved::Value(word.text.clone()));
    }
    let mut global_args: Vec<(String, Option<String>)> = Vec::new();
    let mut stage_args: Vec<(String, Option<String>)> = Vec::new();
    let mut stages: Vec<String> = Vec::new();
    for instruction in instructions(text, escape) {
        let stage = stages.len();
        match instruction.keyword.as_str() {
            "ARG" => {
                for word in &instruction.words {
                    let (name, value) = match word.text.split_once('=') {
                        Some((n, v)) => (n.to_string(), Some(unquote(v).to_string())),
                        // A stage's bare `ARG NAME` takes the global default.
                        None => (word.text.clone(), lookup_in(&global_args, &word.text)),
                    };
                    let args = if stages.is_empty() { &mut global_args } else { &mut stage_args };
                    args.retain(|(n, _)| *n != name);
                    args.push((name, value));
                }
            }
            "FROM" => {
                stage_args.clear();
                let words: Vec<&Word> = instruction.words.iter().filter(|w| !w.text.starts_with("--")).collect();
                let Some(image) = words.first() else { continue };
                let resolved = Resolved::of(&image.text, &|n| lookup_in(&global_args, n));
                if !names_stage(&resolved, &stages) {
                    push_image(out, image, &format!("stage {stage}/FROM"), resolved);
                }
                let alias = match words.as_slice() {
                    [_, kw, name, ..] if kw.text.eq_ignore_ascii_case("as") => name.text.to_ascii_lowercase(),
                    _ => String::new(),
                };
                stages.push(alias);
            }
            "COPY" | "ADD" | "RUN" => {
                let lookup = |n: &str| lookup_in(&stage_args, n).or_else(|| lookup_in(&global_args, n));
                for word in instruction.words.iter().take_while(|w| w.text.starts_with("--")) {
                    let Some(source) = from_flag(&word.text) else { continue };
                    let offset = word.text.find(source).unwrap_or(0) as u32;
                    let source_word = Word { text: source.to_string(), line: word.line, column: word.column + offset };
                    let resolved = Resolved::of(source, &lookup);
                    let is_stage_index = source.bytes().all(|b| b.is_ascii_digit());
                    if !is_stage_index && !names_stage(&resolved, &stages) {
                        let location = format!("stage {}/{} --from", stage.saturating_sub(1), instruction.keyword);
                        push_image(out, &source_word, &location, resolved);
                    }
                }
            }
            _ => {}
        }
    }
}

fn lookup_in(args: &[(String, Option<String>)], name: &str) -> Option<String> {
    args.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.clone())
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Whether a resolved image names an earlier stage (or `scratch`), which is not an external image.
fn names_stage(resolved: &Resolved, stages: &[String]) -> bool {
    match resolved {
        Resolved::Value(v) => v.eq_ignore_ascii_case("scratch") || stages.iter().any(|s| !s.is_empty() && s.eq_ignore_ascii_case(v)),
        Resolved::Unresolved(_) => false,
    }
}

/// The image or stage a `--from=X` flag (COPY/ADD) or a `--mount=…,from=X,…` flag (RUN) names.
fn from_flag(flag: &str) -> Option<&str> {
    if let Some(v) = flag.strip_prefix("--from=") {
        return Some(v);
    }
    let mount = flag.strip_prefix("--mount=")?;
    mount.split(',').find_map(|kv| kv.strip_prefix("from="))
}

fn push_image(out: &mut Extraction, word: &Word, location: &str, resolved: Resolved) {
    out.references.push(Reference {
        kind: RefKind::Image,
        written: word.text.clone(),
        resolved,
        span: word.span(),
        location: location.to_string(),
    });
}

/// Parser directives: lines of the form `# key=value` at the very top, before any other comment, blank
/// line or instruction. Returns the escape character and the `syntax` image.
fn directives(text: &str) -> (char, Option<Word>) {
    let mut escape = '\\';
    let mut syntax = None;
    for (i, line) in text.lines().enumerate() {
        let Some(body) = line.trim_start().strip_prefix('#') else { break };
        let Some((key, value)) = body.split_once('=') else { break };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            break;
        }
        let value_trimmed = value.trim();
        match key.as_str() {
            "escape" if value_trimmed == "`" => escape = '`',
            "syntax" if !value_trimmed.is_empty() => {
                let column = line.find(value_trimmed).map_or(1, |b| line[..b].chars().count() as u32 + 1);
                syntax = Some(Word { text: value_trimmed.to_string(), line: i as u32 + 1, column });
            }
            _ => {}
        }
    }
    (escape, syntax)
}

/// Splits the file into instructions: continuation lines are joined (comment and blank lines inside a
/// continuation are skipped), heredoc bodies are skipped.
fn instructions(text: &str, escape: char) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut lines = text.split('\n').enumerate().map(|(i, l)| (i as u32 + 1, l.strip_suffix('\r').unwrap_or(l)));
    while let Some((number, line)) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut words = Vec::new();
        let mut current = (number, line);
        loop {
            let (body, continues) = strip_continuation(current.1, escape);
            split_words(body, current.0, &mut words);
            if !continues {
                break;
            }
            // Comment and empty lines inside a continuation are dropped, as BuildKit does.
            let next = lines.by_ref().find(|(_, l)| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with('#')
            });
            match next {
                Some(n) => current = n,
                None => break,
            }
        }
        if words.is_empty() {
            continue;
        }
        let keyword = words.remove(0).text.to_ascii_uppercase();
        for terminator in heredoc_terminators(&keyword, &words) {
            let strip_tabs = terminator.0;
            for (_, l) in lines.by_ref() {
                let l = if strip_tabs { l.trim_start_matches('\t') } else { l };
                if l == terminator.1 {
                    break;
                }
            }
        }
        out.push(Instruction { keyword, words });
    }
    out
}

fn strip_continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end();
    match trimmed.strip_suffix(escape) {
        Some(body) => (body, true),
        None => (line, false),
    }
}

fn split_words(body: &str, line: u32, words: &mut Vec<Word>) {
    let mut start: Option<(u32, usize)> = None;
    for (column, (i, c)) in (1..).zip(body.char_indices()) {
        if c.is_whitespace() {
            if let Some((col, from)) = start.take() {
                words.push(Word { text: body[from..i].to_string(), line, column: col });
            }
        } else if start.is_none() {
            start = Some((column, i));
        }
    }
    if let Some((col, from)) = start {
        words.push(Word { text: body[from..].to_string(), line, column: col });
    }
}

/// Heredoc terminators opened on an instruction (`<<EOF`, `<<-EOF`, `<<"EOF"`), with whether leading tabs
/// are stripped before comparing.
fn heredoc_terminators(keyword: &str, words: &[Word]) -> Vec<(bool, String)> {
    if !matches!(keyword, "RUN" | "COPY" | "ADD") {
        return Vec::new();
    }
    words
        .iter()
        .filter_map(|w| {
            let rest = w.text.strip_prefix("<<")?;
            let (strip, rest) = match rest.strip_prefix('-') {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let name = unquote(rest);
            let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            valid.then(|| (strip, name.to_string()))
        })
        .collect()
}
