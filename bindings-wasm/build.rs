//! Renders the core's static tables (operation descriptors, violation codes, field options, the
//! combination table, variant members) to JSON text at build time, with the same core compiled for
//! the host. The wasm module then ships the text instead of the code that builds it (about 5 KB
//! less gzipped); the values are the core's own, never written by hand.

use std::{env, error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let codes: Vec<&str> = maia_provision::violation_codes().collect();
    let tables = [
        ("operations.json", serde_json::to_string(&maia_provision::operations())?),
        ("violation_codes.json", serde_json::to_string(&codes)?),
        ("field_options.json", maia_provision::field_options().to_string()),
        ("combinations.json", maia_provision::combinations().to_string()),
        ("variant_members.json", maia_provision::variant_members().to_string()),
    ];
    for (name, text) in tables {
        fs::write(out.join(name), text)?;
    }
    Ok(())
}
