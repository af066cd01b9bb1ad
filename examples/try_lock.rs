fn main() {
    let mut e = fixity::Engine::new(fixity::Config::default(), fixity::Options::default()).unwrap();
    e.start_lock(std::env::args().nth(2).as_deref().map(str::as_bytes));
    let p = std::env::args().nth(1).unwrap();
    e.add_file(&p, &std::fs::read(&p).unwrap(), None);
    e.finish();
    match e.lock_text() { Ok(t) => print!("{t}"), Err(r) => println!("{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>()) }
}
