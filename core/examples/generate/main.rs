//! Writes every file generated from the core's tables (`docs/violations.md` and the generated
//! sections of the Python and TypeScript type files). `core/tests/generated.rs` fails, naming this
//! command, when one of them drifts. Run from anywhere: `cargo run -p maia-provision --example generate`.
#![allow(clippy::panic, clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, missing_docs, reason = "a tool that fails loudly")]

mod render;

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for output in render::OUTPUTS {
        let path = root.join(output.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let wanted = (output.render)(&current).unwrap_or_else(|error| panic!("{}: {error}", output.path));
        if wanted == current {
            println!("unchanged {}", output.path);
        } else {
            std::fs::write(&path, wanted).unwrap_or_else(|error| panic!("{}: {error}", output.path));
            println!("wrote     {}", output.path);
        }
    }
}
