#!/usr/bin/env bash
# Builds the wasm package for browsers (pkg-web/, ES module) and Node (pkg-node/): cargo with the
# size-tuned `wasm-release` profile, wasm-bindgen (the CLI must equal the crate's exact pin),
# wasm-opt from npm binaryen (Debian's binaryen 108 emits broken modules), then the JS layer and
# types: the API shared with the Node binding (bindings-js/, emitted as an ES module with
# js/native.js, this package's adapter, appended) and the entries in js/. For browsers, esbuild
# bundles the entry, the API and wasm-bindgen's glue into one `index.js` that terser minifies,
# with a source map (sources included); the Node package keeps them readable. Needs `npm ci` in
# this folder first (for wasm-opt, esbuild and terser).
set -euo pipefail
cd "$(dirname "$0")"
target_dir="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"
cargo build --locked -p maia-provision-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/maia_provision_wasm.wasm"

# The web sources are staged under target/ and bundled into pkg-web/.
web_src="$target_dir/wasm-web-src"
rm -rf pkg-web pkg-node "$web_src"
# --experimental-reset-state-function: js/native.js replaces a trapped instance with a fresh one.
wasm-bindgen --target web --experimental-reset-state-function --no-typescript --out-dir "$web_src" "$wasm"
wasm-bindgen --target nodejs --experimental-reset-state-function --no-typescript --out-dir pkg-node "$wasm"

mkdir -p pkg-web
# --strip-target-features: engines ignore that custom section (it only tells tools which
# features the code uses); 123 bytes gzipped. --low-memory-unused: the first KiB is the bottom
# of the 1 MiB stack that rust-lld puts first (it grows down from 1 MiB, the data lies above),
# so `load(p + c)` may become `load offset=c (p)` for c < 1024 (Emscripten's default too): the
# two differ only for an address that wraps around, which Rust code never forms. 296 bytes.
opt=(-Oz --low-memory-unused --strip-debug --strip-producers --strip-target-features)
node_modules/.bin/wasm-opt "${opt[@]}" "$web_src/maia_provision_wasm_bg.wasm" -o pkg-web/maia_provision_wasm_bg.wasm
node_modules/.bin/wasm-opt "${opt[@]}" pkg-node/maia_provision_wasm_bg.wasm -o pkg-node/maia_provision_wasm_bg.wasm

# The shared API and this package's adapter, as one ES module per target.
api_module() { { ../bindings-js/emit.sh esm; cat js/native.js; } | ../bindings-js/emit.sh strip-comments; }
api_module > "$web_src/api-core.js"
api_module > pkg-node/api-core.mjs
for pkg in pkg-web pkg-node; do cp ../bindings-js/api.d.ts ../bindings-js/types.d.ts "$pkg/"; done

# One minified module for browsers: esbuild bundles (keeping the glue's `new URL(
# 'maia_provision_wasm_bg.wasm', import.meta.url)`, so the .wasm is fetched from beside index.js),
# terser minifies (0.2 KB gzip smaller than esbuild's minifier), the source maps are chained.
cp js/index.js "$web_src/"
node_modules/.bin/esbuild "$web_src/index.js" --bundle --format=esm --platform=browser --target=es2022 \
  --sourcemap --sources-content=true --legal-comments=none --log-level=warning --outfile="$web_src/bundle.js"
node_modules/.bin/terser "$web_src/bundle.js" --module --compress passes=2 --mangle \
  --source-map "content='$web_src/bundle.js.map',url='index.js.map',includeSources" -o pkg-web/index.js
# The map names its sources by what they are, not by where the build staged them.
node -e '
  const fs = require("node:fs"), path = require("node:path"), file = process.argv[1];
  const map = JSON.parse(fs.readFileSync(file, "utf8"));
  map.sources = map.sources.map((source) => "maia-provision-wasm/" + path.basename(source));
  fs.writeFileSync(file, JSON.stringify(map));
' pkg-web/index.js.map
cp js/index.d.ts pkg-web/index.d.ts
cat > pkg-web/package.json <<'JSON'
{
  "name": "maia-provision-wasm",
  "version": "0.1.0",
  "license": "Apache-2.0",
  "type": "module",
  "exports": { ".": { "types": "./index.d.ts", "default": "./index.js" } },
  "types": "./index.d.ts",
  "sideEffects": ["./index.js"]
}
JSON

cp js/index.mjs pkg-node/index.mjs
cp js/index.d.ts pkg-node/index.d.mts
# wasm-bindgen's nodejs glue is CommonJS (TOOLCHAIN W6); the entry and the API are .mjs.
cat > pkg-node/package.json <<'JSON'
{
  "name": "maia-provision-wasm",
  "version": "0.1.0",
  "license": "Apache-2.0",
  "type": "commonjs",
  "exports": { ".": { "types": "./index.d.mts", "default": "./index.mjs" } },
  "engines": { "node": ">=18" }
}
JSON
