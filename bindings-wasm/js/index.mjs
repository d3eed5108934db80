// Node entry (ES module over wasm-bindgen's `--target nodejs` CommonJS glue, which reads the
// .wasm synchronously): exports the same API as the Node (napi) binding.
import { createRequire } from 'node:module';
import { createWasmApi } from './api-core.mjs';

const api = createWasmApi(createRequire(import.meta.url)('./maia_provision_wasm.js'));

export const { ApiError, DecodeError, MaiaError, VIOLATION_CODES, ValidationError, __selfTestTrap } = api;
export const { buildRequest, checkPrivateKey, combinations, fieldOptions, normalizePrivateKey, operations, parseResponse, validate, variantMembers } = api;
