// The wasm module's entry points as bindings-js/api-core.js expects them. build.sh appends this
// file to the ES module it emits from api-core.js (pkg-web/api-core.js, pkg-node/api-core.mjs),
// so `createApi` is in scope here; the entries (index.js, index.mjs) call `createWasmApi` with the
// loaded wasm-bindgen glue.

const encoder = new TextEncoder();

/** The JS API over wasm-bindgen's glue, plus `__selfTestTrap` for this package's tests. */
export function createWasmApi(glue) {
  const { api, guarded } = createApi({
    // The static tables come as one JSON object (one export instead of seven).
    tables: JSON.parse(glue.tables()),
    // Every text-in, text-out function goes through the module's one `call` export.
    call: (name, index, a, b, c, d) => glue.call(name, index, a, b, c, d),
    validate: (index, params, body) => glue.call('validate', index, body, params, '', ''),
    buildRequest: (index, params, body, options) => glue.call('buildRequest', index, body, params, JSON.stringify(options), ''),
    parseResponse: (index, status, body, headers) =>
      glue.parseResponse(index, status, JSON.stringify(headers), typeof body === 'string' ? encoder.encode(body) : (body ?? new Uint8Array(0))),
    // A trap (a Rust panic under panic=abort) leaves the instance in an undefined state: replace
    // it with a fresh one so that the next call works.
    isInternal: (error) => error instanceof WebAssembly.RuntimeError,
    reset: () => glue.__wbg_reset_state(),
  });
  return { ...api, __selfTestTrap: () => guarded(() => glue.__selfTestTrap()) };
}
