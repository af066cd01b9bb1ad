fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let web = std::fs::read_to_string("tests/lock/shop/web.yaml").unwrap();
    let files: Vec<(String, String)> = (0..3000)
        .map(|i| {
            (
                format!("d{i}/web.yaml"),
                web.replace("name: web", &format!("name: web{i}"))
                    .replace("web-db", &format!("db{i}"))
                    .replace("web-config", &format!("cfg{i}")),
            )
        })
        .collect();
    let new =
        || fixity::Engine::new(fixity::Config::default(), fixity::Options::default()).unwrap();
    let lock_text = || {
        let mut e = new();
        e.start_lock(Some(b"k"));
        for (p, t) in &files {
            e.add_file(p, t.as_bytes(), None);
        }
        e.finish();
        e.lock_text().unwrap()
    };
    match mode.as_str() {
        "check" => {
            let mut e = new();
            for (p, t) in &files {
                e.add_file(p, t.as_bytes(), None);
            }
            e.finish();
        }
        "lock" => {
            lock_text();
        }
        "verify" | "lockonly" => {
            let lock = lock_text();
            if mode == "verify" {
                let mut e = new();
                e.verify_lock("fixity.lock.json", &lock, Some(b"k"));
                for (p, t) in &files {
                    e.add_file(p, t.as_bytes(), None);
                }
                e.finish();
                assert!(e.report().findings.is_empty());
            }
        }
        _ => {}
    }
}
