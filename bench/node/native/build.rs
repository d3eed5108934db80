//! Node-API link setup (napi-build).
fn main() {
    napi_build::setup();
}
