//! Inputs the fuzz targets (`fuzz/`) found crashing or misreporting, minimized, through the engine the
//! shim calls: each must give a finding or nothing, never a panic.

use fixity::{Config, Engine, Options};

/// Findings as `path:line:column rule`, one a line.
fn check(path: &str, text: &str) -> String {
    let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
    engine.add_file(path, text.as_bytes(), None);
    engine.finish();
    engine.report().findings.iter().map(|f| format!("{}:{}:{} {}\n", f.path, f.line, f.column, f.rule)).collect()
}

/// A character of several bytes in a GitHub expression was sliced inside while looking for `||`.
#[test]
fn workflow_expression_with_a_multibyte_character() {
    let workflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: ${{ \u{feff}matrix.container }}\n    steps:\n      - run: make\n";
    assert_eq!(check(".github/workflows/ci.yml", workflow), ".github/workflows/ci.yml:5:16 unanalyzable-reference\n");
    let either = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: ${{ é || 'node:22' }}\n    steps:\n      - run: make\n";
    assert_eq!(check(".github/workflows/ci.yml", either), ".github/workflows/ci.yml:5:16 unanalyzable-reference\n.github/workflows/ci.yml:5:26 unpinned-image\n");
}
