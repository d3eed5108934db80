'use strict';
// `Client` of the `maia-provision` npm package: the Rust core's native client (validation, OAuth,
// retries, the rate limit and every message are the core's), one Promise per call on napi's tokio
// runtime. This file only names the operations' arguments, turns envelopes into values or errors
// (through api-core.js), wires `AbortSignal`s to the native `cancel`, and pages lists lazily.

const util = require('node:util');

/**
 * The native client's errors, beside the shared ones (`MaiaError`, `ApiError`): `operation` and
 * `attempts` say which call failed after how many requests. Node only: the browser package has
 * no client, and does not download these.
 */
function clientErrors({ MaiaError, ApiError }, callFields) {
  /** No answer came (connect, TLS, reset, timeout) after every retry allowed. */
  class TransportError extends MaiaError {
    constructor(message, fields) {
      super(message, 'ERR_MAIA_TRANSPORT');
      callFields(this, fields);
      this.timedOut = fields.timedOut ?? false;
    }
  }
  TransportError.prototype.name = 'TransportError';

  /** The credentials were refused (by the token endpoint, or a 401 again after a new token). */
  class AuthError extends MaiaError {
    constructor(message, fields) {
      super(message, 'ERR_MAIA_AUTH');
      callFields(this, fields);
      this.status = fields.status ?? null;
    }
  }
  AuthError.prototype.name = 'AuthError';

  /** Still 429 after every retry allowed. */
  class RateLimitedError extends ApiError {
    constructor(message, fields) {
      super(message, fields);
      this.code = 'ERR_MAIA_RATE_LIMITED';
    }
  }
  RateLimitedError.prototype.name = 'RateLimitedError';

  /** A create whose answer was lost, not sent again; `key` is the name it would have. */
  class OutcomeUnknownError extends MaiaError {
    constructor(message, fields) {
      super(message, 'ERR_MAIA_OUTCOME_UNKNOWN');
      callFields(this, fields);
      this.key = fields.key ?? null;
    }
  }
  OutcomeUnknownError.prototype.name = 'OutcomeUnknownError';

  return { TransportError, AuthError, RateLimitedError, OutcomeUnknownError };
}

/** `Client` over the addon and the shared API helpers (`createApi`'s `unwrap`, `jsonText`, …). */
function createClient(addon, { unwrap, jsonText, operationIndex, typeError, optionTypeErrorMessage }) {
  const STRING_OPTIONS = ['region', 'baseUrl', 'tokenUrl', 'clientId', 'clientSecret', 'token', 'userAgent'];
  const NUMBER_OPTIONS = ['timeout', 'maxRetries', 'rateLimit'];
  const USER_AGENT = `node/${process.versions.node}`;
  let nextId = 1;

  function optionError(name, value) {
    const type = value === null ? 'null' : typeof value;
    return typeError(optionTypeErrorMessage(name, type), 'ERR_MAIA_INVALID_OPTION', { option: name });
  }

  function abortError(signal) {
    return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
  }

  /**
   * Runs `start(id)` (a native Promise of an envelope) so that `signal` can stop it. An abort
   * rejects with the signal's reason, except for a create already under way (`interrupted()`
   * gives the envelope): its request may have been sent, so it is an `OutcomeUnknownError` whose
   * `cause` is the reason.
   */
  async function run(native, signal, start, interrupted = () => null) {
    if (signal?.aborted) throw abortError(signal);
    const id = nextId++ >>> 0;
    if (signal === undefined) return unwrap(await start(id));
    let onAbort;
    const aborted = new Promise((_, reject) => {
      onAbort = () => {
        native.cancel(id);
        const unknown = interrupted();
        if (unknown === null) return reject(abortError(signal));
        try {
          unwrap(unknown);
        } catch (error) {
          error.cause = abortError(signal);
          reject(error);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return unwrap(await Promise.race([start(id), aborted]));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  const project = (projectId) => ({ projectId });
  const repository = (projectId, token) => (token === undefined || token === null ? { projectId } : { projectId, 'Git-Provider-Access-Token': token });

  class Client {
    #native;
    #closed = false;

    /** A client; options not given come from `MAIA_*` variables. `timeout` is in milliseconds. */
    constructor(options = {}) {
      const given = {};
      for (const name of STRING_OPTIONS) {
        const value = options[name];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string') throw optionError(name, value);
        given[name] = value;
      }
      for (const name of NUMBER_OPTIONS) {
        const value = options[name];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number' || Number.isNaN(value)) throw optionError(name, value);
        // Counts go as given: the core's rule refuses a negative or fractional one (JSON has no
        // infinity, so an infinite count crosses as the largest number, which it refuses too).
        given[name] = name === 'timeout' || Number.isFinite(value) ? value : Math.sign(value) * Number.MAX_VALUE;
      }
      given.userAgent = given.userAgent ?? USER_AGENT;
      const { logger } = options;
      if (logger !== undefined && logger !== null && typeof logger !== 'function') throw optionError('logger', logger);
      const log = logger ? (line) => logger(JSON.parse(line)) : undefined;
      // The timeout crosses as a number of its own: JSON has no infinity, which the core refuses.
      const { timeout, ...rest } = given;
      const made = addon.newClient(JSON.stringify(rest), timeout, log);
      if (typeof made === 'string') unwrap(made);
      this.#native = made;
    }

    /** Any operation by id, with its path, query and header parameters by name; a list returns the page asked for. */
    call(operation, body, params, { signal } = {}) {
      return this.#call(operation, body, params, signal);
    }

    #call(operation, body, params, signal) {
      return (async () => {
        const index = operationIndex(operation);
        const bodyText = jsonText(body, 'body');
        const text = jsonText(params, 'params') + ' ' + bodyText;
        // An aborted create may have been sent: the core's OutcomeUnknownError, or '' for a read.
        const interrupted = () => addon.call('interruptedError', index, bodyText, '', '', '') || null;
        return run(this.#native, signal, (id) => this.#native.call(index, text, id), interrupted);
      })();
    }

    async *#items(operation, params, signal) {
      const pages = this.#native.pages(operationIndex(operation), jsonText(params, 'params'));
      if (typeof pages === 'string') unwrap(pages);
      for (;;) {
        const page = await run(this.#native, signal, (id) => pages.next(id));
        if (page === null) return;
        yield* page;
      }
    }

    createProject(body, options = {}) {
      return this.#call('createProject', body, undefined, options.signal);
    }
    createDataPlatformConnection(projectId, body, options = {}) {
      return this.#call('createDataPlatformConnection', body, project(projectId), options.signal);
    }
    createSecretValue(agentId, body, options = {}) {
      return this.#call('createSecretValue', body, { agentId }, options.signal);
    }
    createProjectConnection(projectId, body, options = {}) {
      return this.#call('createProjectConnection', body, project(projectId), options.signal);
    }
    createEnvironment(projectId, body, options = {}) {
      return this.#call('createEnvironment', body, project(projectId), options.signal);
    }
    createRepository(projectId, body, gitProviderAccessToken, options = {}) {
      if (typeof gitProviderAccessToken === 'object' && gitProviderAccessToken !== null) [gitProviderAccessToken, options] = [undefined, gitProviderAccessToken];
      return this.#call('createRepository', body, repository(projectId, gitProviderAccessToken), options.signal);
    }
    rotateRepositoryToken(projectId, gitProviderAccessToken, options = {}) {
      return this.#call('rotateRepositoryToken', undefined, repository(projectId, gitProviderAccessToken), options.signal);
    }
    listAgents(options = {}) {
      return this.#items('listAgents', undefined, options.signal);
    }
    listProjects(options = {}) {
      return this.#items('listProjects', undefined, options.signal);
    }
    listEnvironments(projectId, options = {}) {
      return this.#items('listEnvironments', project(projectId), options.signal);
    }
    listProjectConnections(projectId, options = {}) {
      const params = project(projectId);
      if (options.connectionNames !== undefined) params.connectionNames = options.connectionNames;
      return this.#items('listProjectConnections', params, options.signal);
    }

    /** Drops the connection pool; later calls reject. The process is not kept alive by a client. */
    close() {
      this.#native.close();
      this.#closed = true;
    }

    get closed() {
      return this.#closed;
    }

    toJSON() {
      return this.#native.describe();
    }

    toString() {
      return this.#native.describe();
    }

    [util.inspect.custom]() {
      return this.#native.describe();
    }
  }

  return Client;
}

module.exports = { createClient, clientErrors };
