//! What every fuzz target checks beyond "does not crash": findings point inside the file they name, at
//! the line their snippet shows, and the same input gives the same findings twice.

use fixity::model::{Finding, LineIndex};
use fixity::{Config, Engine, Options};

/// The HMAC key `tests/lock/shop/fixity.lock.json` was written with.
pub const SHOP_KEY: &[u8] = b"test-hmac-key-not-secret-32-bytes";

/// The findings of one `check` of `bytes` as the file `path` (of `kind` when given, as `.fixity.yml`
/// `kinds:` would say; else of the kind its name or content says), next to fixed files its cross-file
/// rules compare it with.
pub fn check(path: &str, bytes: &[u8], kind: Option<&str>, neighbours: &[(&str, &str)]) -> Vec<Finding> {
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    for (path, text) in neighbours {
        engine.add_file(path, text.as_bytes(), None);
    }
    engine.add_file(path, bytes, kind.map(|name| fixity::sources::by_name(name).expect("a kind fixity knows")));
    engine.finish();
    engine.report().findings.clone()
}

/// Checks `bytes` as `path` twice: same findings, each inside the file.
pub fn check_file(path: &str, bytes: &[u8]) {
    check_beside(path, bytes, &[]);
}

/// [`check_file`] as a file of `kind`, for kinds told by content rather than by name.
pub fn check_kind(kind: &str, path: &str, bytes: &[u8]) {
    let findings = check(path, bytes, Some(kind), &[]);
    assert_eq!(findings, check(path, bytes, Some(kind), &[]), "the same input gives the same findings");
    assert_inside(&findings, path, bytes);
}

/// [`check_file`] with `neighbours` in the same folder.
pub fn check_beside(path: &str, bytes: &[u8], neighbours: &[(&str, &str)]) {
    let findings = check(path, bytes, None, neighbours);
    assert_eq!(findings, check(path, bytes, None, neighbours), "the same input gives the same findings");
    assert_inside(&findings, path, bytes);
}

/// Every finding about `path` has a line and columns that exist in `bytes`, and shows that line.
pub fn assert_inside(findings: &[Finding], path: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    // Lines as the file has them, a carriage return included: a column may point at it.
    let raw: Vec<&str> = text.split('\n').collect();
    let lines = LineIndex::new(&text);
    for f in findings.iter().filter(|f| f.path == path) {
        let at = format!("{}:{}:{}-{}:{} {}", f.path, f.line, f.column, f.end_line, f.end_column, f.rule);
        assert!(f.line >= 1 && f.line as usize <= raw.len(), "{at}: line outside the file of {} lines", raw.len());
        assert!((f.end_line, f.end_column) > (f.line, f.column) || f.end_line == f.line, "{at}: ends before it starts");
        assert!(f.end_line as usize <= raw.len(), "{at}: end line outside the file");
        // A byte order mark takes no column at the start of the file only, as LineIndex counts.
        let width = |line: u32| {
            let text = raw[line as usize - 1];
            (if line == 1 { text.strip_prefix('\u{FEFF}').unwrap_or(text) } else { text }).chars().count() as u32
        };
        assert!(f.column >= 1 && f.column <= width(f.line) + 1, "{at}: column outside its line of {} characters", width(f.line));
        // An empty span covers one column, which may be the one after the line's end.
        assert!(f.end_column >= 1 && f.end_column <= width(f.end_line) + 2, "{at}: end column outside its line");
        let line = lines.line(f.line);
        if f.snippet.is_empty() {
            // A place with no source line shown (a JSON syntax error's, say).
        } else if utf8 {
            assert_eq!(f.snippet, line, "{at}: the snippet is not the finding's line");
        } else {
            // An unreadable file shows its line up to the first invalid byte.
            assert!(line.starts_with(&f.snippet), "{at}: the snippet is not the start of the finding's line");
        }
    }
}

/// `bytes` as text, when they are UTF-8: the readers below the engine take `&str`.
pub fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}
