#![no_main]
//! A Kubernetes resource's canonical hash is the same however it is written: as the YAML given, as JSON
//! (the data `fixity` read from the YAML, every object's keys in reverse order), and with each resource
//! quantity respelled (its canonical spelling, and a whole number as thousandths: `2` as `2000m`).
use fixity::lock::{kubernetes::declared, quantity};
use fixity::yaml::{self, value, Budget};
use serde_json::Value;

/// Each declared resource's identity and digest, document by document; `None` when the text does not read.
fn digests(text: &str) -> Option<Vec<(String, String)>> {
    let mut found = Vec::new();
    let mut failed = false;
    yaml::for_each_document(text, |doc| failed |= declared("a.yaml", doc, None, |r, _| found.push((r.identity.clone(), r.digest(None)))).is_err()).ok()?;
    (!failed).then_some(found)
}

/// `value` as JSON text with every object's keys in reverse order.
fn reversed_json(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().rev().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                reversed_json(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                reversed_json(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Respells the quantities of `resources.requests`/`limits` and `overhead`, where fx1 reads quantities.
fn respell(value: &mut Value, in_resources: bool) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let amounts = (in_resources && (key == "requests" || key == "limits")) || key == "overhead";
                match item {
                    Value::Object(items) if amounts => {
                        for amount in items.values_mut() {
                            let text = match amount {
                                Value::String(s) => s.clone(),
                                Value::Number(n) => n.to_string(),
                                _ => continue,
                            };
                            if let Some(canonical) = quantity::canonical(&text) {
                                let whole = canonical.bytes().all(|b| b.is_ascii_digit());
                                *amount = Value::String(if whole { format!("{canonical}000m") } else { canonical });
                            }
                        }
                    }
                    _ => respell(item, key == "resources"),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| respell(item, false)),
        _ => {}
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    let Some(written) = digests(text) else { return };
    if written.is_empty() {
        return;
    }
    // The documents' data, as fixity reads it (YAML 1.1 scalars, merge keys applied, aliases expanded).
    // A document that repeats a key is read once per value (`Document::read_each_value`): it has no one
    // data to write as JSON, and is left out.
    let mut documents = Vec::new();
    let read = yaml::for_each_document(text, |doc| {
        if let Some(root) = doc.root() {
            documents.push(value::from_yaml(doc, root, &mut Budget::for_document(doc)).filter(|_| doc.duplicates().is_empty()));
        }
    });
    let (Ok(()), Some(documents)) = (read, documents.into_iter().collect::<Option<Vec<Value>>>()) else { return };
    let mut json = String::new();
    let mut respelled = String::new();
    for document in &documents {
        json.push_str("---\n");
        reversed_json(document, &mut json);
        json.push('\n');
        let mut document = document.clone();
        respell(&mut document, false);
        respelled.push_str("---\n");
        respelled.push_str(&document.to_string());
        respelled.push('\n');
    }
    assert_eq!(digests(&json).as_ref(), Some(&written), "as JSON, keys reversed:\n{json}");
    assert_eq!(digests(&respelled).as_ref(), Some(&written), "quantities respelled:\n{respelled}");
});
