//! Renders the core's static tables and constants (operation descriptors, violation codes, field
//! options, the combination table, variant members, the depth limit, the internal-error message, the fault kinds)
//! to one JSON object at build time, with the same core compiled for the host. The wasm module then
//! ships the text instead of the code that builds it (about 5 KB less gzipped) behind one export;
//! the values are the core's own, never written by hand.

use std::{env, error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let tables = maia_provision::ffi::tables();
    fs::write(out.join("tables.json"), tables)?;
    Ok(())
}
