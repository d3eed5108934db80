// The JS API of maia-provision over the wasm module: the same functions, errors and shapes as the
// Node (napi) binding. This file only converts values and maps errors; every rule, enum list and
// message comes from the core through the wasm exports (see ../src/lib.rs). Shared by the web
// entry (index.js) and the Node entry (index.mjs), which call `bind` with the wasm-bindgen glue.

/** @type {any} the wasm-bindgen glue's exports */
let native;
let maxDepth = 0;
let internalError = '';

/** Allowed values per operation and JSON pointer: `{operationId: {pointer: [values]}}`. */
export function fieldOptions() {
  return JSON.parse(call(() => native.fieldOptions()));
}

/** The combination table of project connections: `[{platformConnectionType, authProviders, authTypes, useFor}]`. */
export function combinations() {
  return JSON.parse(call(() => native.combinations()));
}

/** The members each variant takes (vault types, clouds, Git providers, warehouse properties). */
export function variantMembers() {
  return JSON.parse(call(() => native.variantMembers()));
}

/** Every violation code id, in documentation order (frozen; filled by `bind`). */
export let VIOLATION_CODES = Object.freeze([]);

/** Connects the API to the loaded wasm-bindgen glue (done once by the entry module). */
export function bind(glue) {
  native = glue;
  maxDepth = call(() => native.maxDepth());
  internalError = call(() => native.internalErrorMessage());
  VIOLATION_CODES = Object.freeze(JSON.parse(call(() => native.violationCodes())));
}

/** The base of every error this package throws about a request or a response. */
export class MaiaError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
MaiaError.prototype.name = 'MaiaError';

/** A request with error-severity violations; `.violations` holds all of them (warnings too). */
export class ValidationError extends MaiaError {
  constructor(message, operation, violations) {
    super(message, 'ERR_MAIA_VALIDATION');
    this.operation = operation ?? null;
    this.violations = violations ?? [];
  }
}
ValidationError.prototype.name = 'ValidationError';

/** An error status from the API, with its ProblemDetail when the body is one. */
export class ApiError extends MaiaError {
  constructor(message, fields) {
    super(message, 'ERR_MAIA_API');
    this.status = fields.status;
    this.problem = fields.problem ?? null;
    this.violations = fields.violations ?? [];
    this.body = fields.body ?? '';
    this.retryAfter = fields.retryAfter ?? null;
  }
}
ApiError.prototype.name = 'ApiError';

/** A success status whose body is not the operation's response. */
export class DecodeError extends MaiaError {
  constructor(message, fields) {
    super(message, 'ERR_MAIA_DECODE');
    this.status = fields.status;
    this.body = fields.body ?? '';
  }
}
DecodeError.prototype.name = 'DecodeError';

function typeError(message, code) {
  const error = new TypeError(message);
  error.code = code;
  return error;
}

/**
 * Runs a wasm call. A trap (a Rust panic under panic=abort, which should never happen) leaves a
 * wasm instance in an undefined state, so the instance is replaced by a fresh one before the
 * error is reported: the next call works.
 */
function call(fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      native.__wbg_reset_state();
      const internal = new MaiaError(internalError, 'ERR_MAIA_INTERNAL');
      internal.cause = error;
      throw internal;
    }
    throw error;
  }
}

/** Reads a `{"ok": …}` / `{"error": …}` envelope from the wasm side. */
function unwrap(text) {
  const envelope = JSON.parse(text);
  if (!('error' in envelope)) return envelope.ok;
  const e = envelope.error;
  switch (e.kind) {
    case 'validation':
      return fail(new ValidationError(e.message, e.operation, e.violations));
    case 'api':
      return fail(new ApiError(e.message, e));
    case 'decode':
      return fail(new DecodeError(e.message, e));
    case 'unknownOperation':
      return fail(typeError(e.message, 'ERR_MAIA_UNKNOWN_OPERATION'));
    case 'option':
      return fail(Object.assign(typeError(e.message, 'ERR_MAIA_INVALID_OPTION'), { option: e.option }));
    default:
      return fail(typeError(e.message, 'ERR_MAIA_INVALID_INPUT'));
  }
}

function fail(error) {
  throw error;
}

function inputError(argument, pointer, kind, detail = '') {
  return typeError(call(() => native.inputErrorMessage(argument, pointer, kind, String(detail))), 'ERR_MAIA_INVALID_INPUT');
}

/** The name a host value's type goes by in messages (`bigint`, `function`, `Date`, `Map`). */
function typeName(value) {
  if (typeof value !== 'object' || value === null) return typeof value;
  try {
    const name = value.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'object';
  } catch {
    return 'object';
  }
}

/** The message of whatever a getter or a proxy trap threw. */
function hostMessage(error) {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return '';
  }
}

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || (proto.constructor?.name === 'Object' && Object.getPrototypeOf(proto) === null);
}

const escapePointer = (key) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * JSON text of a host value, walked with the core's limits: deeper than MAX_DEPTH, a cycle, NaN
 * or an infinity, a symbol key, or a value with no JSON form (bigint, function, symbol, Date, Map,
 * Set, typed arrays, class instances) throws a TypeError `ERR_MAIA_INVALID_INPUT` with the
 * core's message. `undefined` members are left out (as JSON.stringify does); `undefined` as the
 * whole value or an array element reads as null. Lone surrogates become U+FFFD (as Node-API and
 * TextEncoder do), since JSON text cannot carry them to Rust.
 */
export function toJsonText(value, argument) {
  const out = [];
  const ancestors = new Set();
  // Where the walk is: a getter or a proxy trap that throws is reported here.
  let at = '';
  const walk = (v, pointer, depth) => {
    at = pointer;
    switch (typeof v) {
      case 'string':
        out.push(JSON.stringify(v.toWellFormed()));
        return;
      case 'number':
        if (!Number.isFinite(v)) throw new Stop(pointer, 'nonFiniteNumber');
        out.push(JSON.stringify(v));
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'undefined':
        out.push('null');
        return;
      case 'object':
        if (v === null) {
          out.push('null');
          return;
        }
        break;
      default:
        throw new Stop(pointer, 'unsupported', typeof v);
    }
    if (ancestors.has(v)) throw new Stop(pointer, 'cycle');
    // The core reads MAX_DEPTH - 1 nested containers (serde_json's limit too); this one would be
    // number depth + 1.
    if (depth + 1 >= maxDepth) throw new Stop(pointer, 'tooDeep');
    ancestors.add(v);
    if (Array.isArray(v)) {
      out.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out.push(',');
        const item = `${pointer}/${i}`;
        at = item;
        walk(v[i], item, depth + 1);
      }
      out.push(']');
    } else if (isPlainObject(v)) {
      if (Object.getOwnPropertySymbols(v).some((s) => Object.prototype.propertyIsEnumerable.call(v, s))) throw new Stop(pointer, 'nonStringKey', 'symbol');
      out.push('{');
      let first = true;
      for (const key of Object.keys(v)) {
        const member = `${pointer}/${escapePointer(key)}`;
        at = member;
        const item = v[key];
        if (item === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(JSON.stringify(key.toWellFormed()), ':');
        walk(item, member, depth + 1);
      }
      out.push('}');
    } else {
      throw new Stop(pointer, 'unsupported', typeName(v));
    }
    ancestors.delete(v);
  };
  try {
    walk(value, '', 0);
  } catch (error) {
    if (error instanceof Stop) throw inputError(argument, error.pointer, error.kind, error.detail);
    throw inputError(argument, at, 'hostError', hostMessage(error));
  }
  return out.join('');
}

/** Why a walk stopped, and where; turned into the core's message by `toJsonText`. */
class Stop {
  constructor(pointer, kind, detail = '') {
    this.pointer = pointer;
    this.kind = kind;
    this.detail = detail;
  }
}

function operationId(operation) {
  if (typeof operation === 'string') return operation;
  try {
    return String(operation);
  } catch {
    return typeof operation;
  }
}

/** Every operation: `{id, method, path, pathParams, queryParams, headers, hasBody, summary}`. */
export function operations() {
  return JSON.parse(call(() => native.operations()));
}


/** Every violation of a request (errors and warnings); empty when valid. */
export function validate(operation, body, params) {
  const id = operationId(operation);
  const bodyText = toJsonText(body, 'body');
  const paramsText = toJsonText(params, 'params');
  return unwrap(call(() => native.validate(id, bodyText, paramsText)));
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The string option `name` of `options`, or null; any other type is the core's option error. */
function readOption(options, name) {
  let value;
  try {
    value = options[name];
  } catch (error) {
    throw inputError('options', `/${name}`, 'hostError', hostMessage(error));
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.toWellFormed();
  const message = call(() => native.optionTypeErrorMessage(name, typeName(value)));
  throw Object.assign(typeError(message, 'ERR_MAIA_INVALID_OPTION'), { option: name });
}

/** `{region, baseUrl, token}` as JSON text. */
function optionsText(options) {
  const given = options === undefined || options === null || typeof options !== 'object' ? {} : options;
  return JSON.stringify({ region: readOption(given, 'region'), baseUrl: readOption(given, 'baseUrl'), token: readOption(given, 'token') });
}

/** A copy whose `toJSON` and Node `util.inspect` give `redacted()` instead. */
function redacting(value, redacted) {
  Object.defineProperty(value, 'toJSON', { value: redacted });
  Object.defineProperty(value, INSPECT, { value: (_depth, opts, inspect) => (inspect ? inspect(redacted(), opts) : redacted()) });
  return value;
}

/**
 * The request to send, `{method, url, headers, body}`, usable unchanged as `fetch(request.url, request)`.
 * Its `toJSON()` and Node's `util.inspect` (and those of its `headers`) give the redacted form
 * (secrets as `***`).
 */
export function buildRequest(operation, body, params, options) {
  const id = operationId(operation);
  const bodyText = toJsonText(body, 'body');
  const paramsText = toJsonText(params, 'params');
  const built = unwrap(call(() => native.buildRequest(id, bodyText, paramsText, optionsText(options))));
  const { redacted } = built;
  const redactedHeaders = () => Object.fromEntries(redacted.headers);
  // The headers stay a plain object: fetch's Request refuses an init.headers with symbol keys.
  const request = { method: built.method, url: built.url, headers: Object.fromEntries(built.headers), body: built.body ?? null };
  return redacting(request, () => ({ method: redacted.method, url: redacted.url, headers: redactedHeaders(), body: redacted.body ?? null }));
}

/** `[name, value]` pairs from a plain object, a `Headers`, a `Map` or an array of pairs. */
function headerPairs(headers) {
  if (headers === undefined || headers === null) return [];
  const pairs = [];
  const add = (name, value, pointer) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value = value.join(', ');
    if (typeof value === 'number' && !Number.isFinite(value)) throw inputError('headers', pointer, 'nonFiniteNumber');
    if (typeof value !== 'string' && typeof value !== 'number') throw inputError('headers', pointer, 'unsupported', typeName(value));
    pairs.push([String(name), String(value)]);
  };
  if (Array.isArray(headers)) {
    headers.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) throw inputError('headers', `/${i}`, 'unsupported', typeName(pair));
      add(pair[0], pair[1], `/${i}/1`);
    });
  } else if (typeof headers.forEach === 'function' && (typeName(headers) === 'Headers' || headers instanceof Map)) {
    headers.forEach((value, name) => add(name, value, `/${escapePointer(String(name))}`));
  } else if (typeof headers === 'object' && isPlainObject(headers)) {
    for (const [name, value] of Object.entries(headers)) add(name, value, `/${escapePointer(name)}`);
  } else {
    throw inputError('headers', '', 'unsupported', typeName(headers));
  }
  return pairs;
}

const encoder = new TextEncoder();

function bodyBytes(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw inputError('body', '', 'unsupported', typeName(body));
}

/**
 * The parsed success body of a response, or an `ApiError` (error status) / `DecodeError`
 * (a 2xx body that is not the operation's response).
 */
export function parseResponse(operation, status, body, headers) {
  const id = operationId(operation);
  if (!Number.isInteger(status) || status < 0 || status > 65535) throw inputError('status', '', 'expectedStatus', typeName(status));
  const bytes = bodyBytes(body);
  const headersText = JSON.stringify(headerPairs(headers));
  return unwrap(call(() => native.parseResponse(id, status, headersText, bytes)));
}

/** Violations about a PEM private key (empty when it is fine). */
export function checkPrivateKey(text) {
  if (typeof text !== 'string') throw inputError('text', '', 'unsupported', typeName(text));
  return JSON.parse(call(() => native.checkPrivateKey(text)));
}

/** A repaired PEM private key; throws `ValidationError` when it cannot be repaired. */
export function normalizePrivateKey(text) {
  if (typeof text !== 'string') throw inputError('text', '', 'unsupported', typeName(text));
  return unwrap(call(() => native.normalizePrivateKey(text)));
}

/** Runs a trapping wasm export through the same guard as every call (for this package's tests). */
export function __selfTestTrap() {
  return call(() => native.__selfTestTrap());
}
