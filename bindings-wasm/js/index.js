// Browser entry (ES module, wasm-bindgen `--target web`): fetches and instantiates the .wasm next
// to this file (top-level await), then exports the same API as the Node binding.
import init, { __selfTestTrap as trap, __wbg_reset_state as resetState, call, parseResponse as parse, tables } from './maia_provision_wasm.js';
import { createWasmApi } from './api-core.js';

await init();
// The glue's entry points by name, not as a namespace, so that the bundler leaves out the rest
// of the glue (initSync and its helpers).
const api = createWasmApi({ __selfTestTrap: trap, __wbg_reset_state: resetState, call, parseResponse: parse, tables });

export const { ApiError, DecodeError, MaiaError, VIOLATION_CODES, ValidationError, __selfTestTrap } = api;
export const { buildRequest, checkPrivateKey, combinations, fieldOptions, normalizePrivateKey, operations, parseResponse, validate, variantMembers } = api;
