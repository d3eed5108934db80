// validate() of the napi package against ajv (Ajv2020, allErrors, compiled once) and zod 4 on
// every seed example, same payloads, same process: warm-up, then the median of interleaved rounds.
// Then, on one body, the ways across the napi boundary that were measured to choose the shipped
// one, and the pieces of its cost. Run by ./run, which builds both addons first.
//
//   node bench.mjs [--rounds 31] [--ms 40] [--example 07]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { jsonSchemas, zodSchemas } from './schemas.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const maia = require('../../bindings-node/wrapper.js');
const alt = require('./addon/index.js');
// The shipped addon's raw export, beside the alternatives.
const shipped = require('../../bindings-node/index.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROUNDS = Number(option('rounds', 31));
const ROUND_MS = Number(option('ms', 40));
const FOCUS = option('example', '07');

const examplesDir = path.resolve(here, '../../examples/requests');
const examples = fs
  .readdirSync(examplesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((file) => ({ file: file.replace(/\.json$/, ''), ...JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) }));

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const compiled = Object.fromEntries(Object.entries(jsonSchemas).map(([op, s]) => [op, { body: ajv.compile(s.body), params: ajv.compile(s.params) }]));
const opIndex = new Map(maia.operations().map((op, i) => [op.id, i]));

let sink = 0;

/** Median nanoseconds per call of each contender, rounds interleaved so that drift hits all alike. */
function measure(contenders) {
  const names = Object.keys(contenders);
  const perCall = Object.fromEntries(names.map((name) => [name, []]));
  const batch = {};
  for (const name of names) {
    // Warm-up, and a batch size that takes about ROUND_MS.
    const fn = contenders[name];
    let n = 1;
    let elapsed = 0;
    while (elapsed < ROUND_MS * 1e6) {
      n *= 2;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) sink ^= fn() ? 1 : 0;
      elapsed = Number(process.hrtime.bigint() - t0);
    }
    batch[name] = Math.max(1, Math.round((n * ROUND_MS * 1e6) / elapsed));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const fn = contenders[name];
      const n = batch[name];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) sink ^= fn() ? 1 : 0;
      perCall[name].push(Number(process.hrtime.bigint() - t0) / n);
    }
  }
  return Object.fromEntries(names.map((name) => [name, perCall[name].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]]));
}

const fmt = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);

console.log(`# validate() on the seed examples: maia-provision (napi) vs ajv ${require('ajv/package.json').version} and zod ${require('zod/package.json').version}`);
console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms\n`);
console.log('| example | maia | ajv | zod | maia / ajv | valid (maia / ajv / zod) |');
console.log('|---|---:|---:|---:|---:|---|');
const ratios = [];
for (const ex of examples) {
  const { operation: op, body = null, params = null } = ex;
  const v = compiled[op];
  const zs = zodSchemas[op];
  const maiaValid = !maia.validate(op, body, params).some((x) => x.severity === 'error');
  const ajvValid = Boolean(v.body(body) & v.params(params));
  const zodValid = zs.body.safeParse(body).success && zs.params.safeParse(params).success;
  const t = measure({
    maia: () => maia.validate(op, body, params).length === 0,
    ajv: () => v.body(body) & v.params(params),
    zod: () => zs.body.safeParse(body).success & zs.params.safeParse(params).success,
  });
  ratios.push(t.maia / t.ajv);
  const yn = (b) => (b ? 'yes' : 'no');
  console.log(`| ${ex.file} | ${fmt(t.maia)} | ${fmt(t.ajv)} | ${fmt(t.zod)} | ${(t.maia / t.ajv).toFixed(2)}× | ${yn(maiaValid)} / ${yn(ajvValid)} / ${yn(zodValid)} |`);
}
const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
console.log(`\ngeometric mean of maia / ajv: ${geo.toFixed(2)}×`);

const focus = examples.find((ex) => ex.file.startsWith(FOCUS)) ?? examples[0];
const { operation: op, body = null, params = null } = focus;
const index = opIndex.get(op);
const text = JSON.stringify(params) + ' ' + JSON.stringify(body);
const v = compiled[op];
console.log(`\n# Ways across the boundary, on ${focus.file} (${text.length} bytes of JSON)\n`);
const ways = measure({
  'shipped: JS check walk + JSON.stringify + one string read into a reused buffer': () => maia.validate(op, body, params).length === 0,
  'native walk of the JS object (raw Node-API calls per value, all checks)': () => alt.benchValidateWalk(index, body, params) === null,
  'napi-rs serde `from_js_value` of the whole value (no checks: cycles crash)': () => alt.benchValidateSerde(index, body, params) === null,
  'JSON.stringify ×2 + two napi-rs `String` arguments (no check walk)': () => alt.benchValidateStrings(index, JSON.stringify(body), JSON.stringify(params)) === null,
  'JSON.stringify + one string read into a reused buffer (no check walk)': () => shipped.validate(index, JSON.stringify(params) + ' ' + JSON.stringify(body)) === null,
  'ajv (for scale)': () => v.body(body) & v.params(params),
});
console.log('| way | per call |');
console.log('|---|---:|');
for (const [name, ns] of Object.entries(ways)) console.log(`| ${name} | ${fmt(ns)} |`);

console.log(`\n# Where the shipped call spends its time, on ${focus.file}\n`);
const pieces = measure({
  'JSON.stringify(params) + " " + JSON.stringify(body)': () => (JSON.stringify(params) + ' ' + JSON.stringify(body)).length > 0,
  'the bare crossing: one call, the text in, null out': () => alt.benchNoop(index, text) === null,
  'crossing + reading the text + serde_json parse into `Value`s': () => alt.benchParseOnly(text),
  'full shipped validate()': () => maia.validate(op, body, params).length === 0,
});
const inside = { parse: alt.benchParseInside(text, 200000), core: alt.benchCoreOnly(index, text, 200000) };
console.log('| piece | per call |');
console.log('|---|---:|');
for (const [name, ns] of Object.entries(pieces)) console.log(`| ${name} | ${fmt(ns)} |`);
console.log(`| inside Rust, no crossing: serde_json parse of the text into Values | ${fmt(inside.parse)} |`);
console.log(`| inside Rust, no crossing: maia_provision::validate on the text | ${fmt(inside.core)} |`);
if (sink === 42) console.log('');
