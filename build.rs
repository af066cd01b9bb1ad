//! Makes each rule's documentation (the `//!` doc comment of `src/rules/<rule>.rs`) available at run time,
//! so `fixity explain`, the README table and SARIF help all come from that one comment.

use std::fmt::Write;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/rules")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && p.file_stem().is_some_and(|s| s != "mod"))
        .collect();
    files.sort();
    let mut out = String::from("/// The doc comment of a rule's source file, by the file's stem.\npub fn rule_docs(stem: &str) -> &'static str {\n    match stem {\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("rule source");
        let docs: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| l.strip_prefix("//! ").unwrap_or(l.strip_prefix("//!").unwrap_or(l)))
            .collect();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        writeln!(out, "        {:?} => {:?},", stem, docs.join("\n")).unwrap();
    }
    out.push_str("        _ => \"\",\n    }\n}\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rule_docs.rs"), out).unwrap();
}
