//! YAML nodes as the JSON values their consumer sees: Kubernetes reads YAML with go-yaml's YAML 1.1 rules,
//! so a plain `yes`/`on`/`y` is `true`, `0755` is the octal 493, `1_000` is 1000, `~` is null; quoted and
//! block scalars are strings. Merge keys are applied and aliases expanded under the document's [`Budget`].

use crate::yaml::{Budget, Document, Kind, NodeId, Style};
use serde_json::{Map, Number, Value};

/// The value of a node, or `None` when aliases expand past the budget.
pub fn from_yaml(doc: &Document, id: NodeId, budget: &mut Budget) -> Option<Value> {
    if !budget.descend() {
        return None;
    }
    let node = doc.node(id);
    let value = match &node.kind {
        Kind::Scalar(text, style) => scalar(doc.text(*text), *style, node.tag.as_deref()),
        Kind::Seq(_) => Value::Array(doc.seq(id).unwrap_or(&[]).iter().map(|&i| from_yaml(doc, i, budget)).collect::<Option<_>>()?),
        Kind::Map(_) => {
            let mut map = Map::new();
            for &(k, v) in doc.entries(id).iter() {
                let key = match doc.str(k) {
                    Some(s) => s.to_string(),
                    // A complex key has no JSON form; Kubernetes rejects it too.
                    None => continue,
                };
                map.insert(key, from_yaml(doc, v, budget)?);
            }
            Value::Object(map)
        }
    };
    budget.ascend();
    Some(value)
}

/// A scalar typed by YAML 1.1's resolution rules (go-yaml v2, which Kubernetes uses).
pub fn scalar(text: &str, style: Style, tag: Option<&str>) -> Value {
    if style != Style::Plain || tag == Some("str") {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => return Value::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => return Value::Bool(false),
        _ => {}
    }
    // Only text that starts like a number can be one.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return Value::String(text.to_string());
    }
    if let Some(n) = integer(text) {
        return n;
    }
    if is_float(text) {
        if let Some(n) = text.replace('_', "").parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// YAML 1.1 integers: decimal, `0x` hex, `0b` binary, `0o` and 0-prefixed octal, `_` separators. Too large
/// for 64 bits: kept as the decimal string, which is how fx1 writes big integers anyway.
fn integer(text: &str) -> Option<Value> {
    let plain = text.replace('_', "");
    let (negative, body) = match plain.as_bytes().first()? {
        b'-' => (true, &plain[1..]),
        b'+' => (false, &plain[1..]),
        _ => (false, plain.as_str()),
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = body.strip_prefix("0o") {
        (8, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let Ok(magnitude) = u128::from_str_radix(digits, radix) else {
        return (radix == 10).then(|| Value::String(format!("{}{digits}", if negative { "-" } else { "" })));
    };
    let number = if negative { i64::try_from(magnitude).ok().map(|m| Number::from(-m)) } else { u64::try_from(magnitude).ok().map(Number::from) };
    Some(match number {
        Some(n) => Value::Number(n),
        None => Value::String(format!("{}{magnitude}", if negative { "-" } else { "" })),
    })
}

/// go-yaml's float pattern: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plain(s: &str) -> Value {
        scalar(s, Style::Plain, None)
    }

    #[test]
    fn yaml_1_1_typing() {
        assert_eq!(plain("yes"), json!(true));
        assert_eq!(plain("Off"), json!(false));
        assert_eq!(plain("0755"), json!(493));
        assert_eq!(plain("0x1F"), json!(31));
        assert_eq!(plain("1_000"), json!(1000));
        assert_eq!(plain("-12"), json!(-12));
        assert_eq!(plain("+12"), json!(12));
        assert_eq!(plain("0"), json!(0));
        assert_eq!(plain("1.5"), json!(1.5));
        assert_eq!(plain("1e3"), json!(1000.0));
        assert_eq!(plain(".5"), json!(0.5));
        assert_eq!(plain("~"), Value::Null);
        assert_eq!(plain("1.2.3"), json!("1.2.3"));
        assert_eq!(plain("123456789012345678901234"), json!("123456789012345678901234"));
        // Past 128 bits: still the decimal string, not a float.
        assert_eq!(plain("1234567890123456789012345678901234567890"), json!("1234567890123456789012345678901234567890"));
        // go-yaml's float pattern has no `_` (its integers do).
        assert_eq!(plain("1_0.5"), json!("1_0.5"));
        assert_eq!(plain("08"), json!(8.0));
        assert_eq!(scalar("yes", Style::Quoted, None), json!("yes"));
        assert_eq!(scalar("0755", Style::Plain, Some("str")), json!("0755"));
    }
}
