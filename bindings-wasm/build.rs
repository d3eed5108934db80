//! Renders the core's static tables and constants (operation descriptors, violation codes, field
//! options, the combination table, variant members, the depth limit, the internal-error message)
//! to one JSON object at build time, with the same core compiled for the host. The wasm module then
//! ships the text instead of the code that builds it (about 5 KB less gzipped) behind one export;
//! the values are the core's own, never written by hand.

use std::{env, error::Error, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let codes: Vec<&str> = maia_provision::violation_codes().collect();
    let tables = serde_json::json!({
        "operations": maia_provision::operations(),
        "violationCodes": codes,
        "fieldOptions": maia_provision::field_options(),
        "combinations": maia_provision::combinations(),
        "variantMembers": maia_provision::variant_members(),
        "maxDepth": maia_provision::MAX_DEPTH,
        "internalErrorMessage": maia_provision::INTERNAL_ERROR,
    });
    fs::write(out.join("tables.json"), tables.to_string())?;
    Ok(())
}
