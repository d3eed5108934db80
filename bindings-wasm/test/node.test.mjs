// The wasm package under Node (pkg-node/, wasm-bindgen `--target nodejs`): the API surface, every
// shared vector and seed example, error objects, input conversion with the core's limits,
// redaction, recovery from a trap, and CSP safety of the web build's JS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '..');
const repo = path.resolve(packageRoot, '..');
const nodePackage = process.env.MAIA_WASM_PKG ? path.resolve(process.env.MAIA_WASM_PKG) : path.join(packageRoot, 'pkg-node');
const webPackage = path.join(packageRoot, 'pkg-web');
const maia = await import(pathToFileURL(path.join(nodePackage, 'index.mjs')).href);

const PROJECT = '678d39a9-98e2-45e7-80db-3e90d0942eaf';
const CONNECTION = {
  name: 'aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
};

function throwsWith(fn, check) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, 'expected a throw');
  check(caught);
  return caught;
}

test('exports the JS API shared with the napi binding', () => {
  const expected = [
    'ApiError', 'DecodeError', 'MaiaError', 'VIOLATION_CODES', 'ValidationError', 'buildRequest', 'checkPrivateKey',
    'combinations', 'fieldOptions', 'normalizePrivateKey', 'operations', 'parseResponse', 'validate', 'variantMembers',
  ];
  assert.deepEqual(Object.keys(maia).filter((name) => !name.startsWith('__')).sort(), expected.sort());
  assert.ok(Object.isFrozen(maia.VIOLATION_CODES));
  assert.ok(maia.VIOLATION_CODES.includes('combination') && maia.VIOLATION_CODES.includes('pem.literal_newline'));
  const ops = maia.operations();
  assert.equal(ops.length, 11);
  assert.deepEqual(ops.find((op) => op.id === 'createProjectConnection'), {
    ...ops.find((op) => op.id === 'createProjectConnection'),
    method: 'POST',
    path: '/v1/projects/{projectId}/connections',
    pathParams: ['projectId'],
  });
});

// ---- shared vectors and seed examples ---------------------------------------------------------

const key = (v) => `${v.location} ${v.pointer} ${v.code} ${v.severity}`;
const vectorDir = path.join(repo, 'tests', 'vectors');
const vectorFiles = fs.readdirSync(vectorDir).filter((name) => name.endsWith('.json')).sort();

test('shared vectors: there are vector files', () => assert.ok(vectorFiles.length > 0));

for (const file of vectorFiles) {
  const { cases } = JSON.parse(fs.readFileSync(path.join(vectorDir, file), 'utf8'));
  for (const c of cases) {
    test(`vector ${file}: ${c.name}`, (t) => {
      let body = c.body ?? null;
      if (c.bodyText !== undefined) {
        // The JS API has no JSON-text entry point: parse here, and skip cases about the text
        // parser itself (text that is not JSON, or the parser's own nesting limit).
        if (c.violations.some((v) => v.code === 'json')) {
          t.skip('a case of the JSON-text parser; the JS API takes values, not text');
          return;
        }
        body = JSON.parse(c.bodyText);
      }
      const params = c.params ?? null;
      const violations = maia.validate(c.operation, body, params);
      assert.deepEqual(violations.map(key).sort(), c.violations.map(key).sort());
      for (const expected of c.violations) {
        for (const part of expected.messageIncludes ?? []) {
          const found = violations.find((v) => key(v) === key(expected) && v.message.includes(part));
          assert.ok(found, `a ${key(expected)} message includes ${JSON.stringify(part)}`);
        }
        for (const part of expected.messageExcludes ?? []) {
          const messages = violations.filter((v) => key(v) === key(expected)).map((v) => v.message);
          assert.ok(messages.length > 0 && !messages.some((m) => m.includes(part)), `no ${key(expected)} message includes ${JSON.stringify(part)}`);
        }
      }
      const options = { region: 'eu1', token: 'vector-token' };
      if (c.expect === 'valid') {
        const request = maia.buildRequest(c.operation, body, params, options);
        if (c.request) {
          assert.equal(request.method, c.request.method);
          assert.equal(request.url, c.request.url);
          const { 'User-Agent': agent, ...headers } = request.headers;
          assert.match(agent, /^maia-provision\//);
          assert.deepEqual(headers, c.request.headers);
          assert.deepEqual(request.body === null ? null : JSON.parse(request.body), c.request.body);
        }
      } else {
        throwsWith(
          () => maia.buildRequest(c.operation, body, params, options),
          (error) => {
            assert.ok(error instanceof maia.ValidationError);
            assert.deepEqual(error.violations.map(key).sort(), c.violations.map(key).sort());
          },
        );
      }
    });
  }
}

test('every seed example is valid and builds to its operation path', () => {
  const dir = path.join(repo, 'examples', 'requests');
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  assert.ok(files.length >= 16);
  const ops = new Map(maia.operations().map((op) => [op.id, op]));
  for (const file of files) {
    const example = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const errors = maia.validate(example.operation, example.body, example.params).filter((v) => v.severity === 'error');
    assert.deepEqual(errors, [], file);
    const request = maia.buildRequest(example.operation, example.body, example.params, { region: 'us1' });
    const op = ops.get(example.operation);
    const pathname = op.path.replace(/\{(\w+)\}/g, (_, name) => example.params[name]);
    assert.equal(request.url, `https://us1.api.matillion.com/dpc${pathname}`, file);
    assert.equal(request.method, op.method, file);
  }
});

// ---- errors -----------------------------------------------------------------------------------

test('an unknown operation is a TypeError with a suggestion; snake_case ids work', () => {
  throwsWith(
    () => maia.validate('createProjectConection', {}),
    (error) => {
      assert.ok(error instanceof TypeError);
      assert.equal(error.code, 'ERR_MAIA_UNKNOWN_OPERATION');
      assert.match(error.message, /createProjectConnection/);
    },
  );
  assert.deepEqual(maia.validate('create_project_connection', CONNECTION, { projectId: PROJECT }), []);
});

test('ValidationError carries every violation; its message is plain text', () => {
  const body = { ...CONNECTION, authType: 'GENERIC_SECRET', extra: 1 };
  const error = throwsWith(
    () => maia.buildRequest('createProjectConnection', body, { projectId: PROJECT }, { region: 'eu1' }),
    (e) => {
      assert.ok(e instanceof maia.ValidationError && e instanceof maia.MaiaError && e instanceof Error);
      assert.equal(e.name, 'ValidationError');
      assert.equal(e.code, 'ERR_MAIA_VALIDATION');
      assert.equal(e.operation, 'createProjectConnection');
    },
  );
  assert.deepEqual(error.violations.map((v) => [v.pointer, v.code, v.severity]).sort(), [
    ['/authType', 'combination', 'error'],
    ['/extra', 'unknown_field', 'warning'],
  ]);
  assert.doesNotMatch(error.message, /^\s*[[{]/);
  assert.match(error.message, /CLOUD_PROVIDER_SECRET/);
});

test('options: exactly one of region and baseUrl; bad ones are TypeErrors naming the option', () => {
  const build = (options) => () => maia.buildRequest('createProjectConnection', CONNECTION, { projectId: PROJECT }, options);
  for (const [options, option] of [
    [undefined, 'region'],
    [{ region: 'mars1' }, 'region'],
    [{ region: 'eu1', baseUrl: 'https://x.example' }, 'baseUrl'],
    [{ baseUrl: 'ftp://x.example' }, 'baseUrl'],
    [{ region: 'eu1', token: 'has space' }, 'token'],
    [{ region: 'eu1', token: 42 }, 'token'],
  ]) {
    throwsWith(build(options), (error) => {
      assert.ok(error instanceof TypeError, JSON.stringify(options));
      assert.equal(error.code, 'ERR_MAIA_INVALID_OPTION');
      assert.equal(error.option, option);
    });
  }
  // A non-string option: the core's message names the option and the JS type given.
  assert.match(throwsWith(build({ region: 7 }), () => {}).message, /`region`.*`number`/);
  const request = build({ baseUrl: 'http://127.0.0.1:9/api/' })();
  assert.equal(request.url, `http://127.0.0.1:9/api/v1/projects/${PROJECT}/connections`);
});

test('parseResponse: typed success, ApiError with ProblemDetail, DecodeError; headers in any form', () => {
  const created = maia.parseResponse('createProject', 201, `{"projectId":"${PROJECT}","more":true}`, { 'content-type': 'application/json' });
  assert.deepEqual(created, { projectId: PROJECT, more: true });
  assert.deepEqual(maia.parseResponse('createEnvironment', 201, new Uint8Array(0)), {});
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'name taken', violations: ['name: already exists'] };
  for (const headers of [{ 'Retry-After': '5' }, new Headers({ 'retry-after': '5' }), [['Retry-After', '5']], new Map([['retry-after', '5']])]) {
    throwsWith(
      () => maia.parseResponse('createProjectConnection', 409, JSON.stringify(problem), headers),
      (error) => {
        assert.ok(error instanceof maia.ApiError && error instanceof maia.MaiaError);
        assert.equal(error.name, 'ApiError');
        assert.equal(error.code, 'ERR_MAIA_API');
        assert.equal(error.status, 409);
        assert.equal(error.problem.detail, 'name taken');
        assert.deepEqual(error.violations, ['name: already exists']);
        assert.equal(error.body, JSON.stringify(problem));
        assert.equal(error.retryAfter, '5');
      },
    );
  }
  throwsWith(
    () => maia.parseResponse('listProjects', 200, '<html>oops</html>'),
    (error) => {
      assert.ok(error instanceof maia.DecodeError);
      assert.equal(error.code, 'ERR_MAIA_DECODE');
      assert.equal(error.status, 200);
      assert.equal(error.body, '<html>oops</html>');
    },
  );
  for (const status of ['200', NaN, 200.5, -1, 70000]) {
    throwsWith(() => maia.parseResponse('createProject', status, '{}'), (error) => assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT'));
  }
});

test('private keys: check and normalize', () => {
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj'.repeat(3);
  const pem = `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----`;
  assert.ok(maia.checkPrivateKey(pem).some((v) => v.code === 'pem.literal_newline'));
  const fixed = maia.normalizePrivateKey(pem);
  assert.match(fixed, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.ok(fixed.endsWith('-----END PRIVATE KEY-----\n'));
  assert.deepEqual(maia.checkPrivateKey(fixed).filter((v) => v.severity === 'error'), []);
  throwsWith(
    () => maia.normalizePrivateKey('not a key'),
    (error) => {
      assert.ok(error instanceof maia.ValidationError);
      assert.ok(error.violations.length > 0);
    },
  );
  throwsWith(() => maia.checkPrivateKey(42), (error) => assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT'));
});

// ---- host values ------------------------------------------------------------------------------

test('values with no JSON form are TypeErrors with the core message and pointer; the module stays usable', () => {
  const cyclic = { name: 'x' };
  cyclic.self = cyclic;
  let deep = {};
  const root = deep;
  for (let i = 0; i < 10000; i++) deep = deep.a = {};
  const getter = Object.defineProperty({}, 'name', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const cases = [
    [{ name: NaN }, /NaN/, '/name'],
    [{ a: [1, Infinity] }, /NaN and infinities/, '/a/1'],
    [cyclic, /cycle/, '/self'],
    [root, /128/, ''],
    [{ n: 10n }, /`bigint`/, '/n'],
    [{ f() {} }, /`function`/, '/f'],
    [{ s: Symbol('s') }, /`symbol`/, '/s'],
    [{ d: new Date(0) }, /`Date`/, '/d'],
    [{ m: new Map() }, /`Map`/, '/m'],
    [{ [Symbol('k')]: 1 }, /keys must be strings/, ''],
    [getter, /boom/, '/name'],
    [{ 'a/b': { '~': NaN } }, /NaN/, '/a~1b/~0'],
  ];
  for (const [body, message, pointer] of cases) {
    throwsWith(
      () => maia.validate('createProject', body),
      (error) => {
        assert.ok(error instanceof TypeError, String(message));
        assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT');
        assert.match(error.message, message);
        assert.match(error.message, /`body`/);
        if (pointer) assert.ok(error.message.includes(`\`${pointer}\``), `${error.message} names ${pointer}`);
      },
    );
    assert.deepEqual(maia.validate('createProjectConnection', CONNECTION, { projectId: PROJECT }), []);
  }
  // The core reads MAX_DEPTH - 1 nested containers: 127 levels are read, 128 are not.
  const nest = (levels) => (levels === 0 ? 'x' : [nest(levels - 1)]);
  assert.ok(Array.isArray(maia.validate('createProject', nest(127))));
  assert.throws(() => maia.validate('createProject', nest(128)), { code: 'ERR_MAIA_INVALID_INPUT' });
  // A shared (not cyclic) object is fine, undefined members are absent, lone surrogates are replaced.
  const shared = { value: 'x' };
  assert.deepEqual(maia.validate('createProjectConnection', { ...CONNECTION, description: undefined }, { projectId: PROJECT }).map((v) => v.code), []);
  const twice = maia.validate('createEnvironment', { connectionOverrides: [{ connectionProperties: { account: shared, username: shared } }] });
  assert.ok(twice.length > 0);
  const request = maia.buildRequest('createProjectConnection', { ...CONNECTION, name: 'a\uD800b' }, { projectId: PROJECT }, { region: 'eu1' });
  assert.equal(JSON.parse(request.body).name, 'a\uFFFDb');
});

test('a trap inside wasm is reported and the module is replaced by a fresh one', () => {
  throwsWith(
    () => maia.__selfTestTrap(),
    (error) => {
      assert.ok(error instanceof maia.MaiaError);
      assert.equal(error.code, 'ERR_MAIA_INTERNAL');
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
    },
  );
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(maia.validate('createProjectConnection', CONNECTION, { projectId: PROJECT }), []);
    assert.equal(maia.buildRequest('createProject', { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' }, null, { region: 'eu1' }).method, 'POST');
    assert.throws(() => maia.__selfTestTrap(), { code: 'ERR_MAIA_INTERNAL' });
  }
  assert.equal(maia.operations().length, 11);
});

// ---- secrets ----------------------------------------------------------------------------------

test('requests print redacted: toJSON, util.inspect, headers; fetch gets the real values', () => {
  const token = 'secret-token-abc123';
  const gitlab = 'glpat-SECRETVALUE';
  const secretBody = { secret: { name: 'aws-credentials', type: 'CLOUD_PLATFORM_CREDENTIALS', value: { type: 'aws', accessKeyID: 'AKIAEXAMPLE', secretKey: 'wJalrSECRET' } } };
  const request = maia.buildRequest('createSecretValue', secretBody, { agentId: PROJECT }, { region: 'eu1', token });
  assert.equal(request.headers.Authorization, `Bearer ${token}`);
  assert.deepEqual(JSON.parse(request.body), secretBody);
  // Only method and url are enumerable: copies carry no secret; printing shows the redacted form.
  assert.deepEqual(Object.keys(request), ['method', 'url']);
  const printedForms = [
    JSON.stringify(request),
    util.inspect(request, { depth: 5 }),
    JSON.stringify({ request }),
    util.format('%o', request),
    util.inspect({ ...request }),
    util.inspect(Object.assign({}, request)),
    util.inspect(structuredClone(request)),
    util.inspect(request.headers),
    JSON.stringify(request.headers),
    util.inspect(request, { showHidden: false, depth: 9, customInspect: true }),
  ];
  for (const printed of printedForms) {
    for (const secret of [token, 'wJalrSECRET', 'AKIAEXAMPLE']) assert.ok(!printed.includes(secret), `${printed} hides ${secret}`);
  }
  assert.equal(JSON.parse(JSON.stringify(request)).headers.Authorization, '***');

  const rotate = maia.buildRequest('rotateRepositoryToken', null, { projectId: PROJECT, 'Git-Provider-Access-Token': gitlab }, { region: 'eu1' });
  assert.equal(rotate.headers['Git-Provider-Access-Token'], gitlab);
  assert.ok(!JSON.stringify(rotate).includes(gitlab));
  assert.ok(!util.inspect(rotate).includes(gitlab));
});

// ---- the web build is CSP-safe ------------------------------------------------------------------

test('the shipped JavaScript uses no eval or new Function', () => {
  for (const dir of [webPackage, nodePackage]) {
    for (const file of fs.readdirSync(dir).filter((name) => /\.m?js$/.test(name))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(text, /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(/, `${dir}/${file}`);
    }
  }
});
