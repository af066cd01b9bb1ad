//! YAML (and JSON, which is read as YAML) documents with source positions.
//!
//! A small arena tree built from the event stream of yaml-rust2's parser (kept in [`syntax`] to read what
//! libyaml reads), one document at a time, so memory is bounded by the largest document rather than the
//! whole file. Aliases point at the anchored node instead of copying it, so an alias bomb costs nothing to
//! load; walkers bound their visits with [`Budget`]. Nesting deeper than [`MAX_DEPTH`] is an error rather
//! than a stack overflow.
//!
//! A key written twice in one mapping is kept twice: consumers disagree on which value wins, so
//! [`Document::duplicates`] says where, and [`Document::read_each_value`] lets a reader see every value.
//! Comments are found as the text between scalars is passed ([`read_with_comments`]).

pub mod syntax;
pub mod value;

use crate::model::Span;
use std::borrow::Cow;
use std::cell::Cell;
use foldhash::{HashMap, HashMapExt};
use syntax::parser::{Event, Parser};
use syntax::scanner::{Marker, TScalarStyle};

/// Deepest collection nesting accepted; real manifests stay far below it.
pub const MAX_DEPTH: usize = 256;
/// Most nodes one document may hold.
pub const MAX_NODES: usize = 4_000_000;
/// Most readings [`Document::read_each_value`] makes: past this many repeated keys in one document, the
/// repeats are still reported, but their values are not read.
pub const MAX_READINGS: usize = 64;

pub type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub enum Kind {
    /// The value, a range of the document's scalar text ([`Document::text`]).
    Scalar(Range, Style),
    /// Items, a range of the document's item arena ([`Document::seq`]).
    Seq(Range),
    /// Entries, a range of the document's entry arena ([`Document::entries`]).
    Map(Range),
}

/// A run of children in one of the document's arenas, or of its scalar text: one allocation for all
/// collections and one for all scalars, not one each.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    start: u32,
    len: u32,
}

impl Range {
    fn slice<T>(self, arena: &[T]) -> &[T] {
        arena.get(self.start as usize..(self.start + self.len) as usize).unwrap_or(&[])
    }

    fn text(self, arena: &str) -> &str {
        arena.get(self.start as usize..(self.start + self.len) as usize).unwrap_or("")
    }
}

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    /// Local tag suffix as written (`reference` for GitLab's `!reference`), if any.
    pub tag: Option<Box<str>>,
    /// Where the node is written: a scalar as written (quotes included; a block scalar's content lines,
    /// not its header), a collection at its start.
    pub span: Span,
    /// The last node of the subtree written here (nodes are numbered in text order).
    last: NodeId,
}

/// A key written again in the mapping that already has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The key node written first, and the repeat with its value.
    pub first: NodeId,
    pub repeat: NodeId,
    pub value: NodeId,
    /// Where the mapping is in the document: the keys and item indexes leading to it, `/`-separated.
    pub path: String,
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
    /// Every scalar's value, one after the other.
    text: String,
    items: Vec<NodeId>,
    pairs: Vec<(NodeId, NodeId)>,
    root: Option<NodeId>,
    /// 0-based index of the document in its stream.
    pub index: usize,
    /// Keys written again in the same mapping, in the order their mappings close.
    duplicates: Vec<Duplicate>,
    /// The mappings with a merge key (`<<`) among their own, sorted: known as they close, so that the
    /// usual mapping (of the usual document, which has none) is read without looking for one.
    merging: Vec<NodeId>,
    /// The node the current reading is for: [`Document::get`] gives the value of a repeated key that
    /// holds it, else the first (see [`Document::read_each_value`]).
    reading: Cell<Option<NodeId>>,
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
        match self.node(id).kind {
            Kind::Scalar(text, _) => Some(self.text(text)),
            _ => None,
        }
    }

    /// A scalar's value.
    pub fn text(&self, text: Range) -> &str {
        text.text(&self.text)
    }

    /// Whether a node is an explicit null (`~`, `null`, or nothing at all).
    pub fn is_null(&self, id: NodeId) -> bool {
        matches!(self.node(id).kind, Kind::Scalar(s, Style::Plain) if matches!(self.text(s), "" | "~" | "null" | "Null" | "NULL"))
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
            Some(entries) if !self.merges(id) => Cow::Borrowed(entries),
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
        let mut merges = Vec::new();
        for &(k, v) in entries {
            // A repeated own key is kept: every value written is there to be read.
            if self.is_merge_key(k) {
                merges.push(v);
            } else {
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

    /// Whether a mapping has a merge key among its own.
    fn merges(&self, map: NodeId) -> bool {
        !self.merging.is_empty() && self.merging.binary_search(&map).is_ok()
    }

    #[inline]
    fn is_merge_key(&self, k: NodeId) -> bool {
        matches!(self.node(k).kind, Kind::Scalar(s, Style::Plain) if self.text(s) == "<<")
    }

    fn same_key(&self, a: NodeId, b: NodeId) -> bool {
        match (self.str(a), self.str(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }

    /// The value under a string key of a mapping, merge keys included (a key the mapping writes itself
    /// overrides a merged one). Of a key written several times, the first value, or in a reading of
    /// [`Document::read_each_value`] the one that holds the node read.
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        let entries = self.own_entries(map)?;
        let merges = self.merges(map);
        let mut found = None;
        for &(_, v) in entries.iter().filter(|&&(k, _)| self.str(k) == Some(key) && !(merges && self.is_merge_key(k))) {
            if found.is_none() || self.holds_read_node(v) {
                found = Some(v);
            }
            if self.reading.get().is_none() {
                break;
            }
        }
        if found.is_some() || !merges {
            return found;
        }
        self.entries(map).iter().find(|&&(k, _)| self.str(k) == Some(key)).map(|&(_, v)| v)
    }

    /// A mapping's string keys with the value [`Document::get`] gives for each: for a mapping looked up
    /// many times (a pipeline's jobs by name), in constant time per lookup.
    pub fn index(&self, map: NodeId) -> HashMap<&str, NodeId> {
        let mut values: HashMap<&str, NodeId> = HashMap::new();
        // Own keys come first in `entries`, and merged ones never repeat them.
        for &(k, v) in self.entries(map).iter() {
            let Some(key) = self.str(k) else { continue };
            let value = values.entry(key).or_insert(v);
            if self.holds_read_node(v) {
                *value = v;
            }
        }
        values
    }

    /// Whether the subtree written at `id` holds the node the current reading is for.
    fn holds_read_node(&self, id: NodeId) -> bool {
        self.reading.get().is_some_and(|read| (id..=self.node(id).last).contains(&read))
    }

    /// Keys written more than once in one mapping, each repeat with the first key it repeats.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Calls `read` with [`Document::get`] giving the first value of every repeated key, then once more
    /// for each repeat, with `get` giving the repeat's value (and, above it, the values that hold it):
    /// every value written is read, whichever one a consumer keeps. At most [`MAX_READINGS`] readings.
    pub fn read_each_value(&self, mut read: impl FnMut(&Document)) {
        read(self);
        for duplicate in self.duplicates.iter().take(MAX_READINGS - 1) {
            self.reading.set(Some(duplicate.value));
            read(self);
        }
        self.reading.set(None);
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
    /// A mapping (else a sequence): known here, so that attaching a child need not look at the node.
    map: bool,
    pending_key: Option<NodeId>,
    /// A merge key (`<<`) is among the mapping's keys so far.
    merges: bool,
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

/// Where an error's marker points, by its line and column: at a line's end, an error marker's index
/// may still point at the line break it has read past.
fn error_offset(text: &str, mark: &Marker) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(mark.line().saturating_sub(1)).map(str::len).sum();
    let line = &text[line_start.min(text.len())..];
    line_start + line.char_indices().nth(mark.col()).map_or(line.len(), |(i, _)| i)
}

/// Where a scalar written at `start` ends: plain text after its last word (a plain scalar folds its
/// line breaks into spaces), quotes matched (escapes skipped), a block scalar after its last content line.
fn scalar_end(text: &str, start: usize, value: &str, style: Style) -> usize {
    let rest = text.get(start..).unwrap_or("");
    match style {
        // A plain value that reads as written is borrowed from the text, and ends where it does without
        // coming here (see `read_with_comments`); this one was folded across lines.
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
        // Byte by byte: the quotes and the backslash are ASCII, so no byte of another character matches.
        Style::Quoted => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            match rest.chars().next() {
                Some('"') => {
                    while let Some(&b) = bytes.get(i) {
                        match b {
                            b'\\' => i += 2,
                            b'"' => return start + i + 1,
                            _ => i += 1,
                        }
                    }
                }
                Some('\'') => {
                    while let Some(&b) = bytes.get(i) {
                        match (b, bytes.get(i + 1)) {
                            // `''` is a quote inside a single-quoted scalar.
                            (b'\'', Some(b'\'')) => i += 2,
                            (b'\'', _) => return start + i + 1,
                            _ => i += 1,
                        }
                    }
                }
                // Not from the parser, which marks a quoted scalar at its quote.
                _ => return start,
            }
            text.len()
        }
        Style::Block if value.is_empty() => start,
        Style::Block => block_end(text, start),
    }
}

/// Where a block scalar whose content starts at `start` ends. The parser marks the content's first line
/// at the content's indentation; every later line indented at least as much, or blank, is content too.
/// (The next node may start sooner: the caller clamps to it.)
fn block_end(text: &str, start: usize) -> usize {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..start].chars().count();
    let mut end = start + text[start..].split('\n').next().unwrap_or("").trim_end().len();
    let mut at = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
    while at < text.len() {
        let line = text[at..].split('\n').next().unwrap_or("");
        let body = line.trim_start_matches(' ');
        if !body.trim().is_empty() {
            if line.len() - body.len() < indent {
                break;
            }
            end = at + line.trim_end().len();
        }
        at += line.len() + 1;
    }
    end
}

/// Finds the comments in the text between scalars: a `#` at a line's start or after white space there
/// starts a comment to the end of its line. Scalars arrive in text order, so one cursor suffices.
struct Comments<'c> {
    found: &'c mut Vec<Span>,
    /// Text before this is read.
    cursor: usize,
    /// Where the first `#` at or after the cursor is (the text's length if none), once looked for: most
    /// scalars have no `#` before them, and knowing so then costs nothing.
    next_hash: Option<usize>,
}

impl Comments<'_> {
    fn new(found: &mut Vec<Span>) -> Comments<'_> {
        Comments { found, cursor: 0, next_hash: None }
    }

    /// Reads the text from the cursor up to `until`, where a scalar starts.
    #[inline]
    fn read_to(&mut self, text: &str, until: usize) {
        let until = until.min(text.len());
        // The usual case, inlined: the next `#` is known to be past `until`, so there is nothing to read.
        if self.next_hash.is_some_and(|at| at >= until && at >= self.cursor) {
            self.cursor = self.cursor.max(until);
            return;
        }
        self.read_comments_to(text, until);
    }

    fn read_comments_to(&mut self, text: &str, until: usize) {
        while self.cursor < until {
            let hash = match self.next_hash {
                Some(at) if at >= self.cursor => at,
                _ => text[self.cursor..].find('#').map_or(text.len(), |i| self.cursor + i),
            };
            self.next_hash = Some(hash);
            if hash >= until {
                break;
            }
            let line_end = text[hash..].find('\n').map_or(text.len(), |i| hash + i);
            if hash == 0 || text[..hash].ends_with([' ', '\t', '\n', '\r']) {
                self.found.push(Span::new(hash, hash + text[hash..line_end].trim_end().len()));
                self.cursor = line_end;
            } else {
                self.cursor = hash + 1;
            }
        }
        self.cursor = self.cursor.max(until);
    }

    /// Passes over a scalar's text.
    fn skip(&mut self, span: Span) {
        self.cursor = self.cursor.max(span.end as usize);
    }
}

#[inline]
fn tag_suffix(tag: Option<Box<syntax::parser::Tag>>) -> Option<Box<str>> {
    tag.map(|t| t.suffix.into_boxed_str())
}

/// Parses a YAML stream and calls `each` with every document in order. Stops at the first syntax error,
/// which is returned (documents before it have been delivered).
pub fn for_each_document(text: &str, each: impl FnMut(&Document)) -> Result<(), YamlError> {
    read_with_comments(text, each, &mut Vec::new())
}

/// [`for_each_document`], noting in `comments` every comment read (up to a syntax error): from its `#` to
/// its line's end.
pub fn read_with_comments(text: &str, mut each: impl FnMut(&Document), comments: &mut Vec<Span>) -> Result<(), YamlError> {
    // The parser takes NUL for the end of the text and would drop what follows; YAML allows no NUL.
    if let Some(at) = text.find('\0') {
        return Err(YamlError { span: Span::at(at), message: "a NUL byte is not allowed in YAML (is this a binary file?)".into() });
    }
    let mut comments = Comments::new(comments);
    // A block scalar's end is known for sure only when the next node starts.
    let mut open_block: Option<NodeId> = None;
    let mut parser = Parser::new_from_str(text);
    let mut doc = Document::default();
    let mut anchors: Vec<(usize, NodeId)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut pending = Pending::default();
    let mut index = 0;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => return Err(YamlError { span: Span::at(error_offset(text, e.marker())), message: e.info().to_string() }),
        };
        let offset = mark.offset().min(text.len());
        if let Some(block) = open_block.take() {
            let span = &mut doc.nodes[block as usize].span;
            if (span.start as usize) <= offset && offset < span.end as usize {
                *span = Span::new(span.start as usize, text[..offset].trim_end().len().max(span.start as usize));
            }
            comments.skip(*span);
        }
        let error = |message: String| YamlError { span: Span::at(offset), message };
        // A node that is complete: a scalar, an alias, or a collection that just closed.
        let complete: (NodeId, usize) = match event {
            Event::StreamEnd => {
                comments.read_to(text, text.len());
                return Ok(());
            }
            Event::DocumentStart => {
                // Reuse the arena's allocation from one document to the next.
                doc.nodes.clear();
                doc.text.clear();
                doc.items.clear();
                doc.pairs.clear();
                doc.root = None;
                doc.index = index;
                doc.duplicates.clear();
                doc.merging.clear();
                anchors.clear();
                continue;
            }
            Event::DocumentEnd => {
                // Mappings close children first.
                doc.merging.sort_unstable();
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
                let end = match (&value, style) {
                    // A plain value borrowed from the text is the text from where it starts.
                    (Cow::Borrowed(written), Style::Plain) => offset + written.len(),
                    _ => scalar_end(text, offset, &value, style),
                };
                let span = Span::new(offset, end);
                comments.read_to(text, offset);
                let text = Range { start: doc.text.len() as u32, len: value.len() as u32 };
                doc.text.push_str(&value);
                let node = Node { kind: Kind::Scalar(text, style), tag: tag_suffix(tag), span, last: 0 };
                let id = push(&mut doc, node).ok_or_else(|| error(too_many()))?;
                match style {
                    Style::Block => open_block = Some(id),
                    _ => comments.skip(span),
                }
                (id, anchor)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                let (kind, start) = match event {
                    Event::SequenceStart(..) => (Kind::Seq(Range::default()), pending.items.len()),
                    _ => (Kind::Map(Range::default()), pending.pairs.len()),
                };
                let id = push(&mut doc, Node { kind, tag: tag_suffix(tag.clone()), span: Span::at(offset), last: 0 }).ok_or_else(|| error(too_many()))?;
                // The anchor is registered when the collection closes, so an alias inside it cannot form a cycle.
                stack.push(Open { id, map: matches!(event, Event::MappingStart(..)), pending_key: None, merges: false, anchor, start });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(open) => {
                    close(&mut doc, &mut pending, &open);
                    let repeats = repeated_keys(&doc, open.id, open.merges);
                    if !repeats.is_empty() {
                        let path = path(&doc, &stack, &pending);
                        doc.duplicates.extend(repeats.into_iter().map(|(first, repeat, value)| Duplicate { first, repeat, value, path: path.clone() }));
                    }
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
    let id = doc.nodes.len() as NodeId;
    doc.nodes.push(Node { last: id, ..node });
    Some(id)
}

/// Attaches a complete node to the collection being built, or makes it the document's root.
fn attach(doc: &mut Document, stack: &mut [Open], pending: &mut Pending, id: NodeId) {
    let Some(parent) = stack.last_mut() else {
        doc.root = Some(id);
        return;
    };
    if !parent.map {
        pending.items.push(id);
        return;
    }
    match parent.pending_key.take() {
        Some(key) => pending.pairs.push((key, id)),
        None => {
            parent.pending_key = Some(id);
            parent.merges |= doc.is_merge_key(id);
        }
    }
}

/// Moves a closing collection's children from the pending stack into the document's arena.
fn close(doc: &mut Document, pending: &mut Pending, open: &Open) {
    doc.nodes[open.id as usize].last = (doc.nodes.len() - 1) as NodeId;
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
    if open.merges {
        doc.merging.push(open.id);
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

/// The keys a mapping repeats: the first key, the repeat and its value (merge keys aside: `<<` is no key
/// of its own).
fn repeated_keys(doc: &Document, map: NodeId, merges: bool) -> Vec<(NodeId, NodeId, NodeId)> {
    /// Most mappings are small: comparing keys pairwise is cheaper than hashing them.
    const SMALL: usize = 16;
    let entries = doc.own_entries(map).unwrap_or(&[]);
    let mut repeats = Vec::new();
    if entries.len() < 2 {
        return repeats;
    }
    let key = |k: NodeId| doc.str(k).filter(|_| !(merges && doc.is_merge_key(k)));
    if entries.len() <= SMALL {
        // Each key read once.
        let mut names: [Option<&str>; SMALL] = [None; SMALL];
        for (i, &(k, v)) in entries.iter().enumerate() {
            names[i] = key(k);
            let Some(name) = names[i] else { continue };
            if let Some(first) = names[..i].iter().position(|&earlier| earlier == Some(name)) {
                repeats.push((entries[first].0, k, v));
            }
        }
        return repeats;
    }
    let mut first: HashMap<&str, NodeId> = HashMap::new();
    for &(k, v) in entries {
        let Some(name) = key(k) else { continue };
        let at = *first.entry(name).or_insert(k);
        if at != k {
            repeats.push((at, k, v));
        }
    }
    repeats
}

/// The path of the node being built at the top of `stack`: each open mapping's key, each open
/// sequence's item index.
fn path(doc: &Document, stack: &[Open], pending: &Pending) -> String {
    let mut parts = Vec::new();
    // A sequence's items so far end where the next open sequence's start.
    let mut items_end = pending.items.len();
    for open in stack.iter().rev() {
        match doc.nodes[open.id as usize].kind {
            Kind::Seq(_) => {
                parts.push((items_end - open.start).to_string());
                items_end = open.start;
            }
            _ => parts.push(open.pending_key.and_then(|k| doc.str(k)).unwrap_or("?").to_string()),
        }
    }
    parts.reverse();
    parts.join("/")
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

    /// A `#` is a comment only outside every scalar: quoted, plain and block scalars hold theirs.
    #[test]
    fn comments_are_found_outside_scalars_only() {
        let text = "# top\na: \"# q\" # c1\nb: [x, '# s'] # c2\nc: |\n  # in block\n   # deeper\n# after block\nd: e#f\n  # c3\ne: >2\n    # in folded\n  # also in it\n";
        let mut comments = Vec::new();
        read_with_comments(text, |_| {}, &mut comments).unwrap();
        let found: Vec<&str> = comments.iter().map(|c| &text[c.start as usize..c.end as usize]).collect();
        assert_eq!(found, ["# top", "# c1", "# c2", "# after block", "# c3"]);
    }

    #[test]
    fn block_scalar_spans_cover_their_content() {
        let text = "a: |\n  one\n\n   two\nb: x\n";
        let mut spans = Vec::new();
        for_each_document(text, |d| spans.push(d.node(d.get(d.root().unwrap(), "a").unwrap()).span)).unwrap();
        assert_eq!(spans, [Span::new(7, 18)]);
        assert_eq!(&text[7..18], "one\n\n   two");
        // Written from the first column, a document's block scalar ends where the next document starts,
        // which its lines' indentation does not tell: the span is cut where the next event is.
        let text = "--- |\nfoo\n# not a comment\n--- x\n";
        let mut spans = Vec::new();
        for_each_document(text, |d| spans.push(d.node(d.root().unwrap()).span)).unwrap();
        assert_eq!(spans, [Span::new(6, 25), Span::new(30, 31)]);
        assert_eq!(&text[6..25], "foo\n# not a comment");
    }

    /// What libyaml (GitLab, PyYAML) reads and YAML 1.2 does not allow, with spans as for any scalar: a
    /// flow sequence closed at its key's column, a quoted scalar continued left of its key, a tab after
    /// `:`, a comment right after `]`.
    #[test]
    fn reads_what_libyaml_reads() {
        let text = "app:\n  command: [\n    \"start\",\n    \"--uri\", \"file:./x.json\"\n  ]\n  image: \"nginx\n :1\"\n  tag:\tv1\n  args: [a]# c\n";
        let mut seen = Vec::new();
        for_each_document(text, |d| {
            let app = d.get(d.root().unwrap(), "app").unwrap();
            let command = d.seq(d.get(app, "command").unwrap()).unwrap();
            let image = d.get(app, "image").unwrap();
            for &id in command.iter().chain([&image, &d.get(app, "tag").unwrap(), &d.seq(d.get(app, "args").unwrap()).unwrap()[0]]) {
                let span = d.node(id).span;
                seen.push((d.str(id).unwrap().to_string(), text[span.start as usize..span.end as usize].to_string()));
            }
        })
        .unwrap();
        let seen: Vec<(&str, &str)> = seen.iter().map(|(v, w)| (v.as_str(), w.as_str())).collect();
        assert_eq!(seen, [("start", "\"start\""), ("--uri", "\"--uri\""), ("file:./x.json", "\"file:./x.json\""), ("nginx :1", "\"nginx\n :1\""), ("v1", "v1"), ("a", "a")]);
    }

    /// libyaml's rejections stay: a plain scalar continued at its key's column, a block sequence after a tab.
    #[test]
    fn rejects_what_libyaml_rejects() {
        for text in ["a:\n  b: x\n  y\n", "a:\t- x\n", "a: \"x\n---\ny\"\n", "a: [x\n"] {
            assert!(for_each_document(text, |_| {}).is_err(), "{text:?}");
        }
    }

    /// Nodes are counted in text order from the root, the first; a walker's budget grows with their number.
    #[test]
    fn documents_count_their_nodes() {
        let mut counted = Vec::new();
        for_each_document("a: [1, 2]\n--- x\n", |d| counted.push((d.root(), d.len(), d.is_empty(), Budget::for_document(d).left))).unwrap();
        assert_eq!(counted, [(Some(0), 5, false, 100_040), (Some(0), 1, false, 100_008)]);
        let empty = Document::default();
        assert_eq!((empty.root(), empty.len(), empty.is_empty(), Budget::for_document(&empty).left), (None, 0, true, 100_000));
    }

    #[test]
    fn a_nul_byte_is_an_error_not_the_end_of_the_text() {
        let err = for_each_document("a: b\0c\nd: e\n", |_| {}).unwrap_err();
        assert_eq!(err.span, Span::at(4));
    }

    /// Every value of a repeated key is read once, each with the values that hold it; merge keys that a
    /// mapping overrides are not repeats.
    #[test]
    fn repeated_keys_are_reported_and_every_value_read() {
        let text = "base: &b {image: m}\njobs:\n  j: {<<: *b, image: a, image: b}\njobs:\n  k: {image: c, image: d}\n";
        let mut duplicates = Vec::new();
        let mut read = Vec::new();
        for_each_document(text, |d| {
            duplicates = d.duplicates().iter().map(|x| (d.str(x.repeat).unwrap().to_string(), x.path.clone())).collect();
            d.read_each_value(|d| {
                let jobs = d.get(d.root().unwrap(), "jobs").unwrap();
                for (name, job) in d.index(jobs) {
                    read.push(format!("{name}={}", d.get_str(job, "image").unwrap()));
                }
            });
        })
        .unwrap();
        assert_eq!(duplicates, [("image".to_string(), "jobs/j".to_string()), ("image".to_string(), "jobs/k".to_string()), ("jobs".to_string(), String::new())]);
        assert_eq!(read, ["j=a", "j=b", "k=d", "k=c"]);
    }

    /// [`MAX_READINGS`] readings at most, the first included: past that, repeats are reported, not read.
    #[test]
    fn readings_are_bounded() {
        let text: String = (0..70).map(|i| format!("k: {i}\n")).collect();
        let (mut repeats, mut read) = (0, Vec::new());
        for_each_document(&text, |d| {
            repeats = d.duplicates().len();
            d.read_each_value(|d| read.push(d.get_str(d.root().unwrap(), "k").unwrap().to_string()));
        })
        .unwrap();
        let expected: Vec<String> = (0..MAX_READINGS).map(|i| i.to_string()).collect();
        assert_eq!((repeats, read), (69, expected));
    }

    /// A walker goes [`MAX_DEPTH`] levels down and no further, which spends the budget; going up makes
    /// room again, so siblings never add up to depth.
    #[test]
    fn budget_bounds_depth_not_siblings() {
        let mut budget = Budget::for_document(&Document::default());
        let siblings = (0..1_000).all(|_| {
            let entered = budget.descend();
            budget.ascend();
            entered
        });
        let down: Vec<bool> = (0..=MAX_DEPTH).map(|_| budget.descend()).collect();
        assert_eq!((siblings, down.iter().filter(|&&d| d).count(), down[MAX_DEPTH], budget.exhausted()), (true, MAX_DEPTH, false, true));
    }

    /// A document's top-level block scalar may be written from the first column, and ends where the next
    /// document starts (`---`) as where one ends (`...`): the marker is no content line.
    #[test]
    fn document_markers_end_a_top_level_block_scalar() {
        for text in ["--- |\nfoo\n--- x\n", "--- >\nfoo\n...\n--- x\n", "--- |\n  foo\n---\nx\n"] {
            let mut read = Vec::new();
            for_each_document(text, |d| read.push(d.str(d.root().unwrap()).unwrap().to_string())).unwrap();
            assert_eq!(read, ["foo\n", "x"], "{text:?}");
        }
    }

    /// An empty block scalar is written nowhere: the comment after it is a comment, not its content.
    #[test]
    fn empty_block_scalars_hold_nothing() {
        for (text, at) in [("a: |\n# c\n", 5), ("a: >-\n# c\nb: x\n", 6), ("- |\n# c\n", 4)] {
            let mut comments = Vec::new();
            let mut spans = Vec::new();
            read_with_comments(
                text,
                |d| {
                    let root = d.root().unwrap();
                    let value = d.get(root, "a").or_else(|| d.seq(root).map(|items| items[0])).unwrap();
                    spans.push((d.str(value).unwrap().to_string(), d.node(value).span));
                },
                &mut comments,
            )
            .unwrap();
            assert_eq!((spans, comments), (vec![(String::new(), Span::at(at))], vec![Span::new(at, at + 3)]), "{text:?}");
        }
    }

    /// A quoted scalar ends at its closing quote, wherever its escapes (`\"`, `''`) fall, however long.
    #[test]
    fn quoted_spans_end_at_the_closing_quote() {
        let text = "a: 'ab'''\nb: \"abc\\\"\"\nc: 'x''y''z'\nd: \"x\n  \\\"y\"\n";
        let mut seen = Vec::new();
        for_each_document(text, |d| {
            for &(_, v) in d.own_entries(d.root().unwrap()).unwrap() {
                let span = d.node(v).span;
                seen.push((d.str(v).unwrap().to_string(), text[span.start as usize..span.end as usize].to_string()));
            }
        })
        .unwrap();
        let seen: Vec<(&str, &str)> = seen.iter().map(|(v, w)| (v.as_str(), w.as_str())).collect();
        assert_eq!(seen, [("ab'", "'ab'''"), ("abc\"", "\"abc\\\"\""), ("x'y'z", "'x''y''z'"), ("x \"y", "\"x\n  \\\"y\"")]);
    }

    /// More than [`MAX_NODES`] nodes in one document is an error that says so, at the node past the limit.
    #[test]
    fn too_many_nodes_is_an_error() {
        let text = format!("[{}]\n", "0,".repeat(MAX_NODES));
        let err = for_each_document(&text, |_| {}).unwrap_err();
        assert_eq!((err.span, err.message.as_str()), (Span::at(2 * MAX_NODES - 1), "document has more than 4000000 nodes"));
    }

    /// A value holds the nodes written inside it, and none after it: reading the repeat of a key written
    /// right after a repeated list, the list is the first one.
    #[test]
    fn values_hold_only_their_own_nodes() {
        let text = "z: 0\nk: [a]\nk: [b]\nz: 1\n";
        let mut read = Vec::new();
        for_each_document(text, |d| {
            d.read_each_value(|d| {
                let root = d.root().unwrap();
                let k = d.seq(d.get(root, "k").unwrap()).unwrap()[0];
                read.push(format!("{}{}", d.str(k).unwrap(), d.get_str(root, "z").unwrap()));
            });
        })
        .unwrap();
        assert_eq!(read, ["a0", "b0", "a1"]);
    }

    /// A reading holds a value when the node read is inside it, not when it is written right after it:
    /// here `x` (read through the alias `*n`) follows the last `p`'s list.
    #[test]
    fn a_value_ends_at_its_own_last_node() {
        let text = "s:\n  - {p: [a], p: [b]}\n  - &n x\nk: 1\nk: *n\n";
        let mut read = Vec::new();
        for_each_document(text, |d| {
            d.read_each_value(|d| {
                let m = d.seq(d.get(d.root().unwrap(), "s").unwrap()).unwrap()[0];
                read.push(d.str(d.seq(d.get(m, "p").unwrap()).unwrap()[0]).unwrap().to_string());
            });
        })
        .unwrap();
        assert_eq!(read, ["a", "b", "a"]);
    }

    /// Repeated keys are found the same in a mapping of more than 16 keys (looked up by hash) as in a small one.
    #[test]
    fn repeated_keys_of_a_large_mapping() {
        for size in [4, 20] {
            let text: String = (0..size).map(|i| format!("k{i}: {i}\n")).collect::<String>() + "k2: again\n";
            let mut found = Vec::new();
            for_each_document(&text, |d| {
                found = d.duplicates().iter().map(|dup| (d.str(dup.first).unwrap().to_string(), d.str(dup.value).unwrap().to_string())).collect();
            })
            .unwrap();
            assert_eq!(found, [("k2".to_string(), "again".to_string())], "{size} keys");
        }
    }

    #[test]
    fn errors_point_at_bytes() {
        // At the end of the text, after a line break or not.
        for text in ["é: [a\n", "é: [a"] {
            let err = for_each_document(text, |_| {}).unwrap_err();
            assert_eq!(err.span, Span::at(text.len()), "{text:?}");
        }
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

    /// A mapping without merge keys lends its own entries (no allocation); one with merge keys gets them
    /// applied, in a new list, its own keys first and overriding the merged ones (a key that is no scalar
    /// is its node); anything else has none.
    #[test]
    fn entries_are_borrowed_without_merge_keys() {
        let text = "base: &b {x: 1, w: 0}\nplain: {y: 2}\nmerged: {<<: *b, x: 3, z: 4}\nlisted: &l\n  ? [1]\n  : a\nmerged_list: {<<: *l, x: 5}\n";
        let mut seen = Vec::new();
        for_each_document(text, |d| {
            for name in ["plain", "merged", "base", "merged_list"] {
                let map = d.get(d.root().unwrap(), name).unwrap();
                let entries = d.entries(map);
                let pairs: Vec<String> = entries.iter().map(|&(k, v)| format!("{}={}", d.str(k).unwrap_or("[1]"), d.str(v).unwrap())).collect();
                seen.push((name, matches!(entries, Cow::Borrowed(_)), pairs));
            }
            let scalar = d.get(d.get(d.root().unwrap(), "plain").unwrap(), "y").unwrap();
            seen.push(("y", matches!(d.entries(scalar), Cow::Borrowed(&[])), Vec::new()));
        })
        .unwrap();
        let pairs = |p: &[&str]| p.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(
            seen,
            [
                ("plain", true, pairs(&["y=2"])),
                ("merged", false, pairs(&["x=3", "z=4", "w=0"])),
                ("base", true, pairs(&["x=1", "w=0"])),
                ("merged_list", false, pairs(&["x=5", "[1]=a"])),
                ("y", true, Vec::new()),
            ]
        );
    }

    /// Merge keys are followed [`MAX_DEPTH`] mappings deep: a chain of them costs bounded recursion.
    #[test]
    fn merge_chains_stop_at_the_depth_limit() {
        let mut text = String::from("m0: &m0 {k0: v}\n");
        for i in 1..300 {
            text.push_str(&format!("m{i}: &m{i} {{<<: *m{}, k{i}: v}}\n", i - 1));
        }
        text.push_str("top: {<<: *m299}\n");
        let mut found = Vec::new();
        for_each_document(&text, |d| {
            let top = d.get(d.root().unwrap(), "top").unwrap();
            found = ["k299", "k44", "k43", "k0"].map(|k| d.get(top, k).is_some()).to_vec();
        })
        .unwrap();
        assert_eq!(found, [true, true, false, false]);
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
