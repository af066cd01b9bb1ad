//! YAML (and JSON, which is read as YAML) documents with source positions.
//!
//! A small arena tree built from yaml-rust2's event stream, one document at a time, so memory is bounded by
//! the largest document rather than the whole file. Aliases point at the anchored node instead of copying
//! it, so an alias bomb costs nothing to load; walkers bound their visits with [`Budget`]. Nesting deeper
//! than [`MAX_DEPTH`] is an error rather than a stack overflow.

pub mod value;

use crate::model::Span;
use std::borrow::Cow;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest collection nesting accepted; real manifests stay far below it.
pub const MAX_DEPTH: usize = 256;
/// Most nodes one document may hold.
pub const MAX_NODES: usize = 4_000_000;

pub type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub enum Kind {
    Scalar(String, Style),
    /// Items, a range of the document's item arena ([`Document::seq`]).
    Seq(Range),
    /// Entries, a range of the document's entry arena ([`Document::entries`]).
    Map(Range),
}

/// A run of children in one of the document's arenas: one allocation for all collections, not one each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    start: u32,
    len: u32,
}

impl Range {
    fn slice<T>(self, arena: &[T]) -> &[T] {
        arena.get(self.start as usize..(self.start + self.len) as usize).unwrap_or(&[])
    }
}

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    /// Local tag suffix as written (`reference` for GitLab's `!reference`), if any.
    pub tag: Option<Box<str>>,
    /// Where the node is written: a scalar as written (quotes included; a block scalar's first line), a
    /// collection at its start.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// One parsed document: its nodes and the root.
#[derive(Debug, Default)]
pub struct Document {
    nodes: Vec<Node>,
    items: Vec<NodeId>,
    pairs: Vec<(NodeId, NodeId)>,
    root: Option<NodeId>,
    /// 0-based index of the document in its stream.
    pub index: usize,
}

impl Document {
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The scalar text of a node, if it is a scalar.
    pub fn str(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).kind {
            Kind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// Whether a node is an explicit null (`~`, `null`, or nothing at all).
    pub fn is_null(&self, id: NodeId) -> bool {
        matches!(&self.node(id).kind, Kind::Scalar(s, Style::Plain) if matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn seq(&self, id: NodeId) -> Option<&[NodeId]> {
        match self.node(id).kind {
            Kind::Seq(range) => Some(range.slice(&self.items)),
            _ => None,
        }
    }

    /// A mapping's own entries as written, merge keys not applied.
    pub fn own_entries(&self, id: NodeId) -> Option<&[(NodeId, NodeId)]> {
        match self.node(id).kind {
            Kind::Map(range) => Some(range.slice(&self.pairs)),
            _ => None,
        }
    }

    pub fn is_map(&self, id: NodeId) -> bool {
        matches!(self.node(id).kind, Kind::Map(_))
    }

    /// The entries of a mapping with merge keys (`<<`) applied: own keys first, then merged keys that the
    /// mapping does not define itself. Empty for anything that is not a mapping. Borrowed (no allocation)
    /// for the usual mapping without merge keys.
    pub fn entries(&self, id: NodeId) -> Cow<'_, [(NodeId, NodeId)]> {
        match self.own_entries(id) {
            Some(entries) if !entries.iter().any(|&(k, _)| self.is_merge_key(k)) => Cow::Borrowed(entries),
            Some(_) => {
                let mut out = Vec::new();
                self.collect_entries(id, &mut out, &mut Vec::new(), 0);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(&[]),
        }
    }

    /// `merged` holds the mappings already merged: merging one twice adds nothing, and without it
    /// `<<: [*a, *a]` chains would take exponential time.
    fn collect_entries(&self, id: NodeId, out: &mut Vec<(NodeId, NodeId)>, merged: &mut Vec<NodeId>, depth: usize) {
        let Some(entries) = self.own_entries(id) else { return };
        let own_start = out.len();
        let mut merges = Vec::new();
        for &(k, v) in entries {
            if self.is_merge_key(k) {
                merges.push(v);
            } else if !out[own_start..].iter().any(|&(seen, _)| self.same_key(seen, k)) {
                out.push((k, v));
            }
        }
        if depth >= MAX_DEPTH {
            return;
        }
        for m in merges {
            let sources: Vec<NodeId> = match self.seq(m) {
                Some(items) => items.to_vec(),
                None => vec![m],
            };
            for source in sources {
                if merged.contains(&source) {
                    continue;
                }
                merged.push(source);
                let mut from_source = Vec::new();
                self.collect_entries(source, &mut from_source, merged, depth + 1);
                for (k, v) in from_source {
                    if !out.iter().any(|&(seen, _)| self.same_key(seen, k)) {
                        out.push((k, v));
                    }
                }
            }
        }
    }

    fn is_merge_key(&self, k: NodeId) -> bool {
        matches!(&self.node(k).kind, Kind::Scalar(s, Style::Plain) if s == "<<")
    }

    fn same_key(&self, a: NodeId, b: NodeId) -> bool {
        match (self.str(a), self.str(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }

    /// The value under a string key of a mapping, merge keys included.
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        let entries = self.own_entries(map)?;
        if let Some(&(_, v)) = entries.iter().find(|&&(k, _)| self.str(k) == Some(key) && !self.is_merge_key(k)) {
            return Some(v);
        }
        if !entries.iter().any(|&(k, _)| self.is_merge_key(k)) {
            return None;
        }
        self.entries(map).iter().find(|&&(k, _)| self.str(k) == Some(key)).map(|&(_, v)| v)
    }

    /// The string value under a key, if it is a scalar.
    pub fn get_str(&self, map: NodeId, key: &str) -> Option<&str> {
        self.get(map, key).and_then(|v| self.str(v))
    }
}

/// Bounds the nodes a walker visits, so aliases that fan out (a "billion laughs" document) cost bounded time.
pub struct Budget {
    left: usize,
    depth: usize,
}

impl Budget {
    pub fn for_document(doc: &Document) -> Budget {
        Budget { left: doc.len().saturating_mul(8).saturating_add(100_000), depth: 0 }
    }

    /// Spends one visit; false once the budget is exhausted.
    pub fn spend(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        true
    }

    /// Enters a node one level deeper than the last, spending one visit. False, with the budget spent,
    /// past [`MAX_DEPTH`]: aliases can chain nodes far deeper than the text nests, and recursion that
    /// deep would overflow the stack.
    pub fn descend(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.left = 0;
            return false;
        }
        self.depth += 1;
        self.spend()
    }

    /// Leaves the node entered by the matching [`Budget::descend`].
    pub fn ascend(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub fn exhausted(&self) -> bool {
        self.left == 0
    }
}

pub const BUDGET_MESSAGE: &str = "YAML aliases expand to too many nodes (an alias bomb?); the document was not fully checked";

struct Open {
    id: NodeId,
    pending_key: Option<NodeId>,
    anchor: usize,
    /// Where this collection's children start in the pending stacks.
    start: usize,
}

/// Children of the collections still open, innermost last; a collection's run moves into the document's
/// arena when it closes, so siblings stay contiguous.
#[derive(Default)]
struct Pending {
    items: Vec<NodeId>,
    pairs: Vec<(NodeId, NodeId)>,
}

/// Maps yaml-rust2's markers, which count characters, to byte offsets. Markers arrive in text order, so
/// one forward cursor suffices (and in ASCII text, the usual case, characters are bytes).
struct Offsets<'t> {
    text: &'t str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Offsets<'t> {
        Offsets { text, ascii: text.is_ascii(), chars: 0, bytes: 0 }
    }

    fn of(&mut self, mark: &Marker) -> usize {
        let index = mark.index();
        if self.ascii {
            return index.min(self.text.len());
        }
        if index < self.chars {
            // An error marker may point back; count from the start again.
            (self.chars, self.bytes) = (0, 0);
        }
        let skipped = self.text[self.bytes..].char_indices().nth(index - self.chars).map_or(self.text.len() - self.bytes, |(b, _)| b);
        (self.chars, self.bytes) = (index, self.bytes + skipped);
        self.bytes
    }
}

/// Where an error's marker points, by its line and column: at a line's end, an error marker's index
/// may still point at the line break it has read past.
fn error_offset(text: &str, mark: &Marker) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(mark.line().saturating_sub(1)).map(str::len).sum();
    let line = &text[line_start.min(text.len())..];
    line_start + line.char_indices().nth(mark.col()).map_or(line.len(), |(i, _)| i)
}

/// Where a scalar written at `start` ends: plain text after its last word (a plain scalar folds its
/// line breaks into spaces), quotes matched (escapes skipped), a block scalar after its first line.
fn scalar_end(text: &str, start: usize, value: &str, style: Style) -> usize {
    let rest = text.get(start..).unwrap_or("");
    match style {
        Style::Plain => {
            let mut end = 0;
            for word in value.split_whitespace() {
                match rest[end..].find(word) {
                    Some(i) => end += i + word.len(),
                    None => return start,
                }
            }
            start + end
        }
        Style::Quoted => {
            let mut chars = rest.char_indices();
            let Some((_, quote)) = chars.next() else { return start };
            let mut escaped = false;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    // `''` is a quote inside a single-quoted scalar.
                    '\'' if quote == '\'' && rest[i + 1..].starts_with('\'') => {
                        chars.next();
                    }
                    c if c == quote && !escaped => return start + i + 1,
                    _ => escaped = false,
                }
            }
            text.len()
        }
        Style::Block => start + rest.split('\n').next().unwrap_or("").trim_end().len(),
    }
}

fn tag_suffix(tag: Option<yaml_rust2::parser::Tag>) -> Option<Box<str>> {
    tag.map(|t| t.suffix.into_boxed_str())
}

/// Parses a YAML stream and calls `each` with every document in order. Stops at the first syntax error,
/// which is returned (documents before it have been delivered).
pub fn for_each_document(text: &str, mut each: impl FnMut(&Document)) -> Result<(), YamlError> {
    let mut parser = Parser::new_from_str(text);
    let mut doc = Document::default();
    let mut anchors: Vec<(usize, NodeId)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut pending = Pending::default();
    let mut index = 0;
    let mut offsets = Offsets::new(text);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => return Err(YamlError { span: Span::at(error_offset(text, e.marker())), message: e.info().to_string() }),
        };
        let offset = offsets.of(&mark);
        let error = |message: String| YamlError { span: Span::at(offset), message };
        // A node that is complete: a scalar, an alias, or a collection that just closed.
        let complete: (NodeId, usize) = match event {
            Event::StreamEnd => return Ok(()),
            Event::DocumentStart => {
                // Reuse the arena's allocation from one document to the next.
                doc.nodes.clear();
                doc.items.clear();
                doc.pairs.clear();
                doc.root = None;
                doc.index = index;
                anchors.clear();
                continue;
            }
            Event::DocumentEnd => {
                each(&doc);
                index += 1;
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let style = match style {
                    TScalarStyle::Plain => Style::Plain,
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                let span = Span::new(offset, scalar_end(text, offset, &value, style));
                let node = Node { kind: Kind::Scalar(value, style), tag: tag_suffix(tag), span };
                (push(&mut doc, node).ok_or_else(|| error(too_many()))?, anchor)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                let (kind, start) = match event {
                    Event::SequenceStart(..) => (Kind::Seq(Range::default()), pending.items.len()),
                    _ => (Kind::Map(Range::default()), pending.pairs.len()),
                };
                let id = push(&mut doc, Node { kind, tag: tag_suffix(tag.clone()), span: Span::at(offset) }).ok_or_else(|| error(too_many()))?;
                // The anchor is registered when the collection closes, so an alias inside it cannot form a cycle.
                stack.push(Open { id, pending_key: None, anchor, start });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(open) => {
                    close(&mut doc, &mut pending, &open);
                    (open.id, open.anchor)
                }
                None => continue,
            },
            Event::Alias(anchor) => match anchors.iter().rev().find(|(a, _)| *a == anchor) {
                Some(&(_, id)) => (id, 0),
                None => return Err(error("alias refers to an anchor that is not defined before it".into())),
            },
            Event::Nothing | Event::StreamStart => continue,
        };
        let (id, anchor) = complete;
        if anchor != 0 {
            anchors.push((anchor, id));
        }
        attach(&mut doc, &mut stack, &mut pending, id);
    }
}

fn too_many() -> String {
    format!("document has more than {MAX_NODES} nodes")
}

fn push(doc: &mut Document, node: Node) -> Option<NodeId> {
    if doc.nodes.len() >= MAX_NODES {
        return None;
    }
    doc.nodes.push(node);
    Some((doc.nodes.len() - 1) as NodeId)
}

/// Attaches a complete node to the collection being built, or makes it the document's root.
fn attach(doc: &mut Document, stack: &mut [Open], pending: &mut Pending, id: NodeId) {
    let Some(parent) = stack.last_mut() else {
        doc.root = Some(id);
        return;
    };
    match doc.nodes[parent.id as usize].kind {
        Kind::Seq(_) => pending.items.push(id),
        Kind::Map(_) => match parent.pending_key.take() {
            Some(key) => pending.pairs.push((key, id)),
            None => parent.pending_key = Some(id),
        },
        Kind::Scalar(..) => {}
    }
}

/// Moves a closing collection's children from the pending stack into the document's arena.
fn close(doc: &mut Document, pending: &mut Pending, open: &Open) {
    match &mut doc.nodes[open.id as usize].kind {
        Kind::Seq(range) => {
            *range = Range { start: doc.items.len() as u32, len: (pending.items.len() - open.start) as u32 };
            doc.items.extend(pending.items.drain(open.start..));
        }
        Kind::Map(range) => {
            *range = Range { start: doc.pairs.len() as u32, len: (pending.pairs.len() - open.start) as u32 };
            doc.pairs.extend(pending.pairs.drain(open.start..));
        }
        Kind::Scalar(..) => {}
    }
    // A block mapping's event marks its first value; it is written from its first key.
    if let Some(&(key, _)) = doc.own_entries(open.id).and_then(<[_]>::first) {
        let key_start = doc.nodes[key as usize].span.start;
        let span = &mut doc.nodes[open.id as usize].span;
        if key_start < span.start {
            *span = Span { start: key_start, end: key_start };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract other layers rely on: every scalar's span covers exactly the text written for it.
    #[test]
    fn scalar_spans_cover_what_is_written() {
        let text = "k: é\nimg: 'x''y'\nq: \"a\\\"b\" # c\nplain: one two  # c\nmulti: a\n  b\nblock: |\n  z\nt: !reference [x]\n";
        let mut seen = Vec::new();
        for_each_document(text, |d| {
            for &(k, v) in d.entries(d.root().unwrap()).iter() {
                let span = d.node(v).span;
                seen.push((d.str(k).unwrap().to_string(), &text[span.start as usize..span.end as usize], d.node(v).tag.as_deref().map(str::to_string)));
            }
        })
        .unwrap();
        let seen: Vec<(&str, &str, Option<&str>)> = seen.iter().map(|(k, w, t)| (k.as_str(), *w, t.as_deref())).collect();
        assert_eq!(
            seen,
            [("k", "é", None), ("img", "'x''y'", None), ("q", "\"a\\\"b\"", None), ("plain", "one two", None), ("multi", "a\n  b", None), ("block", "z", None), ("t", "", Some("reference"))]
        );
    }

    #[test]
    fn errors_point_at_bytes() {
        let text = "é: [a\n";
        let err = for_each_document(text, |_| {}).unwrap_err();
        assert_eq!(err.span, Span::at(text.len()));
        let err = for_each_document("a: *nope\n", |_| {}).unwrap_err();
        assert_eq!((err.span, err.message.as_str()), (Span::at(3), "while parsing node, found unknown anchor"));
    }

    #[test]
    fn merge_keys_and_aliases_resolve_to_the_written_node() {
        let text = "base: &b {image: a, x: 1}\nsvc:\n  <<: *b\n  x: 2\n";
        let mut seen = Vec::new();
        for_each_document(text, |d| {
            let svc = d.get(d.root().unwrap(), "svc").unwrap();
            let image = d.get(svc, "image").unwrap();
            seen.push((d.str(image).unwrap().to_string(), d.node(image).span.start, d.get_str(svc, "x").unwrap().to_string()));
        })
        .unwrap();
        assert_eq!(seen, vec![("a".to_string(), 17, "2".to_string())]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = for_each_document(&text, |_| {}).unwrap_err();
        assert_eq!(err.span, Span::at(255));
        let block: String = (0..300).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let err = for_each_document(&block, |_| {}).unwrap_err();
        assert!(err.message.contains("nesting deeper"), "{}", err.message);
    }

    #[test]
    fn merge_chains_take_linear_time() {
        let mut text = String::from("m0: &m0 {k: v}\n");
        for i in 1..200 {
            text.push_str(&format!("m{i}: &m{i} {{<<: [*m{}, *m{}]}}\n", i - 1, i - 1));
        }
        text.push_str("top: {<<: *m199}\n");
        let mut found = None;
        for_each_document(&text, |d| {
            let top = d.get(d.root().unwrap(), "top").unwrap();
            found = d.get_str(top, "k").map(str::to_string);
        })
        .unwrap();
        assert_eq!(found.as_deref(), Some("v"));
    }

    #[test]
    fn self_referencing_alias_is_rejected() {
        assert!(for_each_document("a: &x [*x]\n", |_| {}).is_err());
    }
}
