// The napi package as users load it: by name, from CommonJS and from ESM, one set of classes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import api, { kind } from './impl.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const skip = kind !== 'napi' && 'about the napi package';
const require = createRequire(import.meta.url);

test('require("maia-provision") gives the same API and classes as import', { skip }, async () => {
  const cjs = require('maia-provision');
  const esm = await import('maia-provision');
  for (const name of ['validate', 'buildRequest', 'parseResponse', 'operations', 'checkPrivateKey', 'normalizePrivateKey', 'ValidationError', 'ApiError', 'DecodeError', 'MaiaError', 'VIOLATION_CODES']) {
    assert.equal(cjs[name], esm[name], name);
    assert.equal(esm.default[name], esm[name], `default.${name}`);
  }
  assert.equal(esm.ValidationError, api.ValidationError);
  try {
    cjs.buildRequest('createProject', {}, null, { region: 'eu1' });
    assert.fail('buildRequest accepted an empty body');
  } catch (error) {
    assert.ok(error instanceof esm.ValidationError, 'an error thrown through require() is an instance of the imported class');
  }
});

test('the package resolves to the wrapper, with the generated loader beside it', { skip }, () => {
  assert.match(require.resolve('maia-provision'), /bindings-node[\\/]wrapper\.js$/);
  const loader = require('../index.js');
  assert.equal(typeof loader.validate, 'function', 'index.js loads the built addon');
});

test('the packed tarball installs and works from CommonJS and ESM in another project', { skip, timeout: 120_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'maia-pack-'));
  try {
    const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [{ filename, files }] = JSON.parse(npm(['pack', '--json', '--pack-destination', root], packageDir));
    const packed = files.map((file) => file.path).sort();
    for (const needed of ['index.js', 'index.d.ts', 'api-core.js', 'api.d.ts', 'wrapper.js', 'wrapper.mjs', 'wrapper.d.ts', 'types.d.ts', 'testing.js', 'testing.mjs', 'testing.d.ts', 'package.json']) {
      assert.ok(packed.includes(needed), `the tarball has ${needed}: ${packed.join(', ')}`);
    }
    assert.ok(packed.some((file) => file.endsWith('.node')), 'the tarball has the addon');
    assert.ok(!packed.some((file) => file.startsWith('test/') || file.startsWith('src/')), 'no tests or sources in the tarball');
    const project = path.join(root, 'user');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name": "user", "private": true}');
    npm(['install', '--offline', path.join(root, filename)], project);
    const script = `
      const body = { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' };
      if (api.validate('createProject', body).length !== 0) throw new Error('validate');
      try { api.buildRequest('createProject', {}, null, { region: 'eu1' }); throw new Error('no error'); }
      catch (error) { if (!(error instanceof api.ValidationError) || error.code !== 'ERR_MAIA_VALIDATION') throw error; }
      console.log(api.buildRequest('createProject', body, null, { region: 'eu1', token: 'secret-token' }).url);`;
    fs.writeFileSync(path.join(project, 'use.cjs'), `const api = require('maia-provision');${script}`);
    fs.writeFileSync(path.join(project, 'use.mjs'), `import * as api from 'maia-provision';${script}`);
    for (const file of ['use.cjs', 'use.mjs']) {
      const out = execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
      assert.equal(out.trim(), 'https://eu1.api.matillion.com/dpc/v1/projects', file);
    }
    // The emulator from the installed tarball, through its `./testing` export, from both module systems.
    const emulate = "startEmulator({ seed: 1 }).then(async (emu) => { console.log(emu.url.startsWith('http://127.0.0.1:')); await emu.stop(); });";
    fs.writeFileSync(path.join(project, 'emulate.cjs'), `const { startEmulator } = require('maia-provision/testing');${emulate}`);
    fs.writeFileSync(path.join(project, 'emulate.mjs'), `import { startEmulator } from 'maia-provision/testing';${emulate}`);
    for (const file of ['emulate.cjs', 'emulate.mjs']) {
      assert.equal(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 20_000 }).trim(), 'true', file);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a Rust panic is a JS error and the addon keeps working', { skip }, () => {
  const native = require('../index.js');
  assert.throws(() => native.__selfTestPanic(), (error) => error instanceof Error && /self-test panic/.test(error.message));
  assert.deepEqual(api.validate('listAgents', null), []);
});
