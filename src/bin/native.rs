//! The core run natively over a folder, for the benchmark's native baseline: walks the tree (skipping
//! `.git` and `node_modules`), checks every file the engine wants, prints the report.
//!
//! Usage: `fixity-native [--format text|json] PATH`

use fixity::{Config, Engine, Options};
use std::io::Write;
use std::path::Path;

fn walk(root: &Path, dir: &Path, engine: &mut Engine) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            let name = entry.file_name();
            if name != ".git" && name != "node_modules" && !engine.excludes(&rel) {
                walk(root, &path, engine);
            }
        } else if kind.is_file() && engine.wants(&rel) {
            if let Ok(bytes) = std::fs::read(&path) {
                engine.add_file(&rel, &bytes, None);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (format, root) = match args.as_slice() {
        [flag, format, root] if flag == "--format" => (format.as_str(), root.as_str()),
        [root] => ("text", root.as_str()),
        _ => {
            eprintln!("usage: fixity-native [--format text|json] PATH");
            std::process::exit(2);
        }
    };
    let mut engine = Engine::new(Config::default(), Options::default()).expect("default options are valid");
    walk(Path::new(root), Path::new(root), &mut engine);
    engine.finish();
    let report = engine.report();
    let mut stdout = std::io::stdout().lock();
    fixity::output::write(report, format, fixity::VERSION, &mut |piece| {
        let _ = stdout.write_all(piece.as_bytes());
    });
    let _ = stdout.flush();
    std::process::exit(engine.exit_code());
}
