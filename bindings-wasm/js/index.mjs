// Node entry (ES module over wasm-bindgen's `--target nodejs` CommonJS glue, which reads the
// .wasm synchronously): exports the same API as the Node (napi) binding.
import { createRequire } from 'node:module';
import { bind } from './api.mjs';

bind(createRequire(import.meta.url)('./maia_provision_wasm.js'));

export {
  ApiError,
  DecodeError,
  MaiaError,
  VIOLATION_CODES,
  ValidationError,
  buildRequest,
  checkPrivateKey,
  combinations,
  fieldOptions,
  normalizePrivateKey,
  operations,
  parseResponse,
  validate,
  variantMembers,
  __selfTestTrap,
} from './api.mjs';
