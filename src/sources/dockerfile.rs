//! Dockerfiles and Containerfiles, read by BuildKit's rules: parser directives at the top (`# syntax=`
//! names a frontend image; `# escape=` changes the line-continuation character), continuation lines,
//! comments inside them, heredocs, case-insensitive instructions. Continuation lines are joined as
//! BuildKit joins them: the escape character and the line break go, nothing is put in their place (so
//! `FR\` then `OM alpine` is a `FROM`). References are the image of each `FROM`
//! (not an earlier stage's name, not `scratch`), `COPY --from=` and `RUN --mount=…,from=` when they name an
//! image rather than a stage, the `syntax` directive, and each `ADD` source fetched at build time (an
//! HTTP(S) URL or a git repository, with the `--checksum` given). `ARG` defaults are substituted: global
//! ones (before the first `FROM`) in `FROM`, global and stage ones in later instructions.

use super::{Content, Extraction, FileName, Kind, Reader, Resources};
use crate::model::Span;
use crate::reference::{download, variables, RefKind, Reference, Resolved};

pub const KIND: Kind = Kind {
    name: "dockerfile",
    label: "Dockerfile",
    named: is_dockerfile_name,
    content: Some(Content { priority: 90, looks_like, while_walking: false }),
    reader: Reader::Text(extract),
    resources: Resources::None,
};

/// `Dockerfile` and `Containerfile`, alone or with a variant after `.`, `-` or `_` (`Dockerfile.dev`,
/// `Dockerfile-prod`, `Containerfile_arm64`), and `<name>.Dockerfile`/`<name>.Containerfile`; not a name
/// whose last extension says it is something else: notes, templates, backups, data, or code about
/// Dockerfiles (`Dockerfile.md`, `Dockerfile-dev.j2`, `dockerfile_parser.py`).
fn is_dockerfile_name(file: &FileName) -> bool {
    const NOT_DOCKERFILES: &[&str] = &[
        "md", "txt", "rst", "adoc", "html", "json", "yaml", "yml", "toml", "xml", "sh", "bash", "ps1", "bat", "bak", "orig", "rej", "swp", "patch", "diff", "log",
        "expected", "snap", "golden", "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "gotmpl", "erb", "mustache", "hbs", "in", "dockerignore", "go", "py",
        "rs", "js", "mjs", "cjs", "ts", "rb", "java", "kt", "c", "h", "cpp", "cs", "php", "pl", "lua",
    ];
    let lower = file.lower.as_str();
    let variant = |base: &str| {
        lower.strip_prefix(base).is_some_and(|rest| {
            let extension = rest.rsplit_once('.').map(|(_, e)| e);
            (rest.is_empty() || rest.starts_with(['.', '-', '_'])) && extension.is_none_or(|e| !NOT_DOCKERFILES.contains(&e))
        })
    };
    variant("dockerfile") || variant("containerfile") || lower.ends_with(".dockerfile") || lower.ends_with(".containerfile")
}

/// A first meaningful line that is `FROM`, `ARG` or a parser directive.
fn looks_like(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty() && (!l.starts_with('#') || l.contains("syntax="))) else { return false };
    let word = first.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    first.starts_with('#') || word == "FROM" || word == "ARG"
}

/// One instruction after joining continuation lines: its words, each with where it is written.
struct Instruction {
    keyword: String,
    /// The instruction's text with its continuation lines joined.
    joined: String,
    words: Vec<Word>,
    /// The joined text's offsets mapped back: (offset in the joined text, offset in the file) where each
    /// physical line's part starts.
    pieces: Vec<(usize, usize)>,
}

impl Word {
    fn text<'j>(&self, joined: &'j str) -> &'j str {
        &joined[self.at..self.at + self.len]
    }
}

/// A word of an instruction's joined text, borrowed from it (most words are never looked at).
struct Word {
    /// Where the word starts in the joined text, and its length.
    at: usize,
    len: usize,
}

impl Instruction {
    /// Where the joined text's `start..end` is written in the file.
    fn span(&self, start: usize, end: usize) -> Span {
        let original = |at: usize, end: bool| {
            // An end at a piece's start belongs to the piece before it.
            let index = self.pieces.partition_point(|&(joined, _)| if end { joined < at } else { joined <= at });
            let (joined, file) = self.pieces[index.saturating_sub(1)];
            file + at - joined
        };
        Span::new(original(start, false), original(end, true))
    }

    fn word_span(&self, word: &Word) -> Span {
        self.span(word.at, word.at + word.len)
    }

    fn text(&self, word: &Word) -> &str {
        word.text(&self.joined)
    }
}

pub fn extract(text: &str, out: &mut Extraction) {
    let (escape, syntax) = directives(text);
    if let Some((value, span)) = syntax {
        push_image(out, value, span, "syntax", Resolved::Value(value.to_string()));
    }
    let mut global_args: Vec<(String, Option<String>)> = Vec::new();
    let mut stage_args: Vec<(String, Option<String>)> = Vec::new();
    let mut stages: Vec<String> = Vec::new();
    for instruction in instructions(text, escape, &mut out.comments) {
        let stage = stages.len();
        match instruction.keyword.as_str() {
            "ARG" => {
                for word in &instruction.words {
                    let scope = if stages.is_empty() { &global_args } else { &stage_args };
                    let (name, value) = match instruction.text(word).split_once('=') {
                        // BuildKit expands a default with the ARGs declared before it in its scope; one it
                        // cannot expand (a `--build-arg` fixity cannot know) is unknown, never its text.
                        Some((n, v)) => (n.to_string(), variables::expand(unquote(v), &|name| lookup_in(scope, name)).ok()),
                        // A stage's bare `ARG NAME` takes the global default.
                        None => (instruction.text(word).to_string(), lookup_in(&global_args, instruction.text(word))),
                    };
                    let args = if stages.is_empty() { &mut global_args } else { &mut stage_args };
                    args.retain(|(n, _)| *n != name);
                    args.push((name, value));
                }
            }
            "FROM" => {
                stage_args.clear();
                let words: Vec<&Word> = instruction.words.iter().filter(|w| !instruction.text(w).starts_with("--")).collect();
                let Some(image) = words.first() else { continue };
                let resolved = Resolved::of(instruction.text(image), &|n| lookup_in(&global_args, n));
                if !names_stage(&resolved, &stages) {
                    push_image(out, instruction.text(image), instruction.word_span(image), &format!("stage {stage}/FROM"), resolved);
                }
                let alias = match words.as_slice() {
                    [_, kw, name, ..] if instruction.text(kw).eq_ignore_ascii_case("as") => instruction.text(name).to_ascii_lowercase(),
                    _ => String::new(),
                };
                stages.push(alias);
            }
            "COPY" | "ADD" | "RUN" => {
                let lookup = |n: &str| lookup_in(&stage_args, n).or_else(|| lookup_in(&global_args, n));
                for word in instruction.words.iter().take_while(|w| instruction.text(w).starts_with("--")) {
                    let Some(offset) = from_flag(instruction.text(word)) else { continue };
                    // A `--mount` flag's `from=` value ends at the next option.
                    let source = instruction.text(word)[offset..].split(',').next().unwrap_or("");
                    let span = instruction.span(word.at + offset, word.at + offset + source.len());
                    let resolved = Resolved::of(source, &lookup);
                    let is_stage_index = source.bytes().all(|b| b.is_ascii_digit());
                    if !is_stage_index && !names_stage(&resolved, &stages) {
                        let location = format!("stage {}/{} --from", stage.saturating_sub(1), instruction.keyword);
                        push_image(out, source, span, &location, resolved);
                    }
                }
                if instruction.keyword == "ADD" {
                    downloads(&instruction, &format!("stage {}/ADD", stage.saturating_sub(1)), &lookup, out);
                }
            }
            _ => {}
        }
    }
}

/// The sources of an `ADD` (every argument but the destination, in the shell or the JSON form) that are
/// fetched at build time.
fn downloads(instruction: &Instruction, location: &str, lookup: &dyn Fn(&str) -> Option<String>, out: &mut Extraction) {
    let flags = instruction.words.iter().take_while(|w| instruction.text(w).starts_with("--"));
    let checksum = flags.clone().find_map(|w| instruction.text(w).strip_prefix("--checksum=")).map(|sum| Resolved::of(unquote(sum), lookup));
    let arguments = &instruction.words[flags.count()..];
    let Some(first) = arguments.first() else { return };
    let sources: Vec<(String, Span)> = if instruction.text(first).starts_with('[') {
        let Some(joined) = instruction.joined.get(first.at..) else { return };
        let Ok(list) = serde_json::from_str::<Vec<String>>(joined.trim_end()) else { return };
        let mut at = first.at;
        let mut sources = Vec::new();
        for item in list.iter().take(list.len().saturating_sub(1)) {
            let quoted = serde_json::to_string(item).unwrap_or_default();
            let Some(found) = instruction.joined[at..].find(&quoted).map(|i| at + i) else { continue };
            at = found + quoted.len();
            sources.push((item.clone(), instruction.span(found + 1, at - 1)));
        }
        sources
    } else {
        arguments[..arguments.len() - 1].iter().map(|w| (unquote(instruction.text(w)).to_string(), instruction.word_span(w))).collect()
    };
    for (source, span) in sources {
        if download::parse(&source) == download::Source::Local {
            continue;
        }
        let resolved = Resolved::of(&source, lookup);
        let kind = RefKind::Download { checksum: checksum.clone() };
        out.references.push(Reference { kind, written: source, resolved, span, location: location.to_string(), overridden: None });
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

/// Where in a `--from=X` flag (COPY/ADD) or a `--mount=…,from=X,…` flag (RUN) the image or stage it
/// names starts.
fn from_flag(flag: &str) -> Option<usize> {
    if flag.starts_with("--from=") {
        return Some("--from=".len());
    }
    let mount = flag.strip_prefix("--mount=")?;
    let mut at = "--mount=".len();
    for option in mount.split(',') {
        if option.starts_with("from=") {
            return Some(at + "from=".len());
        }
        at += option.len() + 1;
    }
    None
}

fn push_image(out: &mut Extraction, written: &str, span: Span, location: &str, resolved: Resolved) {
    out.references.push(Reference { kind: RefKind::Image, written: written.to_string(), resolved, span, location: location.to_string(), overridden: None });
}

/// Parser directives: lines of the form `# key=value` at the very top, before any other comment, blank
/// line or instruction. Returns the escape character and the `syntax` image with its span.
fn directives(text: &str) -> (char, Option<(&str, Span)>) {
    let mut escape = '\\';
    let mut syntax = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
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
                let at = line_start + (value.as_ptr() as usize - line.as_ptr() as usize) + (value.len() - value.trim_start().len());
                syntax = Some((value_trimmed, Span::new(at, at + value_trimmed.len())));
            }
            _ => {}
        }
    }
    (escape, syntax)
}

/// Splits the file into instructions: continuation lines are joined (comment and blank lines inside a
/// continuation are skipped), heredoc bodies are skipped. Comment lines (a `#` first on the line, outside
/// heredoc bodies) go to `comments`.
fn instructions(text: &str, escape: char, comments: &mut Vec<Span>) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').map(|l| {
        let start = offset;
        offset += l.len();
        let l = l.strip_suffix('\n').unwrap_or(l);
        (start, l.strip_suffix('\r').unwrap_or(l))
    });
    let mut is_blank_or_comment = |(start, l): &(usize, &str)| {
        let t = l.trim_start();
        if t.starts_with('#') {
            let at = start + l.len() - t.len();
            comments.push(Span::new(at, at + t.trim_end().len()));
        }
        t.is_empty() || t.starts_with('#')
    };
    while let Some(first) = lines.next() {
        if is_blank_or_comment(&first) {
            continue;
        }
        let mut joined = String::new();
        let mut pieces = Vec::new();
        let mut current = first;
        loop {
            let (body, continues) = strip_continuation(current.1, escape);
            pieces.push((joined.len(), current.0));
            joined.push_str(body);
            if !continues {
                break;
            }
            // Comment and empty lines inside a continuation are dropped, as BuildKit does.
            match lines.by_ref().find(|line| !is_blank_or_comment(line)) {
                Some(next) => current = next,
                None => break,
            }
        }
        let mut words = split_words(&joined);
        if words.is_empty() {
            continue;
        }
        let keyword = words.remove(0).text(&joined).to_ascii_uppercase();
        for terminator in heredoc_terminators(&keyword, &words, &joined) {
            let strip_tabs = terminator.0;
            for (_, l) in lines.by_ref() {
                let l = if strip_tabs { l.trim_start_matches('\t') } else { l };
                if l == terminator.1 {
                    break;
                }
            }
        }
        out.push(Instruction { keyword, joined, words, pieces });
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

fn split_words(joined: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in joined.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(from)) => {
                words.push(Word { at: from, len: i - from });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push(Word { at: from, len: joined.len() - from });
    }
    words
}

/// Heredoc terminators opened on an instruction (`<<EOF`, `<<-EOF`, `<<"EOF"`), with whether leading tabs
/// are stripped before comparing.
fn heredoc_terminators(keyword: &str, words: &[Word], joined: &str) -> Vec<(bool, String)> {
    if !matches!(keyword, "RUN" | "COPY" | "ADD") {
        return Vec::new();
    }
    words
        .iter()
        .filter_map(|w| {
            let rest = w.text(joined).strip_prefix("<<")?;
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
