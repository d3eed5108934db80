// `Client`: the core's native client from the built package, against the package's emulator: a
// whole project in the guide's order, a 429, a lost create found by listing, a wrong secret, 16
// Promises on one rate limit, an AbortSignal, secrets that never print, and exit after close().
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { kind } from './impl.mjs';
import { Client, AuthError, MaiaError, ValidationError } from '../wrapper.mjs';
import { startEmulator } from '../testing.mjs';

const skip = kind !== 'napi' && 'the client is in the napi package only';
const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../examples/requests');
const example = (prefix) => JSON.parse(fs.readFileSync(path.join(examples, fs.readdirSync(examples).find((name) => name.startsWith(prefix + '-'))), 'utf8'));
const clientOf = (emu, options = {}) => new Client({ baseUrl: emu.url, tokenUrl: emu.tokenUrl, clientId: emu.clientId, clientSecret: emu.clientSecret, ...options });
const collect = async (items) => {
  const out = [];
  for await (const item of items) out.push(item);
  return out;
};
const GUIDE_ORDER = ['createProject', 'createDataPlatformConnection', 'createSecretValue', 'createProjectConnection', 'createEnvironment', 'createRepository'];

test('a whole project in the guide\'s order', { skip }, async () => {
  const emu = await startEmulator({ seed: 1 });
  const client = clientOf(emu);
  try {
    const { projectId } = await client.createProject(example('01').body);
    assert.deepEqual(await client.createDataPlatformConnection(projectId, example('02').body), {});
    const agentId = (await collect(client.listAgents())).find((agent) => agent.deploymentType === 'FULL_SAAS').agentId;
    assert.equal((await client.createSecretValue(agentId, example('03').body)).vaultSecretName, 'snowflake-private-key');
    const connection = await client.createProjectConnection(projectId, example('07').body);
    assert.equal(connection.projectId, projectId);
    assert.deepEqual(await client.createEnvironment(projectId, { ...example('15').body, defaultAgentId: agentId }), {});
    assert.deepEqual(await client.createRepository(projectId, example('18').body), {});
    assert.deepEqual((await collect(client.listProjects())).map((p) => p.name), ['my-project-name']);
    assert.deepEqual((await collect(client.listProjectConnections(projectId, { connectionNames: ['aws-connection'] }))).map((c) => c.name), ['aws-connection']);
    const journal = await emu.requests();
    assert.deepEqual(journal.filter((entry) => entry.changed).map((entry) => entry.operation), GUIDE_ORDER);
    assert.equal(journal.filter((entry) => entry.operation === 'token').length, 1);
  } finally {
    client.close();
    await emu.stop();
  }
  await assert.rejects(client.createProject(example('01').body), { code: 'ERR_MAIA_INVALID_OPTION' });
});

test('a 429 with Retry-After waits, then succeeds', { skip }, async () => {
  const emu = await startEmulator({ seed: 2, faults: [{ operation: 'listProjects', action: { type: 'status', status: 429, retry_after: 1 } }] });
  const client = clientOf(emu);
  const started = performance.now();
  assert.deepEqual(await collect(client.listProjects()), []);
  assert.ok(performance.now() - started >= 900);
  assert.deepEqual((await emu.requests()).filter((e) => e.operation === 'listProjects').map((e) => e.status), [429, 200]);
  client.close();
  await emu.stop();
});

test('a create answered 500 after processing is found by listing', { skip }, async () => {
  const emu = await startEmulator({ seed: 3, faults: [{ operation: 'createProject', action: { type: 'status_after', status: 500 } }] });
  const client = clientOf(emu);
  const created = await client.createProject(example('01').body);
  const [account] = (await emu.state()).accounts;
  assert.equal(account.projects.length, 1);
  assert.equal(created.projectId, account.projects[0].id);
  assert.equal((await emu.requests()).filter((e) => e.operation === 'createProject' && e.changed).length, 1);
  client.close();
  await emu.stop();
});

test('a wrong client secret is an AuthError after few token requests', { skip }, async () => {
  const emu = await startEmulator({ seed: 4 });
  const client = clientOf(emu, { clientSecret: 'wrong-secret' });
  const error = await client.createProject(example('01').body).then(() => null, (e) => e);
  assert.ok(error instanceof AuthError && error instanceof MaiaError && error instanceof Error);
  assert.equal(error.name, 'AuthError');
  assert.equal(error.code, 'ERR_MAIA_AUTH');
  assert.equal(error.operation, 'createProject');
  const tokens = (await emu.requests()).filter((e) => e.operation === 'token').length;
  assert.ok(tokens >= 1 && tokens <= 2, String(tokens));
  client.close();
  await emu.stop();
});

test('16 Promises share one rate limit', { skip }, async () => {
  const emu = await startEmulator({ seed: 5, rate_limit: 120 });
  const client = clientOf(emu, { rateLimit: 120 });
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: 16 }, () => collect(client.listAgents())));
  const elapsed = performance.now() - started;
  assert.ok(results.every((agents) => agents.length === 2));
  assert.ok(elapsed >= 2000 && elapsed < 30000, String(elapsed));
  const journal = await emu.requests();
  assert.ok(journal.filter((e) => e.operation === 'listAgents' && e.status === 429).length <= 2);
  assert.equal(journal.filter((e) => e.operation === 'listAgents' && e.status === 200).length, 16);
  client.close();
  await emu.stop();
});

test('an AbortSignal stops a call', { skip }, async () => {
  const emu = await startEmulator({ seed: 6, faults: [{ operation: 'createProject', action: { type: 'delay', ms: 5000 } }] });
  const client = clientOf(emu);
  const started = performance.now();
  // An aborted create may have been sent: its outcome is unknown, the abort's reason is the cause.
  await assert.rejects(client.createProject(example('01').body, { signal: AbortSignal.timeout(200) }), (error) => {
    assert.equal(error.name, 'OutcomeUnknownError');
    assert.equal(error.code, 'ERR_MAIA_OUTCOME_UNKNOWN');
    assert.equal(error.operation, 'createProject');
    assert.equal(error.key, example('01').body.name);
    assert.equal(error.cause?.name, 'TimeoutError');
    return true;
  });
  assert.ok(performance.now() - started < 1000);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(collect(client.listAgents({ signal: controller.signal })), { name: 'AbortError' });
  await emu.clearFaults();
  assert.equal((await collect(client.listAgents())).length, 2);
  client.close();
  await emu.stop();
});

test('invalid requests and options send nothing', { skip }, async () => {
  const emu = await startEmulator({ seed: 7 });
  const client = clientOf(emu);
  await assert.rejects(client.createProject({ name: 'p' }), (error) => error instanceof ValidationError && error.operation === 'createProject');
  assert.deepEqual(await emu.requests(), []);
  assert.throws(() => clientOf(emu, { maxRetries: 99 }), { code: 'ERR_MAIA_INVALID_OPTION', option: 'maxRetries' });
  // A count that is not a whole number from 0 is refused by the core's rule, not ignored.
  for (const maxRetries of [-1, 2.5]) {
    assert.throws(() => clientOf(emu, { maxRetries }), { code: 'ERR_MAIA_INVALID_OPTION', option: 'maxRetries', message: /whole number from 0/ });
  }
  assert.throws(() => clientOf(emu, { timeout: 'soon' }), { code: 'ERR_MAIA_INVALID_OPTION', option: 'timeout' });
  assert.throws(() => new Client({ baseUrl: emu.url, clientId: 'only-an-id' }), { code: 'ERR_MAIA_INVALID_OPTION' });
  client.close();
  await emu.stop();
});

test('secrets never show in clients, errors or logs', { skip }, async () => {
  const canary = ['canary', 's3cr3t', '4242'].join('-');
  const tokenCanary = ['canary', 'token', '777'].join('-');
  const emu = await startEmulator({ seed: 8, accounts: [{ name: 'acme', client_id: 'acme-id', client_secret: canary }] });
  const lines = [];
  const client = new Client({ baseUrl: emu.url, tokenUrl: emu.tokenUrl, clientId: 'acme-id', clientSecret: canary, logger: (record) => lines.push(record) });
  const tokenClient = new Client({ baseUrl: emu.url, token: tokenCanary });
  assert.equal((await collect(client.listAgents())).length, 2);
  const errors = [];
  for (const failing of [
    () => client.createProject({ name: 'p' }),
    () => client.createSecretValue('not-an-agent', { ...example('03').body, secretValue: canary }),
    () => collect(tokenClient.listProjects()),
    async () => new Client({ baseUrl: emu.url, clientId: 'x', clientSecret: canary, token: tokenCanary }),
  ]) {
    errors.push(await failing().then(() => assert.fail('no error'), (error) => error));
  }
  assert.equal(errors[2].name, 'AuthError');
  await new Promise((resolve) => setTimeout(resolve, 50)); // log records arrive through the event loop
  assert.ok(lines.some((record) => record.operation === 'token' && record.attempt === 1), JSON.stringify(lines));
  const shown = [util.inspect(client), JSON.stringify(client), String(client), util.inspect(tokenClient), JSON.stringify(lines)];
  for (const error of errors) shown.push(util.inspect(error), error.stack, error.message, JSON.stringify(error));
  for (const text of shown) assert.ok(!text.includes(canary) && !text.includes(tokenCanary), text);
  client.close();
  tokenClient.close();
  await emu.stop();
});

test('a closed client does not keep the process alive', { skip }, () => {
  const script = `
    const { Client } = require(${JSON.stringify(path.resolve(here, '../wrapper.js'))});
    const { startEmulator } = require(${JSON.stringify(path.resolve(here, '../testing.js'))});
    (async () => {
      const emu = await startEmulator({ seed: 9 });
      const client = new Client({ baseUrl: emu.url, tokenUrl: emu.tokenUrl, clientId: emu.clientId, clientSecret: emu.clientSecret, logger: () => {} });
      for await (const agent of client.listAgents()) void agent;
      client.close();
      await emu.stop();
      console.log('done');
    })();`;
  const out = execFileSync(process.execPath, ['-e', script], { timeout: 15000, encoding: 'utf8' });
  assert.equal(out.trim(), 'done');
});

// The faults the core's client resolves, each seen through the Node package.
const creates = (journal, operation) => journal.filter((entry) => entry.operation === operation && entry.changed).length;

test('a 503 on a list is retried', { skip }, async () => {
  const emu = await startEmulator({ seed: 21, faults: [{ operation: 'listAgents', action: { type: 'status', status: 503, retry_after: 1 } }] });
  const client = clientOf(emu);
  assert.equal((await collect(client.listAgents())).length, 2);
  assert.deepEqual((await emu.requests()).filter((e) => e.operation === 'listAgents').map((e) => e.status), [503, 200]);
  client.close();
  await emu.stop();
});

for (const type of ['drop_before', 'drop_after']) {
  test(`a create whose connection is dropped (${type}) exists exactly once`, { skip }, async () => {
    const emu = await startEmulator({ seed: 22, faults: [{ operation: 'createProject', action: { type } }] });
    const client = clientOf(emu);
    const created = await client.createProject(example('01').body);
    const [project] = (await emu.state()).accounts[0].projects;
    assert.equal(created.projectId, project.id);
    assert.equal(creates(await emu.requests(), 'createProject'), 1);
    client.close();
    await emu.stop();
  });
}

test('an expired token is refreshed, a revoked one replayed once, a timed-out create exists once', { skip }, async () => {
  const emu = await startEmulator({ seed: 24, token_ttl: 1 });
  const client = clientOf(emu, { timeout: 400 });
  await collect(client.listAgents());
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal((await collect(client.listAgents())).length, 2);
  const tokens = async () => (await emu.requests()).filter((e) => e.operation === 'token').length;
  const before = await tokens();
  assert.ok(before >= 2 && before <= 3, `${before} token requests`);
  await emu.addFault({ operation: 'listAgents', action: { type: 'status', status: 401 } });
  assert.equal((await collect(client.listAgents())).length, 2);
  assert.equal(await tokens(), before + 1);
  await emu.addFault({ operation: 'createProject', action: { type: 'delay', ms: 1500 } });
  const created = await client.createProject(example('01').body);
  const [project] = (await emu.state()).accounts[0].projects;
  assert.equal(created.projectId, project.id);
  assert.equal(creates(await emu.requests(), 'createProject'), 1);
  client.close();
  await emu.stop();
});
