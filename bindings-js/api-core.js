'use strict';
// The JS API of maia-provision, shared by the Node (napi) and the browser (wasm) packages: the
// error classes, the walk of host values with the core's limits, option handling, the redacting
// request and the response arguments. The one hand-written source: bindings-js/emit.sh writes it
// into each package as CommonJS or as an ES module by adding one export line (`createApi` only),
// so this file must stay free of `import`, `require` and `export`.
//
// Like the bindings, it only converts values and maps errors: every rule, enum list and message
// comes from the core through `native`, the few entry points each package adapts from its own
// native module (bindings-node/wrapper.js, bindings-wasm/js/native.js):
//
//   tables: the core's static tables, parsed once (`ffi::tables`): limits, internalErrorMessage,
//     violationCodes, faultKinds ({kind: {name, code}}: the envelope's error kinds and the JS
//     error of each), operations, fieldOptions, combinations, variantMembers
//   call(name, index, a, b, c, d) -> text: the core's text-in, text-out functions (`ffi::call`):
//     operationIndex, inputErrorMessage, optionTypeErrorMessage, checkPrivateKey,
//     normalizePrivateKey, redactedRequest (a built request read back from its URL, header
//     pairs and body, for its redacted form: asked for only when a request is shown)
//   validate(index, paramsText, bodyText) -> null (no violation) | envelope
//   buildRequest(index, paramsText, bodyText, {region, baseUrl, token}) -> envelope
//   parseResponse(index, status, body: string | Uint8Array | null, headers: [name, value][]) -> envelope
//   isInternal(error) -> whether a throw is a fault of the native side; reset() recovers from one
//
// An envelope is JSON text, `{"ok": value}` or `{"error": {kind, message, …fields}}`: one string
// each way costs less than a call per member (bench/node/README.md has the numbers).

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The name a value's type goes by in messages (`bigint`, `function`, `Date`, `Map`). */
function typeName(value) {
  if (typeof value !== 'object' || value === null) return typeof value;
  try {
    const name = value.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'object';
  } catch {
    return 'object';
  }
}

/** The message of whatever a getter, a proxy trap or the native side threw. */
function hostMessage(error) {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return '';
  }
}


// ---- host values to JSON text --------------------------------------------------------------
// Before serializing, `jsonText` walks the value for what JSON.stringify would silently drop or
// mangle (NaN, functions, symbols, Map, Date, class instances) or refuse (BigInt, cycles), with
// the core's depth limit and messages.

function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
}

const escapePointer = (key) => (key.includes('~') || key.includes('/') ? key.replaceAll('~', '~0').replaceAll('/', '~1') : key);
const pointerOf = (path) => (path.length === 0 ? '' : '/' + path.map((segment) => escapePointer(String(segment))).join('/'));

/** Why a walk stopped; turned into the core's message by `jsonText`. */
class Stop {
  constructor(kind, detail) {
    this.kind = kind;
    this.detail = detail;
  }
}

/** Thrown by `scan` for any problem; `check` then walks again to say which and where. */
const PROBLEM = Symbol('problem');

/**
 * The fast walk: whether `value` (at `depth` containers deep) reads as JSON. Returns true when a
 * string or key has a lone surrogate; throws PROBLEM for anything else worth a closer look (also
 * an own symbol key, which `check` refuses only when enumerable). Keeps no pointer and no
 * ancestors: a cycle always ends in the depth limit.
 */
function scan(value, depth, limits) {
  switch (typeof value) {
    case 'string':
      if (value.length > limits.maxStringLength) throw PROBLEM;
      return !value.isWellFormed();
    case 'number':
      if (value - value !== 0) throw PROBLEM;
      return false;
    case 'boolean':
      return false;
    case 'object':
      if (value === null) return false;
      break;
    default:
      throw PROBLEM;
  }
  if (depth + 1 >= limits.maxDepth) throw PROBLEM;
  let irregular = false;
  if (Array.isArray(value)) {
    // Checked before the walk: a sparse array or a Proxy may claim any length.
    if (value.length > limits.maxArrayLength) throw PROBLEM;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (item !== undefined && scan(item, depth + 1, limits)) irregular = true;
    }
    return irregular;
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null && !isPlainObject(value)) || Object.getOwnPropertySymbols(value).length !== 0) throw PROBLEM;
  const keys = Object.keys(value);
  if (keys.length > limits.maxMembers) throw PROBLEM;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    const member = value[key];
    if ((member !== undefined && scan(member, depth + 1, limits)) || !key.isWellFormed()) irregular = true;
  }
  return irregular;
}

/**
 * The careful walk, run when `scan` found something: the same rules, with the pointer (`path`,
 * left as it was when a Stop is thrown) and the containers above (`ancestors`) to tell a cycle
 * from deep nesting. Returns what `scan` returns when nothing is wrong after all (an own symbol
 * key that is not enumerable).
 */
function check(value, path, ancestors, limits) {
  switch (typeof value) {
    case 'string':
      if (value.length > limits.maxStringLength) throw new Stop('tooLarge', 'string');
      return !value.isWellFormed();
    case 'number':
      if (value - value !== 0) throw new Stop('nonFiniteNumber');
      return false;
    case 'boolean':
      return false;
    case 'object':
      if (value === null) return false;
      break;
    default:
      throw new Stop('unsupported', typeof value);
  }
  if (ancestors.includes(value)) throw new Stop('cycle');
  // The core reads MAX_DEPTH - 1 nested containers (serde_json's limit too): this one would be
  // number `ancestors.length + 1`.
  if (ancestors.length + 1 >= limits.maxDepth) throw new Stop('tooDeep');
  ancestors.push(value);
  let irregular = false;
  if (Array.isArray(value)) {
    if (value.length > limits.maxArrayLength) throw new Stop('tooLarge', 'array');
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      const item = value[index];
      // `undefined` (or a hole) in an array reads as null, as in JSON.stringify.
      if (item !== undefined && check(item, path, ancestors, limits)) irregular = true;
      path.pop();
    }
  } else {
    if (!isPlainObject(value)) throw new Stop('unsupported', typeName(value));
    const symbols = Object.getOwnPropertySymbols(value);
    if (symbols.some((symbol) => Object.prototype.propertyIsEnumerable.call(value, symbol))) throw new Stop('nonStringKey', 'symbol');
    const keys = Object.keys(value);
    if (keys.length > limits.maxMembers) throw new Stop('tooLarge', 'members');
    for (const key of keys) {
      path.push(key);
      const member = value[key];
      // An `undefined` member is an absent member, as in JSON.stringify and TypeScript's `a?: T`.
      if (member !== undefined && check(member, path, ancestors, limits)) irregular = true;
      if (!key.isWellFormed()) irregular = true;
      path.pop();
    }
  }
  ancestors.pop();
  return irregular;
}

const wellFormed = (_key, value) => (typeof value === 'string' ? value.toWellFormed() : value);

function rekey(value) {
  // JSON.stringify's replacer cannot rename keys: rebuild objects whose keys have lone surrogates.
  if (typeof value !== 'object' || value === null) return typeof value === 'string' ? value.toWellFormed() : value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : rekey(item)));
  const out = {};
  for (const key of Object.keys(value)) if (value[key] !== undefined) out[key.toWellFormed()] = rekey(value[key]);
  return out;
}


/** The public API over `native` (see the top of this file): `{api, guarded}`, where `guarded(fn)`
 * runs a native call with the same fault handling as every API function (for self-tests). */
function createApi(native) {
  // The core's reading limits, checked before any walk of a host value.
  const { tables } = native;
  const limits = tables.limits;
  // Read once: after a fault the native side may not answer.
  const internalError = tables.internalErrorMessage;
  const operationIndexes = new Map(tables.operations.map((descriptor, index) => [descriptor.id, index]));
  // The envelope's error kinds come from the core, each with the JS error it becomes.
  const faultKinds = tables.faultKinds;
  // A table as the caller's own copy (it may change what it is given).
  const table = (name) => structuredClone(tables[name]);

  /** The base of every error this package throws about a request or a response. */
  class MaiaError extends Error {
    constructor(message, code) {
      super(message);
      this.code = code;
    }
  }
  MaiaError.prototype.name = 'MaiaError';

  /** A request with error-severity violations; `.violations` holds all of them (warnings too). */
  class ValidationError extends MaiaError {
    constructor(message, operation, violations) {
      super(message, 'ERR_MAIA_VALIDATION');
      this.operation = operation ?? null;
      this.violations = violations ?? [];
    }
  }
  ValidationError.prototype.name = 'ValidationError';

  /** An error status from the API, with its ProblemDetail when the body is one. */
  class ApiError extends MaiaError {
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
  class DecodeError extends MaiaError {
    constructor(message, fields) {
      super(message, 'ERR_MAIA_DECODE');
      this.status = fields.status;
      this.body = fields.body ?? '';
    }
  }
  DecodeError.prototype.name = 'DecodeError';

  // The native client's errors (the Node package's `Client`); `operation` and `attempts` say
  // which call failed after how many requests.
  function callFields(error, fields) {
    error.operation = fields.operation ?? null;
    error.attempts = fields.attempts ?? 0;
    return error;
  }

  // Error classes a package adds for kinds only it produces (the Node package's client errors),
  // by the JS name the core's fault table gives: see `registerErrors`.
  const extraErrors = new Map();

  function typeError(message, code, fields) {
    const error = new TypeError(message);
    error.code = code;
    return fields === undefined ? error : Object.assign(error, fields);
  }

  /**
   * Calls a native function. A throw that the native side reports as its own fault (a Rust panic,
   * a wasm trap) is a bug: the native side recovers (a trapped wasm instance is replaced) and the
   * caller gets `ERR_MAIA_INTERNAL` with the core's message, keeping the cause.
   */
  function call(fn, a, b, c, d, e, f) {
    try {
      return fn(a, b, c, d, e, f);
    } catch (error) {
      if (!native.isInternal(error)) throw error;
      native.reset();
      const internal = new MaiaError(internalError, 'ERR_MAIA_INTERNAL');
      internal.cause = error;
      throw internal;
    }
  }

  /** One of the core's text functions (`ffi::call`) that takes no operation. */
  function coreText(name, a = '', b = '', c = '', d = '') {
    return call(native.call, name, 0, a, b, c, d);
  }

  /** The core's message for an option of the wrong type. */
  function optionTypeErrorMessage(name, type) {
    return coreText('optionTypeErrorMessage', name, type);
  }

  /** An error of a client call (the envelope has `attempts`) with its operation and attempts. */
  function withCall(error, fields) {
    return fields.attempts === undefined ? error : callFields(error, fields);
  }

  /** The value of a `{"ok": …}` envelope, or the error of a `{"error": …}` one, thrown. */
  function unwrap(text) {
    const envelope = JSON.parse(text);
    if (envelope.error === undefined) return envelope.ok;
    const e = envelope.error;
    const kind = faultKinds[e.kind] ?? faultKinds.input;
    switch (kind.name) {
      case 'ValidationError':
        throw new ValidationError(e.message, e.operation, e.violations);
      case 'ApiError':
        throw withCall(new ApiError(e.message, e), e);
      case 'DecodeError':
        throw withCall(new DecodeError(e.message, e), e);
      default:
        if (extraErrors.has(kind.name)) throw new (extraErrors.get(kind.name))(e.message, e);
        throw typeError(e.message, kind.code, e.option === undefined ? undefined : { option: e.option });
    }
  }

  function inputError(argument, pointer, kind, detail) {
    const message = coreText('inputErrorMessage', argument, pointer, kind, detail === undefined ? '' : String(detail));
    return typeError(message, 'ERR_MAIA_INVALID_INPUT');
  }

  /** The index of an operation id (camelCase, or snake_case through the core). */
  function operationIndex(operation) {
    const index = operationIndexes.get(operation);
    if (index !== undefined) return index;
    let id;
    try {
      id = typeof operation === 'string' ? operation : String(operation);
    } catch {
      id = typeof operation;
    }
    return unwrap(coreText('operationIndex', id));
  }

  /** The JSON text of `value` (argument `argument`), or a TypeError `ERR_MAIA_INVALID_INPUT`. */
  function jsonText(value, argument) {
    if (value === undefined || value === null) return 'null';
    let irregular;
    try {
      irregular = scan(value, 0, limits);
    } catch {
      // Something to look at closely (or a getter that threw): walk again, keeping the pointer.
      const path = [];
      try {
        irregular = check(value, path, [], limits);
      } catch (error) {
        if (error instanceof Stop) throw inputError(argument, pointerOf(path), error.kind, error.detail);
        // A getter or a proxy trap threw.
        throw inputError(argument, pointerOf(path), 'hostError', hostMessage(error));
      }
    }
    try {
      return irregular ? JSON.stringify(rekey(value), wellFormed) : JSON.stringify(value);
    } catch (error) {
      // Only a getter that throws on the second read, or a text beyond V8's string limit.
      throw inputError(argument, '', 'hostError', hostMessage(error));
    }
  }


  /** Every operation: `{id, method, path, pathParams, queryParams, headers, hasBody, summary}`. */
  function operations() {
    return table('operations');
  }

  /** Every violation of a request (errors and warnings); empty when it is valid. */
  function validate(operation, body, params) {
    const index = operationIndex(operation);
    const bodyText = jsonText(body, 'body');
    const violations = call(native.validate, index, jsonText(params, 'params'), bodyText);
    return violations === null ? [] : unwrap(violations);
  }

  /** The string option `name`, or null; any other type is the core's option error. */
  function readOption(options, name) {
    let value;
    try {
      value = options[name];
    } catch (error) {
      throw inputError('options', `/${name}`, 'hostError', hostMessage(error));
    }
    if (value === undefined || value === null) return null;
    // Lone surrogates cannot cross to Rust; they read as U+FFFD, as in bodies.
    if (typeof value === 'string') return value.toWellFormed();
    throw typeError(optionTypeErrorMessage(name, typeName(value)), 'ERR_MAIA_INVALID_OPTION', { option: name });
  }

  /**
   * The redacted copy that `toJSON` and `util.inspect` show, made by the core when first shown
   * (the built request read back): making it reads and writes the body again, and most
   * requests are sent without being shown.
   */
  function redactedCopy(redact) {
    let copy;
    return () => {
      if (copy === undefined) {
        const redacted = unwrap(redact());
        copy = { method: redacted.method, url: redacted.url, headers: Object.fromEntries(redacted.headers), body: redacted.body ?? null };
      }
      return copy;
    };
  }

  /**
   * The headers to send: one own enumerable property per header (all that fetch reads of a
   * headers object, symbols included, so the printing hooks sit on the class). `toJSON()` and
   * `util.inspect` show the redacted form. One class, not a prototype made per request: objects
   * with a prototype of their own each leave V8's fast paths (buildRequest took 4–8× as long).
   */
  class RequestHeaders {
    #shown;
    constructor(pairs, shown) {
      for (const [name, value] of pairs) this[name] = value;
      this.#shown = shown;
    }
    toJSON() {
      return this.#shown().headers;
    }
    [INSPECT](_depth, opts, inspect) {
      return inspect ? inspect(this.toJSON(), opts) : this.toJSON();
    }
  }

  /** A built request; see `buildRequest`. */
  class HttpRequest {
    #shown;
    constructor(built, shown) {
      this.method = built.method;
      this.url = built.url;
      Object.defineProperty(this, 'headers', { value: new RequestHeaders(built.headers, shown) });
      Object.defineProperty(this, 'body', { value: built.body ?? null });
      this.#shown = shown;
    }
    toJSON() {
      return this.#shown();
    }
    [INSPECT](_depth, opts, inspect) {
      return inspect ? inspect(this.toJSON(), opts) : this.toJSON();
    }
  }

  /**
   * The request to send, usable unchanged as `fetch(request.url, request)`. Only `method` and
   * `url` are enumerable: `headers` (the real values, the bearer token and a PAT among them) and
   * `body` (which may hold a secret) are non-enumerable, so a spread, `Object.assign` or
   * `structuredClone` of the request copies no secret, and `toJSON()` / `util.inspect` /
   * `console.dir` of the request or of its `headers` show the redacted form. Read
   * `request.headers` and `request.body` explicitly to send with another client.
   */
  function buildRequest(operation, body, params, options) {
    const index = operationIndex(operation);
    const bodyText = jsonText(body, 'body');
    const paramsText = jsonText(params, 'params');
    const given = options === undefined || options === null || typeof options !== 'object' ? {} : options;
    const chosen = { region: readOption(given, 'region'), baseUrl: readOption(given, 'baseUrl'), token: readOption(given, 'token') };
    const built = unwrap(call(native.buildRequest, index, paramsText, bodyText, chosen));
    const redact = () => call(native.call, 'redactedRequest', index, built.url, JSON.stringify(built.headers), built.body ?? '', '');
    return new HttpRequest(built, redactedCopy(redact));
  }

  /** `[name, value]` pairs from a plain object, a `Headers`, a `Map` or an array of pairs. */
  /** `fn()`, with anything a getter, a proxy or a detached buffer throws as the core's input error. */
  function reading(argument, fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Error && typeof error.code === 'string' && error.code.startsWith('ERR_MAIA_')) throw error;
      throw inputError(argument, '', 'hostError', hostMessage(error));
    }
  }

  function headerPairs(headers) {
    return reading('headers', () => readHeaderPairs(headers));
  }

  function readHeaderPairs(headers) {
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

  function responseBody(body) {
    return reading('body', () => readResponseBody(body));
  }

  function readResponseBody(body) {
    if (body === undefined || body === null) return null;
    if (typeof body === 'string' || body instanceof Uint8Array) return body;
    if (body instanceof ArrayBuffer) {
      if (body.detached) throw inputError('body', '', 'hostError', 'the ArrayBuffer is detached (its contents were transferred)');
      return new Uint8Array(body);
    }
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    throw inputError('body', '', 'unsupported', typeName(body));
  }

  /**
   * The parsed success body of a response; throws `ApiError` for an error status and
   * `DecodeError` for a 2xx body that is not the operation's response.
   */
  function parseResponse(operation, status, body, headers) {
    const index = operationIndex(operation);
    // The core checks the range (100 to 599); a value that is not a number at all stops here.
    if (typeof status !== 'number') throw inputError('status', '', 'expectedStatus', typeName(status));
    return unwrap(call(native.parseResponse, index, status, responseBody(body), headerPairs(headers)));
  }

  /** Violations about a PEM private key (empty when it is fine). */
  function checkPrivateKey(text) {
    if (typeof text !== 'string') throw inputError('text', '', 'unsupported', typeName(text));
    return JSON.parse(coreText('checkPrivateKey', text));
  }

  /** A repaired PEM private key; throws `ValidationError` when it cannot be repaired. */
  function normalizePrivateKey(text) {
    if (typeof text !== 'string') throw inputError('text', '', 'unsupported', typeName(text));
    return unwrap(coreText('normalizePrivateKey', text));
  }

  /** Allowed values per operation and JSON pointer: `{operationId: {pointer: [values]}}`. */
  function fieldOptions() {
    return table('fieldOptions');
  }

  /** The combination table of project connections: `[{platformConnectionType, authProviders, authTypes, useFor}]`. */
  function combinations() {
    return table('combinations');
  }

  /** The members each variant takes (vault types, clouds, Git providers, warehouse properties). */
  function variantMembers() {
    return table('variantMembers');
  }

  const api = {
    ApiError,
    DecodeError,
    MaiaError,
    /** Every violation code id, in the core's documentation order. */
    VIOLATION_CODES: Object.freeze(tables.violationCodes),
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
  };
  // `unwrap`, `jsonText`, `operationIndex` and `typeError`: for the Node package's client.js.
  /** Adds error classes for kinds of the core's fault table by their JS `name`. */
  function registerErrors(classes) {
    for (const [name, constructor] of Object.entries(classes)) extraErrors.set(name, constructor);
  }
  // `unwrap`, `jsonText`, `operationIndex`, `typeError`, `callFields`, `registerErrors`: for the
  // Node package's client.js.
  return { api, guarded: (fn) => call(fn), unwrap, jsonText, operationIndex, optionTypeErrorMessage, typeError, callFields, registerErrors };
}
