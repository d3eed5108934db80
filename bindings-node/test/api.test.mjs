// The JS API contract shared by the napi and wasm builds: functions, shapes and error classes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import util from 'node:util';
import api from './impl.mjs';

const PROJECT_ID = '550e8400-e29b-41d4-a716-446655440002';
const CONNECTION = {
  name: 'aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
  connectionDetails: { secretsLocation: { type: 'MAIA_CUSTOMER_VAULT' }, connectionProperties: { credentialSecretName: 'aws-creds' } },
};
const PEM_BODY = 'MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAq7BFUpkGp3+LQmlQ\nYx2eqzDV+xeG8kx/sQFV18S5JhzGeIJNA72wSeukEPojtqUyX2J0CciPBh7eqclQ\n2zpAswIDAQABAkAgisq4+zRdrzkwH1ITV1vpytnkO/NiHcnePQiOW0VUybPyHoGM\n/jf75C5xET7ZQpBe5kx5VHsPZj0CBb3b+wSRAiEA2mPWCBytosIU/ODRfq6EiV04\nlt6waE7I2uSPqIC20LcCIQDJQYIHQII+3YaPqyhGgqMexuuuGx+lDKD6/Fu/JwPb\n5QIhAKthiYcYKlL9h8bjDsQhZDUACPasjzdsDEdq8inDAi1rAiAtIIuRtzsZKlMU\nbPZ6DV1CVr3c9Lq/PYBBMtzvVWEyaQIhAKgxgJE+gCiubN0ddBp5vz8JfNQGcmTt\nNOMwj1GcvuUH';
const SECRET_KEY = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----\n`;

describe('operations and codes', () => {
  test('operations() lists every operation with its route', () => {
    const ops = api.operations();
    assert.equal(ops.length, 11);
    const connection = ops.find((op) => op.id === 'createProjectConnection');
    assert.deepEqual(
      { method: connection.method, path: connection.path, pathParams: connection.pathParams, hasBody: connection.hasBody },
      { method: 'POST', path: '/v1/projects/{projectId}/connections', pathParams: ['projectId'], hasBody: true },
    );
    assert.equal(ops.find((op) => op.id === 'listAgents').method, 'GET');
  });
  test('VIOLATION_CODES is a frozen list of code ids, and validate only returns those', () => {
    assert.ok(Object.isFrozen(api.VIOLATION_CODES));
    assert.ok(api.VIOLATION_CODES.includes('combination') && api.VIOLATION_CODES.includes('pem.literal_newline'));
    assert.equal(new Set(api.VIOLATION_CODES).size, api.VIOLATION_CODES.length);
    const violations = api.validate('createProjectConnection', { name: 1, nmae: 'x' }, { projectId: 'NOPE' });
    assert.ok(violations.length >= 3);
    for (const v of violations) assert.ok(api.VIOLATION_CODES.includes(v.code), v.code);
  });
});

describe('validate', () => {
  test('returns plain violation objects, all at once', () => {
    const violations = api.validate('createProjectConnection', { ...CONNECTION, authType: 'GENERIC_SECRET', colour: 'blue' }, { projectId: PROJECT_ID });
    const byCode = Object.fromEntries(violations.map((v) => [v.code, v]));
    assert.deepEqual(Object.keys(byCode).sort(), ['alias', 'combination', 'unknown_field']);
    for (const v of violations) {
      assert.equal(Object.getPrototypeOf(v), Object.prototype);
      assert.deepEqual(Object.keys(v).sort(), ['code', 'location', 'message', 'pointer', 'severity']);
    }
    assert.equal(byCode.unknown_field.severity, 'warning');
    assert.equal(byCode.unknown_field.pointer, '/colour');
    assert.equal(byCode.combination.severity, 'error');
  });
  test('snake_case operation ids work too', () => {
    assert.deepEqual(api.validate('create_project_connection', CONNECTION, { projectId: PROJECT_ID }).map((v) => v.code), ['alias']);
  });
  test('an unknown operation is a TypeError with the core’s suggestion', () => {
    for (const bad of ['createProjct', 42, undefined, Symbol('op')]) {
      assert.throws(() => api.validate(bad, {}), (error) => {
        assert.ok(error instanceof TypeError);
        assert.equal(error.code, 'ERR_MAIA_UNKNOWN_OPERATION');
        assert.match(error.message, /unknown operation/);
        return true;
      });
    }
    assert.throws(() => api.validate('createProjct', {}), /did you mean `createProject`/);
  });
});

describe('buildRequest', () => {
  const request = () => api.buildRequest('createProjectConnection', CONNECTION, { projectId: PROJECT_ID }, { region: 'eu1', token: 'tok-123' });

  test('is {method, url, headers, body} with real values, ready for fetch; only method and url are enumerable', () => {
    const r = request();
    assert.deepEqual(Object.keys(r), ['method', 'url']);
    assert.equal(r.method, 'POST');
    assert.equal(r.url, `https://eu1.api.matillion.com/dpc/v1/projects/${PROJECT_ID}/connections`);
    assert.equal(r.headers.Authorization, 'Bearer tok-123');
    assert.equal(r.headers['Content-Type'], 'application/json');
    assert.ok(r.headers['User-Agent'].startsWith('maia-provision/'));
    // The alias is sent as the OpenAPI value.
    assert.equal(JSON.parse(r.body).connectionDetails.secretsLocation.type, 'MATILLION_CUSTOMER_VAULT');
    assert.deepEqual(Object.keys(r.headers), ['Accept', 'Content-Type', 'User-Agent', 'Authorization']);
  });
  test('toJSON and util.inspect redact the token, and copies carry none', () => {
    const r = request();
    const printed = [
      JSON.stringify(r),
      JSON.stringify({ request: r }),
      util.inspect(r),
      util.inspect({ request: r }),
      util.format('%o', r),
      util.format('%j', r),
      util.inspect({ ...r }),
      util.inspect(Object.assign({}, r)),
      util.inspect(structuredClone(r)),
      util.inspect(r.headers),
      JSON.stringify(r.headers),
      util.inspect(r, { showHidden: true }),
    ];
    for (const text of printed) {
      assert.ok(!text.includes('tok-123'), `secret in ${text}`);
    }
    assert.equal(JSON.parse(JSON.stringify(r)).headers.Authorization, '***');
    assert.match(util.inspect(r), /Authorization: '\*\*\*'/);
  });
  test('secrets in the body are redacted in the printable forms', () => {
    const body = { name: 'snowflake-key', type: 'DWH_PASSWORD', key: 'privateKey', value: { privateKey: SECRET_KEY } };
    const r = api.buildRequest('createSecretValue', body, { agentId: PROJECT_ID }, { region: 'us1' });
    assert.ok(r.body.includes(PEM_BODY.slice(0, 20)), 'the real body carries the key');
    for (const text of [JSON.stringify(r), util.inspect(r)]) assert.ok(!text.includes(PEM_BODY.slice(0, 20)), `key in ${text}`);
  });
  test('the Git-Provider-Access-Token header is sent and redacted', () => {
    const r = api.buildRequest('rotateRepositoryToken', null, { projectId: PROJECT_ID, 'Git-Provider-Access-Token': 'glpat-secret' }, { baseUrl: 'http://127.0.0.1:9/dpc/' });
    assert.equal(r.url, `http://127.0.0.1:9/dpc/v1/projects/${PROJECT_ID}/repositories/token`);
    assert.equal(r.headers['Git-Provider-Access-Token'], 'glpat-secret');
    assert.equal(r.body, null);
    assert.ok(!util.inspect(r).includes('glpat-secret'));
    assert.ok(!JSON.stringify(r).includes('glpat-secret'));
  });
  test('GET requests carry the paging query and no body', () => {
    const r = api.buildRequest('listProjectConnections', undefined, { projectId: PROJECT_ID, page: 1, size: 50 }, { region: 'us1' });
    assert.equal(r.method, 'GET');
    assert.equal(r.url, `https://us1.api.matillion.com/dpc/v1/projects/${PROJECT_ID}/connections?page=1&size=50`);
    assert.equal(r.body, null);
    assert.equal(r.headers['Content-Type'], undefined);
  });
  test('an invalid request throws ValidationError with every violation', () => {
    assert.throws(
      () => api.buildRequest('createProjectConnection', { ...CONNECTION, authType: 'GENERIC_SECRET', extra: 1 }, { projectId: PROJECT_ID }, { region: 'eu1' }),
      (error) => {
        assert.ok(error instanceof api.ValidationError);
        assert.ok(error instanceof api.MaiaError);
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'ValidationError');
        assert.equal(error.code, 'ERR_MAIA_VALIDATION');
        assert.equal(error.operation, 'createProjectConnection');
        assert.deepEqual(error.violations.map((v) => v.code).sort(), ['alias', 'combination', 'unknown_field']);
        assert.ok(!error.message.includes('{"'), 'no JSON in the message');
        assert.match(error.message, /1 error/);
        return true;
      },
    );
  });
  test('options: region or baseUrl, exactly one; a bad option is a TypeError', () => {
    const cases = [undefined, {}, { region: 'mars' }, { region: 'eu1', baseUrl: 'https://x.example' }, { baseUrl: 'ftp://x' }, { region: 'eu1', token: 'has space' }, { region: 'eu1', token: 12 }, { region: 5 }];
    for (const options of cases) {
      assert.throws(() => api.buildRequest('listAgents', null, null, options), (error) => {
        assert.ok(error instanceof TypeError, `${JSON.stringify(options)}: ${error}`);
        assert.equal(error.code, 'ERR_MAIA_INVALID_OPTION');
        assert.ok(!error.message.includes('has space'), 'the token is never quoted');
        return true;
      });
    }
    assert.throws(() => api.buildRequest('listAgents', null, null, { region: 'mars' }), /unknown region `mars`/);
  });
  test('an option that is not a string names the option and the type given, never the value', () => {
    for (const [name, value, typeName] of [['region', 5, 'number'], ['baseUrl', ['https://x.example'], 'Array'], ['token', { secret: 'tok-777' }, 'Object']]) {
      assert.throws(() => api.buildRequest('listAgents', null, null, { [name]: value }), (error) => {
        assert.ok(error instanceof TypeError);
        assert.equal(error.code, 'ERR_MAIA_INVALID_OPTION');
        assert.equal(error.option, name);
        assert.ok(error.message.includes(`\`${name}\``) && error.message.includes(`\`${typeName}\``), error.message);
        assert.ok(!error.message.includes('tok-777') && !error.message.includes('x.example'), error.message);
        return true;
      });
    }
  });
});

describe('parseResponse', () => {
  const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'a connection named `aws-connection` exists', violations: ['name must be unique'] };

  test('a 2xx body becomes the typed value, unknown members kept', () => {
    assert.deepEqual(api.parseResponse('createProject', 201, '{"projectId":"p-1","extra":true}'), { projectId: 'p-1', extra: true });
    assert.deepEqual(api.parseResponse('createEnvironment', 201, ''), {});
    assert.deepEqual(api.parseResponse('createEnvironment', 204, null), {});
    const page = api.parseResponse('listAgents', 200, new TextEncoder().encode('{"results":[{"agentId":"a","connected":true}],"page":0,"size":1,"total":3}'));
    assert.deepEqual(page, { results: [{ agentId: 'a', connected: true }], page: 0, size: 1, total: 3 });
  });
  test('an error status is an ApiError with its ProblemDetail', () => {
    for (const headers of [{ 'Retry-After': '7' }, [['retry-after', '7']], new Map([['Retry-After', '7']]), new Headers({ 'retry-after': '7' })]) {
      assert.throws(() => api.parseResponse('createProjectConnection', 409, JSON.stringify(problem), headers), (error) => {
        assert.ok(error instanceof api.ApiError);
        assert.ok(error instanceof api.MaiaError);
        assert.equal(error.name, 'ApiError');
        assert.equal(error.code, 'ERR_MAIA_API');
        assert.equal(error.status, 409);
        assert.equal(error.problem.detail, problem.detail);
        assert.deepEqual(error.violations, ['name must be unique']);
        assert.equal(error.body, JSON.stringify(problem));
        assert.equal(error.retryAfter, '7');
        assert.ok(!error.message.includes('{"'), 'no JSON in the message');
        return true;
      });
    }
  });
  test('an error status without a ProblemDetail keeps the raw body', () => {
    assert.throws(() => api.parseResponse('listAgents', 502, '<html>bad gateway</html>'), (error) => {
      assert.ok(error instanceof api.ApiError);
      assert.equal(error.problem, null);
      assert.deepEqual(error.violations, []);
      assert.equal(error.body, '<html>bad gateway</html>');
      assert.equal(error.retryAfter, null);
      return true;
    });
  });
  test('a 2xx body that is not the response is a DecodeError', () => {
    assert.throws(() => api.parseResponse('listAgents', 200, 'not json'), (error) => {
      assert.ok(error instanceof api.DecodeError);
      assert.ok(error instanceof api.MaiaError);
      assert.equal(error.name, 'DecodeError');
      assert.equal(error.code, 'ERR_MAIA_DECODE');
      assert.equal(error.status, 200);
      assert.equal(error.body, 'not json');
      return true;
    });
  });
  test('bad arguments are TypeErrors', () => {
    for (const [status, body, headers] of [['200', '{}', null], [200.5, '{}', null], [NaN, '{}', null], [200, 42, null], [200, '{}', 'x-a: 1']]) {
      assert.throws(() => api.parseResponse('createProject', status, body, headers), { name: 'TypeError', code: 'ERR_MAIA_INVALID_INPUT' });
    }
    assert.throws(() => api.parseResponse('nope', 200, '{}'), { code: 'ERR_MAIA_UNKNOWN_OPERATION' });
    // A status that is not a whole number in range: the same message whatever went wrong with it.
    const messages = new Set();
    for (const status of ['200', 200.5, NaN, -1, 70000, null]) {
      assert.throws(() => api.parseResponse('createProject', status, '{}'), (error) => {
        assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT');
        assert.match(error.message, /^`status` must be /);
        messages.add(error.message.replace(/got `[^`]*`$/, ''));
        return true;
      });
    }
    assert.equal(messages.size, 1, [...messages].join(' | '));
  });
});

describe('private keys', () => {
  test('checkPrivateKey explains, normalizePrivateKey repairs', () => {
    const pasted = SECRET_KEY.replaceAll('\n', '\\n');
    const codes = api.checkPrivateKey(pasted).map((v) => v.code);
    assert.ok(codes.includes('pem.literal_newline'), codes.join());
    assert.deepEqual(api.checkPrivateKey(SECRET_KEY), []);
    assert.equal(api.normalizePrivateKey(pasted), SECRET_KEY);
  });
  test('a key that cannot be repaired is a ValidationError that does not quote the key', () => {
    assert.throws(() => api.normalizePrivateKey(PEM_BODY), (error) => {
      assert.ok(error instanceof api.ValidationError);
      assert.equal(error.operation, null);
      assert.ok(error.violations.some((v) => v.code === 'pem.no_armor'));
      assert.ok(!error.message.includes(PEM_BODY.slice(0, 16)));
      assert.ok(error.violations.filter((v) => v.severity === 'error').every((v) => error.message.includes(v.message)), error.message);
      return true;
    });
  });
  test('a non-string key is a TypeError', () => {
    assert.throws(() => api.checkPrivateKey(42), { name: 'TypeError', code: 'ERR_MAIA_INVALID_INPUT' });
    assert.throws(() => api.normalizePrivateKey(undefined), { name: 'TypeError', code: 'ERR_MAIA_INVALID_INPUT' });
  });
});
