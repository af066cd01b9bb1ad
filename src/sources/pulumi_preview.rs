//! Pulumi previews saved as JSON (`pulumi preview --json > preview.json`): the declared side of Pulumi
//! resources for the lock. They make no references; a preview that is not valid JSON, not of the shape
//! Pulumi writes, or that declares a URN twice is a parse error here, so no lock is built from it.

use super::{Content, Extraction, FileName, Kind, Reader, Resources};
use crate::model::{SourceError, Span};
use serde_json::Value;
use std::collections::HashMap;

pub const KIND: Kind = Kind {
    name: "pulumi-preview",
    label: "Pulumi preview (JSON)",
    named: |_: &FileName| false,
    content: Some(Content { priority: 76, looks_like, while_walking: true }),
    reader: Reader::Text(extract),
    resources: Resources::PulumiPreview,
};

/// `pulumi preview --json` output: an object with `steps` naming Pulumi URNs.
pub fn looks_like(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"steps\"") && text.contains("\"urn:pulumi:")
}

pub fn extract(text: &str, out: &mut Extraction) {
    match serde_json::from_str::<Value>(text) {
        Ok(preview) => {
            if let Err(e) = declared_states(&preview, text) {
                out.errors.push(e);
            }
        }
        Err(e) => out.errors.push(SourceError::json(text, &e)),
    }
}

/// Steps that delete or forget a resource: what they name is not declared any more.
const REMOVING: &[&str] = &["delete", "delete-replaced", "discard", "discard-replaced", "read-discard", "remove-pending-replace"];
/// Steps of one replacement, which name the same URN with the same new state.
const REPLACING: &[&str] = &["create-replacement", "replace"];

/// The new state of every resource a preview declares, with where its step's `urn` is written; an error
/// (at its place) when the preview is not the shape `pulumi preview --json` writes or declares a URN
/// twice.
pub fn declared_states<'v>(preview: &'v Value, text: &str) -> Result<Vec<(&'v Value, Span)>, SourceError> {
    let error = |span, message: String| SourceError { span, message };
    let steps = preview.get("steps").and_then(Value::as_array).ok_or_else(|| error(Span::default(), "not `pulumi preview --json` output: no `steps` list".into()))?;
    let mut spans = UrnSpans::new(text);
    let mut out: Vec<(&Value, Span)> = Vec::new();
    let mut seen: HashMap<&str, (usize, &str)> = HashMap::new();
    for (i, step) in steps.iter().enumerate() {
        let urn = step.get("urn").and_then(Value::as_str).ok_or_else(|| error(Span::default(), format!("not `pulumi preview --json` output: step {} has no `urn`", i + 1)))?;
        let op = step.get("op").and_then(Value::as_str).unwrap_or("");
        let span = spans.next(urn);
        // The state's own `urn`s follow the step's: skip them so the next step of this URN is found.
        for state in ["oldState", "newState"] {
            if step.get(state).and_then(|s| s.get("urn")).is_some() {
                spans.next(urn);
            }
        }
        if REMOVING.contains(&op) {
            continue;
        }
        let state = step.get("newState").filter(|s| s.is_object()).ok_or_else(|| error(span, format!("not `pulumi preview --json` output: step `{op}` of `{urn}` has no `newState`")))?;
        if state.get("type").and_then(Value::as_str).is_none() || state.get("inputs").is_some_and(|i| !i.is_object()) {
            return Err(error(span, format!("not `pulumi preview --json` output: the `newState` of `{urn}` has no `type` or its `inputs` are not an object")));
        }
        if let Some((first, first_op)) = seen.get(urn) {
            if REPLACING.contains(first_op) && REPLACING.contains(&op) {
                continue;
            }
            return Err(error(span, format!("duplicate URN `{urn}`: steps {} and {} both declare it", first + 1, i + 1)));
        }
        seen.insert(urn, (i, op));
        out.push((state, span));
    }
    Ok(out)
}

/// Where each `"urn": "<urn>"` member is written, taken in document order, one URN at a time.
pub struct UrnSpans<'t> {
    text: &'t str,
    used: HashMap<String, usize>,
}

impl<'t> UrnSpans<'t> {
    pub fn new(text: &'t str) -> UrnSpans<'t> {
        UrnSpans { text, used: HashMap::new() }
    }

    /// The span of the value of the next `urn` member holding `urn`, or the start of the text.
    pub fn next(&mut self, urn: &str) -> Span {
        let needle = Value::String(urn.to_string()).to_string();
        let from = self.used.get(urn).copied().unwrap_or(0);
        let keyed = self.text[from..].match_indices(&needle).map(|(i, _)| from + i).find(|&at| {
            let before = self.text[..at].trim_end();
            before.strip_suffix(':').is_some_and(|b| b.trim_end().ends_with("\"urn\""))
        });
        match keyed {
            Some(at) => {
                self.used.insert(urn.to_string(), at + needle.len());
                Span::new(at, at + needle.len())
            }
            None => Span::default(),
        }
    }
}
