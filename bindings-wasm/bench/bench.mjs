// Throughput of the wasm build under Node: validate and buildRequest on seed examples, through the
// whole JS layer (host walk to JSON text, wasm call, JSON.parse of the result).
// Run: node bench/bench.mjs   (after ./build.sh)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = process.env.MAIA_WASM_PKG ?? path.join(here, '..', 'pkg-node');
const maia = await import(pathToFileURL(path.join(pkg, 'index.mjs')).href);
const examples = path.join(here, '..', '..', 'examples', 'requests');

function measure(label, fn) {
  for (let i = 0; i < 2000; i++) fn(); // warm up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 1_000_000_000n) {
    for (let i = 0; i < 500; i++) fn();
    runs += 500;
    elapsed = process.hrtime.bigint() - start;
  }
  const micros = Number(elapsed) / 1000 / runs;
  console.log(`${label.padEnd(58)} ${micros.toFixed(2).padStart(7)} µs/call ${Math.round(1e6 / micros).toString().padStart(8)} calls/s`);
}

for (const file of ['07-connection-aws-secrets-manager.json', '15-environment-snowflake.json']) {
  const { operation, body, params } = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8'));
  measure(`validate ${file}`, () => maia.validate(operation, body, params));
  measure(`buildRequest ${file}`, () => maia.buildRequest(operation, body, params, { region: 'eu1', token: 'bench-token' }));
}
const invalid = { name: '', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'AWS', authType: 'GENERIC_SECRET', extra: 1 };
measure('validate invalid connection (3 violations)', () => maia.validate('createProjectConnection', invalid, { projectId: 'X' }));
