#![no_main]
//! The YAML layer: every node's span lies inside the text on character boundaries, an error's too, and
//! reading twice gives the same documents.
use fixity::yaml::for_each_document;

fn read(text: &str) -> (Vec<String>, Result<(), fixity::yaml::YamlError>) {
    let mut documents = Vec::new();
    let result = for_each_document(text, |doc| {
        for id in 0..doc.len() {
            let span = doc.node(id as _).span;
            assert!(span.start <= span.end && span.end as usize <= text.len(), "node {id} span {span:?} outside {} bytes", text.len());
            assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize), "node {id} span {span:?} splits a character");
        }
        documents.push(format!("{doc:?}"));
    });
    if let Err(e) = &result {
        assert!(e.span.end as usize <= text.len(), "error span {:?} outside {} bytes", e.span, text.len());
    }
    (documents, result)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = fixity_fuzz::text(data) else { return };
    assert_eq!(read(text), read(text), "the same text reads the same twice");
});
