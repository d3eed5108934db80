// The one place the shared suite gets the implementation under test from, as lightningcss's
// node tests do with TEST_WASM. By default: the napi package, imported by its name as a user
// would (the package's `exports` resolve it). With MAIA_IMPL=wasm: the wasm build in the folder
// MAIA_WASM_PKG, whose entry exports the same API. Tests about the napi package itself (its
// CommonJS entry, its .d.ts) skip themselves under wasm.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** `'napi'` or `'wasm'`. */
export const kind = process.env.MAIA_IMPL === 'wasm' ? 'wasm' : 'napi';

async function load() {
  if (kind === 'napi') return import('maia-provision');
  const folder = process.env.MAIA_WASM_PKG;
  if (!folder) throw new Error('MAIA_IMPL=wasm needs MAIA_WASM_PKG, the folder of the wasm build');
  const entry = ['index.mjs', 'index.js'].map((name) => path.resolve(folder, name)).find((file) => fs.existsSync(file));
  if (!entry) throw new Error(`no index.mjs or index.js in ${folder}`);
  return import(pathToFileURL(entry).href);
}

/** The API under test: `validate`, `buildRequest`, `parseResponse`, the error classes, … */
const api = await load();
export default api;
