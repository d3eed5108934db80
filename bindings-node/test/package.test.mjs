// The napi package as users load it: by name, from CommonJS and from ESM, one set of classes.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import api, { kind } from './impl.mjs';

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
