// Types of `maia-provision` (wrapper.js): the JS API shared with the browser package, declared in
// api.d.ts and types.d.ts (copies of bindings-js/, written by scripts/test-node).
export * from './api.js';
