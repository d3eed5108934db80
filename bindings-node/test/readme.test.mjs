// Docs are tests: every ```js block of README.md (its Node section) and bindings-node/README.md
// runs, in order, with the state of the earlier blocks of the same file, against the package
// under test (test/impl.mjs). `require('maia-provision')` and `import … from 'maia-provision'`
// name that package. `fetch` never leaves the process: a stand-in checks that the request goes to
// the documented API URL and answers as the API documents (201 with `{projectId}` for a new
// project, else the sent body echoed and an `id`). Blocks that use `maia-provision/testing` start the real emulator and their requests to
// 127.0.0.1 go to it with the real `fetch`; each such block runs in a scope of its own (it reads
// as a standalone example, so it may declare the same names). What the blocks print is captured and checked against what their comments promise. A
// block that cannot run offline must be listed in NOT_RUN with its reason; none is skipped
// silently, and the number of blocks run is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import api, { kind } from './impl.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const API = 'https://eu1.api.matillion.com/dpc/v1/';
const EMULATOR = 'http://127.0.0.1:';
const TESTING = "require('maia-provision/testing')";

// How many ```js blocks each file holds; a block added or removed must be counted here.
const EXPECTED_BLOCKS = { 'README.md': 3, 'bindings-node/README.md': 1 };
// How many of them run against the real emulator (`maia-provision/testing`, napi package only).
const EXPECTED_EMULATOR_BLOCKS = { 'README.md': 2 };
// 'file:line of the fence' -> why the block cannot run offline. Empty: every block runs.
const NOT_RUN = {};

function blocks(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({ line: text.slice(0, m.index).split('\n').length, code: m[1] }));
}

/** The block with the package named by its import or require replaced by the package under test. */
function bind(code) {
  const bound = code
    .replace(/^import \{([^}]*)\} from 'maia-provision';/gm, 'const {$1} = maia;')
    .replace(/require\('maia-provision'\)/g, 'maia')
    .replaceAll(TESTING, 'testing');
  return code.includes(TESTING) ? `{\n${bound}\n}` : bound;
}

for (const [file, expected] of Object.entries(EXPECTED_BLOCKS)) {
  test(`${file}: every js block runs`, async () => {
    const found = blocks(file);
    assert.equal(found.length, expected, `${file} has ${found.length} js blocks; update EXPECTED_BLOCKS`);
    const emulated = found.filter((b) => b.code.includes(TESTING));
    assert.equal(emulated.length, EXPECTED_EMULATOR_BLOCKS[file] ?? 0, `${file} has ${emulated.length} emulator blocks`);
    // The wasm build has no emulator: those blocks are the napi package's.
    const run = found.filter((b) => !(`${file}:${b.line}` in NOT_RUN) && (kind === 'napi' || !b.code.includes(TESTING)));
    const testing = kind === 'napi' ? await import('maia-provision/testing') : null;
    const sent = [];
    const printed = [];
    const fetch = async (url, init) => {
      if (String(url).startsWith(EMULATOR)) return globalThis.fetch(url, init);
      assert.ok(String(url).startsWith(API), `the README sent ${url}, not a request to the API`);
      sent.push({ url, init });
      const echo = init.body ? JSON.parse(init.body) : {};
      // As the API documents: a new project answers `{projectId}`, a connection its echo with an id.
      const created = String(url).endsWith('/v1/projects') ? { projectId: '00000000-0000-4000-8000-000000000000' } : { ...echo, id: '00000000-0000-4000-8000-000000000000' };
      return new Response(JSON.stringify(created), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      });
    };
    const console = { log: (...values) => printed.push(values.map((v) => (typeof v === 'string' ? v : util.inspect(v))).join(' ')) };
    // One async function per file: the blocks share their declarations, in order.
    const source = run.map((b) => `// ${file}:${b.line}\n${bind(b.code)}`).join('\n');
    const AsyncFunction = (async () => {}).constructor;
    await new AsyncFunction('maia', 'testing', 'fetch', 'console', source)(api, testing, fetch, console);
    const skipped = kind === 'napi' ? 0 : emulated.length;
    assert.equal(run.length, expected - skipped - Object.keys(NOT_RUN).filter((k) => k.startsWith(`${file}:`)).length);
    const sends = run.filter((b) => b.code.includes('await fetch(') && !b.code.includes(TESTING)).length;
    assert.equal(sent.length, sends, `${file}: ${sent.length} requests sent, ${sends} blocks send one`);
    // "the token prints as ***": what was logged shows *** and never the token.
    for (const b of run.filter((b) => b.code.includes('as ***'))) {
      const token = b.code.match(/const token = '([^']+)'/)?.[1];
      assert.ok(token, `${file}:${b.line} defines the token it promises to hide`);
      assert.ok(printed.some((line) => line.includes('***')), `${file}:${b.line} printed no ***`);
      assert.ok(!printed.some((line) => line.includes(token)), `${file}:${b.line} printed the token`);
    }
    // "[ 'token', 'createProject' ]": the emulator block printed the journal it promises.
    if (emulated.length && kind === 'napi') {
      assert.ok(printed.some((line) => line.endsWith("[ 'token', 'createProject' ]")), printed.join('\n'));
    }
  });
}
