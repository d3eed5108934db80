// The Node client against the built-in emulator, by hand (numbers are reported, never asserted):
// the per-call overhead of `client.listAgents()` against a raw `fetch` of the same endpoint, and
// 1000 creates from 16 concurrent callers under a 6000/min emulator limit (bound: 10 s).
//   node bench/client/bench.mjs [rounds]      (after scripts/test-node has built the addon)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('../../bindings-node/wrapper.js');
const { startEmulator } = require('../../bindings-node/testing.js');

const ROUNDS = Number(process.argv[2] ?? 15);
const CALLS = 200;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function overhead() {
  const emu = await startEmulator({ seed: 1, rate_limit: null });
  // The client's own limiter off (a huge limit): the default, the API's 1000 a minute, would pace
  // this loop at 60 ms a call, which is not the overhead being measured.
  const client = new Client({ baseUrl: emu.url, tokenUrl: emu.tokenUrl, clientId: emu.clientId, clientSecret: emu.clientSecret, rateLimit: 10_000_000 });
  const agents = async () => {
    for await (const _ of client.listAgents());
  };
  await agents();
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret, audience: 'https://api.matillion.com' });
  const { access_token: token } = await (await fetch(emu.tokenUrl, { method: 'POST', body: form })).json();
  const raw = async () => {
    const response = await fetch(`${emu.url}/v1/agents?page=0&size=100`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await response.json();
  };
  const times = { raw: [], client: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of [['raw', raw], ['client', agents]]) {
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await call();
      times[name].push(((performance.now() - start) / CALLS) * 1000);
    }
  }
  const [rawUs, clientUs] = [median(times.raw), median(times.client)];
  console.log(`| per call (median of ${ROUNDS} rounds of ${CALLS}) | raw fetch ${rawUs.toFixed(0)} µs | Client ${clientUs.toFixed(0)} µs | ${(clientUs / rawUs).toFixed(2)}x (target <= 1.2x) |`);
  client.close();
  await emu.stop();
}

async function throughput() {
  const emu = await startEmulator({ seed: 2, rate_limit: 6000 });
  const client = new Client({ baseUrl: emu.url, tokenUrl: emu.tokenUrl, clientId: emu.clientId, clientSecret: emu.clientSecret, rateLimit: 6000 });
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < 1000) {
      const n = next++;
      try {
        await client.createProject({ name: `p${String(n).padStart(4, '0')}`, warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' });
      } catch {
        errors++;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const elapsed = (performance.now() - start) / 1000;
  const api = (await emu.requests()).filter((entry) => entry.operation !== 'token');
  const limited = api.filter((entry) => entry.status === 429).length;
  const created = api.filter((entry) => entry.operation === 'createProject' && entry.changed).length;
  console.log(
    `| 1000 creates, 16 Promises, limit 6000/min | ${elapsed.toFixed(2)} s (bound 10 s: ${(((elapsed - 10) / 10) * 100).toFixed(1)} %) | ${created} created, ${errors} errors | ${limited} of ${api.length} answered 429 |`,
  );
  client.close();
  await emu.stop();
}

await overhead();
await throughput();
