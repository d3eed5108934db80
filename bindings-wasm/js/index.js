// Browser entry (ES module, wasm-bindgen `--target web`): fetches and instantiates the .wasm next
// to this file (top-level await), then exports the same API as the Node binding.
import init, * as glue from './maia_provision_wasm.js';
import { bind } from './api.js';

await init();
bind(glue);

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
} from './api.js';
