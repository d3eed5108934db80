// Runs every case of every file in tests/vectors (format: tests/vectors/README.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import api from './impl.mjs';

const vectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/vectors');
const files = fs.readdirSync(vectorsDir).filter((name) => name.endsWith('.json')).sort();
const OPTIONS = { region: 'eu1', token: 'vector-token' };

/** A violation as compared: its identity without the message. */
const key = (v) => `${v.location} ${v.pointer} ${v.code} ${v.severity}`;

function assertSameViolations(actual, expected, label) {
  assert.deepEqual(actual.map(key).sort(), expected.map(key).sort(), `${label}: violations differ`);
  for (const want of expected) {
    for (const part of want.messageIncludes ?? []) {
      const found = actual.filter((v) => key(v) === key(want)).some((v) => v.message.includes(part));
      assert.ok(found, `${label}: no ${key(want)} message includes ${JSON.stringify(part)}`);
    }
    for (const part of want.messageExcludes ?? []) {
      const messages = actual.filter((v) => key(v) === key(want)).map((v) => v.message);
      assert.ok(messages.length > 0 && !messages.some((m) => m.includes(part)), `${label}: a ${key(want)} message includes ${JSON.stringify(part)}`);
    }
  }
  for (const v of actual) {
    assert.equal(typeof v.message, 'string');
    assert.ok(v.message.length > 0, 'every violation has a message');
  }
}

function parses(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

test('tests/vectors holds vector files', () => {
  assert.ok(files.length > 0, `no *.json in ${vectorsDir}`);
});

// What happened to each case, checked by the last test of this file.
const outcome = { ran: 0, skipped: 0, total: 0, notJson: 0 };

for (const file of files) {
  const { cases } = JSON.parse(fs.readFileSync(path.join(vectorsDir, file), 'utf8'));
  outcome.total += cases.length;
  outcome.notJson += cases.filter((c) => typeof c.bodyText === 'string' && !parses(c.bodyText)).length;
  describe(file, () => {
    for (const c of cases) {
      test(c.name, (t) => {
        let body = c.body ?? null;
        if (typeof c.bodyText === 'string') {
          // No JSON-text entry point in the JS API: the text is parsed here, as a user would.
          try {
            body = JSON.parse(c.bodyText);
          } catch {
            outcome.skipped++;
            t.skip('bodyText is not JSON: a JS host cannot build such a body (the JSON-text path is tested in Rust)');
            return;
          }
          if (c.violations.some((v) => v.code === 'json')) {
            outcome.skipped++;
            t.skip('bodyText that JSON.parse reads but the core refuses as text (depth): a JS host gets the TypeError of input.test.mjs');
            return;
          }
        }
        outcome.ran++;
        const params = c.params ?? null;
        const violations = api.validate(c.operation, body, params);
        assertSameViolations(violations, c.violations, 'validate');
        const hasErrors = violations.some((v) => v.severity === 'error');
        assert.equal(hasErrors, c.expect === 'invalid', `expect is ${c.expect}`);

        if (c.expect === 'valid') {
          const request = api.buildRequest(c.operation, body, params, OPTIONS);
          assert.ok(request.headers['User-Agent'].startsWith('maia-provision/'), 'User-Agent names the package');
          if (c.request) {
            assert.equal(request.method, c.request.method);
            assert.equal(request.url, c.request.url);
            const { 'User-Agent': _agent, ...headers } = request.headers;
            assert.deepEqual({ ...headers }, c.request.headers);
            assert.deepEqual(request.body === null ? null : JSON.parse(request.body), c.request.body);
          }
        } else {
          assert.throws(
            () => api.buildRequest(c.operation, body, params, OPTIONS),
            (error) => {
              assert.ok(error instanceof api.ValidationError, 'a ValidationError');
              assert.equal(error.code, 'ERR_MAIA_VALIDATION');
              assertSameViolations(error.violations, c.violations, 'ValidationError.violations');
              return true;
            },
          );
        }
      });
    }
  });
}

test('every case ran, or was skipped for a stated reason', () => {
  assert.equal(outcome.ran + outcome.skipped, outcome.total, JSON.stringify(outcome));
  assert.ok(outcome.skipped >= outcome.notJson && outcome.skipped <= outcome.notJson + 2, JSON.stringify(outcome));
  assert.ok(outcome.ran > outcome.total * 0.9, JSON.stringify(outcome));
});
