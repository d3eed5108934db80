'use strict';
// `maia-provision/testing`: the emulator of `maia-provision-emulator`, inside this package's addon,
// on 127.0.0.1. `await startEmulator(settings)` gives `url`, `tokenUrl`, `clientId`, `clientSecret`
// and the control-plane helpers (async, over `fetch`); `await emu.stop()` stops it. The server runs
// on its own thread, so it never keeps the process alive. Settings, their checks and every message
// are the emulator's; this file only turns its answers into JS errors.

const util = require('node:util');
const addon = require('./index.js');

const CONTROL_TIMEOUT_MS = 10_000;

/** An error of the testing helpers: `code` is `ERR_MAIA_EMULATOR_SETTING`, `…_CONFIG`, `…_START` or `…_CONTROL`. */
function emulatorError(Kind, code, message, cause) {
  const error = new Kind(message, cause === undefined ? undefined : { cause });
  error.code = code;
  return error;
}

class Emulator {
  #native;
  #clientSecret;

  constructor(native) {
    const info = JSON.parse(native.info());
    this.#native = native;
    this.url = info.url;
    this.tokenUrl = info.tokenUrl;
    this.clientId = info.clientId;
    this.#clientSecret = info.clientSecret;
  }

  /** The default account's client secret: a prototype getter, so `util.inspect` and `JSON.stringify` skip it. */
  get clientSecret() {
    return this.#clientSecret;
  }

  /** Whether the server still runs. */
  get running() {
    return this.#native.running;
  }

  /** Stops the server and closes its connections; again: nothing. */
  async stop() {
    await this.#native.stop();
  }

  /** The request journal, oldest first (no bodies, tokens or secrets). */
  async requests() {
    return (await this.#control('GET', 'requests')).requests;
  }

  /** Forgets every resource and the journal; ids start again from the seed. */
  async reset() {
    await this.#control('POST', 'reset');
  }

  /** Adds a fault rule and returns its id; a refused rule throws with the emulator's reason. */
  async addFault(rule) {
    return (await this.#control('POST', 'faults', rule)).ids[0];
  }

  /** Removes every fault rule. */
  async clearFaults() {
    await this.#control('DELETE', 'faults');
  }

  /** The state export: `{accounts: [{name, agents, projects, secrets, …}]}`, secret values as `***`. */
  async state() {
    return this.#control('GET', 'state');
  }

  toJSON() {
    return { url: this.url, tokenUrl: this.tokenUrl, clientId: this.clientId, clientSecret: '***' };
  }

  [util.inspect.custom](depth, options, inspect) {
    return `Emulator ${inspect(this.toJSON(), options)}`;
  }

  async #control(method, name, body) {
    const init = { method, signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const response = await fetch(`${this.url}/_emulator/${name}`, init);
    const text = await response.text();
    if (!response.ok) {
      let detail = text;
      try {
        detail = JSON.parse(text).detail ?? text;
      } catch {}
      throw emulatorError(Error, 'ERR_MAIA_EMULATOR_CONTROL', detail);
    }
    return text ? JSON.parse(text) : undefined;
  }
}

/** Starts an emulator; `settings` are those of the emulator's `EmulatorConfig` (`seed`, `token_ttl`, …). */
async function startEmulator(settings = {}) {
  const json = JSON.stringify(settings ?? {});
  let native;
  try {
    native = await addon.startEmulator(json);
  } catch (error) {
    throw emulatorError(Error, 'ERR_MAIA_EMULATOR_START', error.message, error);
  }
  if (typeof native === 'string') {
    const { kind, message } = JSON.parse(native).error;
    throw kind === 'unknownSetting'
      ? emulatorError(TypeError, 'ERR_MAIA_EMULATOR_SETTING', message)
      : emulatorError(Error, 'ERR_MAIA_EMULATOR_CONFIG', message);
  }
  return new Emulator(native);
}

/** The names of the settings `startEmulator` takes. */
const EMULATOR_SETTINGS = Object.freeze(addon.emulatorSettings());

module.exports = { startEmulator, Emulator, EMULATOR_SETTINGS };
