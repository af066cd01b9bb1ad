//! RFC 8785 JSON Canonicalization Scheme over `serde_json::Value`: object keys sorted by UTF-16 code
//! units, numbers in ECMAScript `Number.prototype.toString` form, strings with only the mandatory escapes.
//! fx1 adds one rule: an integer beyond ±2^53 (which a double cannot hold exactly) is written as a string,
//! so it hashes the same on every platform.

use serde_json::{Map, Number, Value};
use std::cmp::Ordering;

const SAFE_INTEGER: u64 = 1 << 53;

/// The canonical bytes of a value.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    append(value, &mut out);
    out
}

/// Appends the canonical form of a value.
pub fn append(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => number(n, out),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                append(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in sorted(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(key, out);
                out.push(':');
                append(item, out);
            }
            out.push('}');
        }
    }
}

/// Entries in UTF-16 code unit order (which differs from UTF-8 order only above U+E000).
pub fn sorted(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    if entries.iter().any(|(k, _)| k.chars().any(|c| c >= '\u{e000}')) {
        entries.sort_by(|a, b| utf16_cmp(a.0, b.0));
    } else if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    entries
}

pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Sorts by a string key in UTF-16 order (byte order unless a key has a character from U+E000 up).
pub fn sort_utf16<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    if items.iter().any(|i| key(i).chars().any(|c| c >= '\u{e000}')) {
        items.sort_by(|a, b| utf16_cmp(key(a), key(b)));
    } else {
        items.sort_by(|a, b| key(a).cmp(key(b)));
    }
}

fn number(n: &Number, out: &mut String) {
    if let Some(i) = n.as_i64() {
        if i.unsigned_abs() > SAFE_INTEGER {
            out.push('"');
            out.push_str(&i.to_string());
            out.push('"');
        } else {
            out.push_str(&i.to_string());
        }
    } else if let Some(u) = n.as_u64() {
        // Only values above i64::MAX get here, all beyond 2^53.
        out.push('"');
        out.push_str(&u.to_string());
        out.push('"');
    } else if let Some(f) = n.as_f64() {
        out.push_str(&ecmascript(f));
    }
}

/// ECMAScript's `Number.prototype.toString` for a finite double (ECMA-262, Number::toString).
pub fn ecmascript(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    if x < 0.0 {
        return format!("-{}", ecmascript(-x));
    }
    // Rust's `{:e}` gives the shortest digits that round-trip, the same digits ECMAScript requires.
    let sci = format!("{x:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = digits.len() as i32;
    let n = exponent.parse::<i32>().unwrap_or(0) + 1;
    if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() {
            format!("{first}e{sign}{}", e.abs())
        } else {
            format!("{first}.{rest}e{sign}{}", e.abs())
        }
    }
}

/// Appends a string with RFC 8785's escapes.
pub fn string(s: &str, out: &mut String) {
    escaped(s, out, false);
}

/// A string as Go's `encoding/json` writes it (what Helm hashes for `Chart.lock`): as RFC 8785 does, and
/// also `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes.
pub fn go_string(s: &str, out: &mut String) {
    escaped(s, out, true);
}

fn escaped(s: &str, out: &mut String, html_safe: bool) {
    out.push('"');
    let needs_html = |c: char| html_safe && matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}');
    let escapes = s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') || (html_safe && s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']));
    if !escapes {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || needs_html(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_follow_ecmascript() {
        let cases = [
            (1e30, "1e+30"),
            (4.5, "4.5"),
            (0.002, "0.002"),
            (1e-27, "1e-27"),
            (333333333.3333333, "333333333.3333333"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (-1.5, "-1.5"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (123456789012.5, "123456789012.5"),
        ];
        for (x, want) in cases {
            assert_eq!(ecmascript(x), want, "{x:e}");
        }
    }

    #[test]
    fn big_integers_are_strings() {
        assert_eq!(
            canonical(&json!([9007199254740992u64, 9007199254740993u64, -9007199254740993i64, 18446744073709551615u64])),
            "[9007199254740992,\"9007199254740993\",\"-9007199254740993\",\"18446744073709551615\"]"
        );
    }

    #[test]
    fn keys_sort_by_utf16_units() {
        // U+1F600 (surrogates D83D…) sorts before U+FB33 in UTF-16, after it in UTF-8.
        let v = json!({"\u{fb33}": 1, "\u{1f600}": 2, "a": 3});
        assert_eq!(canonical(&v), "{\"a\":3,\"\u{1f600}\":2,\"\u{fb33}\":1}");
    }
}
