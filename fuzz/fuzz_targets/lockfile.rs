#![no_main]
//! `fixity.lock.json` on its own (parses or says why, every entry's span inside the text), and as the lock
//! a `check` verifies, through the engine.
use fixity::lock::lockfile::Lock;
use fixity::{Config, Engine, Options};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    if let Ok(lock) = Lock::parse(std::sync::Arc::new(text.to_string())) {
        for entry in lock.entries.values() {
            assert!(entry.span.start <= entry.span.end && entry.span.end as usize <= text.len(), "entry span {:?} outside {} bytes", entry.span, text.len());
        }
    }
    let run = || {
        let mut engine = Engine::new(Config::default(), Options::default()).unwrap();
        let started = engine.verify_lock("fixity.lock.json", Some(text.to_string()), true, Some(fixity_fuzz::SHOP_KEY), Default::default());
        engine.add_file("shop/web.yaml", include_bytes!("../../tests/lock/shop/web.yaml"), None);
        engine.finish();
        (started, engine.report().findings.clone())
    };
    let (started, findings) = run();
    assert_eq!((started, findings.clone()), run(), "the same lock gives the same findings");
    fixity_fuzz::assert_inside(&findings, "fixity.lock.json", data);
});
