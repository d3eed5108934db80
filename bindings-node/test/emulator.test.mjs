// `maia-provision/testing`: the emulator from the built package, driven by `fetch` with the SDK's
// own `buildRequest` / `parseResponse`, as a user's test would; plus a fault, the settings'
// errors, redaction of the secret, and that a stopped emulator lets the process exit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { kind } from './impl.mjs';

const skip = kind !== 'napi' && 'the emulator is in the napi package only';
const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../examples/requests');
const require = createRequire(import.meta.url);
const AUDIENCE = 'https://api.matillion.com';

function example(prefix) {
  const [file] = fs.readdirSync(examples).filter((name) => name.startsWith(`${prefix}-`));
  return JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
}

async function load() {
  const [{ buildRequest, parseResponse, ApiError }, { startEmulator }] = await Promise.all([import('maia-provision'), import('maia-provision/testing')]);
  return { buildRequest, parseResponse, ApiError, startEmulator };
}

async function fetchToken(emu) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, audience: AUDIENCE });
  const response = await fetch(emu.tokenUrl, { method: 'POST', body: form });
  assert.equal(response.status, 200);
  return (await response.json()).access_token;
}

function caller({ buildRequest, parseResponse }, emu, token) {
  return async (operation, body, params) => {
    const request = buildRequest(operation, body, params, { baseUrl: emu.url, token });
    const response = await fetch(request.url, request);
    return parseResponse(operation, response.status, await response.text(), response.headers);
  };
}

const creates = (journal, operation) => journal.filter((entry) => entry.operation === operation && entry.changed).length;

test('one whole project in the guide\'s order, one create per resource', { skip }, async () => {
  const sdk = await load();
  const emu = await sdk.startEmulator({ seed: 1 });
  try {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const call = caller(sdk, emu, await fetchToken(emu));
    const { projectId } = await call('createProject', example('01').body);
    const project = { projectId };
    assert.deepEqual(await call('createDataPlatformConnection', example('02').body, project), {});
    const { results: agents } = await call('listAgents');
    const fullSaas = agents.find((agent) => agent.deploymentType === 'FULL_SAAS').agentId;
    assert.equal((await call('createSecretValue', example('03').body, { agentId: fullSaas })).vaultSecretName, 'snowflake-private-key');
    const connection = await call('createProjectConnection', example('07').body, project);
    assert.equal(connection.projectId, projectId);
    assert.deepEqual(await call('createEnvironment', { ...example('15').body, defaultAgentId: fullSaas }, project), {});
    assert.deepEqual(await call('createRepository', example('18').body, project), {});

    const journal = await emu.requests();
    const changed = ['createProject', 'createDataPlatformConnection', 'createSecretValue', 'createProjectConnection', 'createEnvironment', 'createRepository'];
    assert.deepEqual(journal.filter((entry) => entry.changed).map((entry) => entry.operation), changed);
    for (const operation of changed) assert.equal(creates(journal, operation), 1, operation);
    assert.equal(journal[0].operation, 'token');
    const [account] = (await emu.state()).accounts;
    assert.deepEqual(account.projects.map((p) => p.body.name), ['my-project-name']);
    await emu.reset();
    assert.deepEqual(await emu.requests(), []);
  } finally {
    await emu.stop();
  }
  assert.equal(emu.running, false);
  await emu.stop(); // a second stop does nothing
});

test('a create answered 500 after processing exists once', { skip }, async () => {
  const sdk = await load();
  const emu = await sdk.startEmulator({ seed: 2, faults: [{ operation: 'createProject', action: { type: 'status_after', status: 500 } }] });
  try {
    const call = caller(sdk, emu, await fetchToken(emu));
    const body = example('01').body;
    await assert.rejects(call('createProject', body), (error) => error instanceof sdk.ApiError && error.status === 500);
    await assert.rejects(call('createProject', body), (error) => error instanceof sdk.ApiError && error.status === 409);
    const journal = await emu.requests();
    assert.equal(creates(journal, 'createProject'), 1);
    assert.deepEqual(journal.filter((e) => e.operation === 'createProject').map((e) => e.fault), ['status_after#1', null]);
    assert.deepEqual((await emu.state()).accounts[0].projects.map((p) => p.body.name), [body.name]);

    const id = await emu.addFault({ operation: 'listProjects', times: null, action: { type: 'status', status: 503, retry_after: 1 } });
    assert.equal(typeof id, 'number');
    await assert.rejects(call('listProjects'), (error) => error.status === 503 && error.retryAfter === '1');
    await emu.clearFaults();
    assert.equal((await call('listProjects')).results.length, 1);
    await assert.rejects(emu.addFault({ nth: 0, action: { type: 'drop_before' } }), (error) => error.code === 'ERR_MAIA_EMULATOR_CONTROL' && /nth/.test(error.message));
  } finally {
    await emu.stop();
  }
});

test('settings are checked: an unknown one is a TypeError naming it, a bad value an Error', { skip }, async () => {
  const { startEmulator } = await load();
  await assert.rejects(startEmulator({ sed: 1 }), (error) => error instanceof TypeError && error.code === 'ERR_MAIA_EMULATOR_SETTING' && error.message.includes('`sed`'));
  await assert.rejects(startEmulator({ rate_limit: 0 }), (error) => error.code === 'ERR_MAIA_EMULATOR_CONFIG' && /rate limit/.test(error.message));
  await assert.rejects(startEmulator({ seed: 'one' }), (error) => error.code === 'ERR_MAIA_EMULATOR_CONFIG');
  const emu = await startEmulator();
  try {
    const port = Number(new URL(emu.url).port);
    await assert.rejects(startEmulator({ port }), (error) => error.code === 'ERR_MAIA_EMULATOR_START');
  } finally {
    await emu.stop();
  }
});

test('the client secret shows in neither util.inspect nor JSON.stringify', { skip }, async () => {
  const { startEmulator } = await load();
  const emu = await startEmulator({ accounts: [{ name: 'ci', client_id: 'ci-client', client_secret: 'ci-secret-value' }] });
  try {
    assert.equal(emu.clientSecret, 'ci-secret-value');
    for (const text of [util.inspect(emu), JSON.stringify(emu), String(Object.keys(emu)), util.inspect(emu, { showHidden: true })]) {
      assert.ok(!text.includes('ci-secret-value'), text);
    }
    assert.match(util.inspect(emu), /clientSecret: '\*\*\*'/);
    assert.equal(emu.clientId, 'ci-client');
  } finally {
    await emu.stop();
  }
});

test('stop() closes the port, and a script that stops its emulator exits', { skip, timeout: 30_000 }, async () => {
  const { startEmulator } = await load();
  const emu = await startEmulator();
  const port = Number(new URL(emu.url).port);
  await emu.stop();
  const refused = await new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(true));
  });
  assert.ok(refused, 'the port still accepts connections after stop()');

  const entry = require.resolve('maia-provision/testing');
  const script = `const { startEmulator } = require(${JSON.stringify(entry)});
    (async () => { const emu = await startEmulator(); await (await fetch(emu.url + '/_emulator/requests')).text(); await emu.stop(); console.log('stopped'); })();`;
  const started = Date.now();
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(out.trim(), 'stopped');
  assert.ok(Date.now() - started < 15_000, 'the process lingered after stop()');
});

test('require and import give the same testing module', { skip }, async () => {
  const esm = await import('maia-provision/testing');
  const cjs = require('maia-provision/testing');
  assert.equal(esm.startEmulator, cjs.startEmulator);
  assert.equal(esm.default.startEmulator, cjs.startEmulator);
  assert.ok(cjs.EMULATOR_SETTINGS.includes('token_ttl'));
});
