//! The generated files match the core: `docs/violations.md` and the generated sections of the
//! Python and TypeScript type files are what `cargo run -p maia-provision --example generate`
//! renders. This test only compares; it never writes.
#![allow(clippy::panic, clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, missing_docs, reason = "tests fail loudly")]

#[path = "../examples/generate/render.rs"]
mod render;

#[test]
fn generated_files_match_the_core() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for output in render::OUTPUTS {
        let current = std::fs::read_to_string(root.join(output.path)).unwrap_or_default();
        match (output.render)(&current) {
            Ok(wanted) if wanted == current => {}
            Ok(_) => stale.push(format!("{} is stale", output.path)),
            Err(error) => stale.push(format!("{}: {error}", output.path)),
        }
    }
    assert!(stale.is_empty(), "{}: run `{}`", stale.join("; "), render::COMMAND);
}

#[test]
fn a_section_without_markers_is_reported() {
    let python = render::OUTPUTS.iter().find(|o| o.path.ends_with(".py")).unwrap();
    assert!((python.render)("no markers here\n").is_err());
}
