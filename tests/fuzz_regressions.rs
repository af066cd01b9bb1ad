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

/// An unknown field whose JSON name holds a line break made the baseline's error two lines.
#[test]
fn baseline_error_with_a_line_break_in_a_field_name() {
    let why = fixity::baseline::Baseline::parse("{\"ersiv\\n/li\\nioversion\":6\n}\n").unwrap_err();
    assert_eq!(why, r#"not a fixity baseline (unknown field `ersiv\n/li\nioversion`, expected `version` or `findings`; expected {"version": 1, "findings": [{"fingerprint": "…"}, …]})"#);
}

/// A byte order mark after the start of the file is a character like any other: it takes a column (the
/// fuzz targets' own check had it take none, and flagged this error as outside its line).
#[test]
fn byte_order_mark_inside_the_file_takes_a_column() {
    let compose = "ser3:\n \u{feff}>2rser3::\n\u{feff}>2";
    assert_eq!(check("compose.yaml", compose), "compose.yaml:3:4 parse-error\n");
}

/// Each `||` operand multiplies the values an image may take, and each value was a string with the list of
/// what it depends on: six expressions of thirty operands each expanded to millions of them (about a second
/// and 140 MB) before the walk budget stopped them, and ten of two operands then a long run of single ones
/// copied a thousand lists at each. The values that depend on something unknown are one now.
#[test]
fn image_with_too_many_alternatives() {
    let action = |image: String| format!("name: x\nruns:\n  using: docker\n  image: docker://ghcr.io/o/i:{image}\n");
    let either = vec!["inputs.a"; 30].join(" || ");
    let wide = vec![format!("${{{{ {either} }}}}"); 6].join("-");
    assert_eq!(check("action.yml", &action(wide)), "action.yml:4:10 unanalyzable-reference\n");
    let long = ["${{ inputs.a || inputs.b }}".repeat(10), "${{ inputs.c }}".repeat(200)].concat();
    assert_eq!(check("action.yml", &action(long)), "action.yml:4:10 unanalyzable-reference\n");
    // What a value depends on was told apart by comparing with each name before it: 4 s for a 1 MB image.
    let distinct: String = (0..50_000).map(|i| format!("${{{{ inputs.a{i} }}}}")).collect();
    assert_eq!(check("action.yml", &action(distinct)), "action.yml:4:10 unanalyzable-reference\n");
}

/// hcl-edit parsed a term that failed after a binary operator once more for every operation around it, so
/// an unclosed chain of objects took twice as long with each level (a second at 22 levels; these, at 40
/// and 30, would take days and hours). Fixed in the vendored copy (`vendor/hcl-edit`): the first failure
/// is the error.
#[test]
fn unclosed_objects_after_operators() {
    let values = format!("a = {}\n", "1 < 2 % {b = ".repeat(40));
    assert_eq!(check("terraform.tfvars", &values), "terraform.tfvars:1:525 parse-error\n");
    let module = format!("locals {{\n  a = {}\n", "(1 < 2 % [".repeat(30));
    assert_eq!(check("main.tf", &module), "main.tf:2:307 parse-error\n");
}
