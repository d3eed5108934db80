// ESM entry of `maia-provision`: the same objects as the CommonJS entry (wrapper.js), so that
// `instanceof ValidationError` holds whichever way the package was loaded.
import { createRequire } from 'node:module';

const api = createRequire(import.meta.url)('./wrapper.js');

export const { ApiError, AuthError, Client, DecodeError, MaiaError, OutcomeUnknownError, RateLimitedError, TransportError, VIOLATION_CODES, ValidationError } = api;
export const { buildRequest, checkPrivateKey, combinations, fieldOptions, normalizePrivateKey, operations, parseResponse, validate, variantMembers } = api;

export default api;
