// Browser entry (ES module, wasm-bindgen `--target web`): fetches and instantiates the .wasm next
// to this file (top-level await), then exports the same API as the Node binding.
import init, * as glue from './maia_provision_wasm.js';
import { createWasmApi } from './api-core.js';

await init();
const api = createWasmApi(glue);

export const { ApiError, DecodeError, MaiaError, VIOLATION_CODES, ValidationError, __selfTestTrap } = api;
export const { buildRequest, checkPrivateKey, combinations, fieldOptions, normalizePrivateKey, operations, parseResponse, validate, variantMembers } = api;
