// Host values that JSON cannot hold: each gives a TypeError `ERR_MAIA_INVALID_INPUT` with the
// core's message and the pointer where reading stopped, never a crash and never a silent change.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import api from './impl.mjs';

const PROJECT = { name: 'analytics', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' };

function refuses(body, { pointer, says }, params = null) {
  assert.throws(
    () => api.validate('createProject', body, params),
    (error) => {
      assert.ok(error instanceof TypeError, `a TypeError, got ${error}`);
      assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT');
      const where = pointer === '' ? 'cannot read `body` as JSON' : `cannot read \`body\` at \`${pointer}\` as JSON`;
      assert.ok(error.message.startsWith(where), `message ${JSON.stringify(error.message)} starts with ${JSON.stringify(where)}`);
      assert.match(error.message, says);
      return true;
    },
  );
  // The same input through buildRequest fails the same way.
  assert.throws(() => api.buildRequest('createProject', body, params, { region: 'eu1' }), { code: 'ERR_MAIA_INVALID_INPUT' });
}

describe('values with no JSON form', () => {
  test('NaN and infinities', () => {
    for (const bad of [NaN, Infinity, -Infinity]) refuses({ ...PROJECT, size: bad }, { pointer: '/size', says: /NaN and infinities/ });
  });
  test('BigInt', () => refuses({ ...PROJECT, n: 10n }, { pointer: '/n', says: /`bigint` has no JSON form/ }));
  test('functions, as members and as elements', () => {
    refuses({ ...PROJECT, f() {} }, { pointer: '/f', says: /`function` has no JSON form/ });
    refuses({ ...PROJECT, list: [1, () => 2] }, { pointer: '/list/1', says: /`function`/ });
  });
  test('symbols, as values and as keys', () => {
    refuses({ ...PROJECT, s: Symbol('x') }, { pointer: '/s', says: /`symbol` has no JSON form/ });
    refuses({ ...PROJECT, [Symbol('k')]: 1 }, { pointer: '', says: /keys must be strings, not `symbol`/ });
  });
  test('Map, Set, Date, typed arrays and class instances', () => {
    class Body {
      constructor() {
        this.name = 'x';
      }
    }
    for (const [value, name] of [
      [new Map(), 'Map'],
      [new Set([1]), 'Set'],
      [new Date(0), 'Date'],
      [new Uint8Array(2), 'Uint8Array'],
      [new Body(), 'Body'],
      [/re/, 'RegExp'],
    ]) {
      refuses({ ...PROJECT, v: value }, { pointer: '/v', says: new RegExp(`\`${name}\` has no JSON form`) });
    }
    refuses(new Body(), { pointer: '', says: /`Body`/ });
  });
  test('the whole body as a bigint or a function', () => {
    refuses(1n, { pointer: '', says: /`bigint`/ });
    refuses(() => 1, { pointer: '', says: /`function`/ });
  });
});

describe('structure', () => {
  test('a cycle through an object', () => {
    const body = { ...PROJECT, details: { owner: {} } };
    body.details.owner.back = body;
    refuses(body, { pointer: '/details/owner/back', says: /contains itself \(a cycle\)/ });
  });
  test('a cycle through an array', () => {
    const list = [1, 2];
    list.push(list);
    refuses({ ...PROJECT, list }, { pointer: '/list/2', says: /a cycle/ });
  });
  test('a value shared twice without a cycle is fine', () => {
    const shared = { value: 'x' };
    assert.deepEqual(api.validate('createProject', { ...PROJECT, a: shared, b: shared }).map((v) => v.code), ['unknown_field', 'unknown_field']);
  });
  test('10 000-deep nesting, objects and arrays', () => {
    let deepObject = {};
    let deepArray = [];
    let o = deepObject;
    let a = deepArray;
    for (let i = 0; i < 10_000; i++) {
      o.a = {};
      o = o.a;
      a.push([]);
      a = a[0];
    }
    refuses(deepObject, { pointer: '/a'.repeat(127), says: /nests 128 or more levels deep/ });
    refuses({ ...PROJECT, list: deepArray }, { pointer: '/list' + '/0'.repeat(126), says: /nests 128 or more levels deep/ });
  });
  test('127 levels are read, 128 are not (the core’s MAX_DEPTH, serde_json’s limit too)', () => {
    const nest = (levels) => {
      let value = 'leaf';
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    // The body itself is level 1.
    assert.ok(Array.isArray(api.validate('createProject', { ...PROJECT, deep: nest(126) })));
    refuses({ ...PROJECT, deep: nest(127) }, { pointer: '/deep' + '/0'.repeat(126), says: /128 or more levels deep/ });
  });
  test('a getter that throws', () => {
    const body = {
      ...PROJECT,
      details: {
        get secret() {
          throw new Error('vault is locked');
        },
      },
    };
    refuses(body, { pointer: '/details/secret', says: /reading the value raised: vault is locked/ });
  });
  test('a proxy whose trap throws', () => {
    const body = new Proxy(
      { ...PROJECT },
      {
        ownKeys() {
          throw new RangeError('no keys today');
        },
      },
    );
    refuses(body, { pointer: '', says: /no keys today/ });
  });
  test('pointers escape ~ and /', () => {
    refuses({ ...PROJECT, 'a/b': { '~c': NaN } }, { pointer: '/a~1b/~0c', says: /NaN/ });
  });
  test('params are read with the same limits', () => {
    assert.throws(() => api.validate('createProjectConnection', {}, { projectId: 1n }), (error) => {
      assert.equal(error.code, 'ERR_MAIA_INVALID_INPUT');
      assert.ok(error.message.startsWith('cannot read `params` at `/projectId` as JSON'), error.message);
      return true;
    });
  });
});

describe('what reads as JSON', () => {
  test('undefined: an absent body, an absent member, a null element (as JSON.stringify)', () => {
    assert.deepEqual(api.validate('listAgents', undefined), []);
    assert.deepEqual(api.validate('listAgents', undefined, undefined), []);
    assert.deepEqual(api.validate('createProject', { ...PROJECT, description: undefined }), []);
    const withHole = api.validate('createProject', { ...PROJECT, extra: [undefined] });
    assert.deepEqual(withHole.map((v) => [v.pointer, v.code]), [['/extra', 'unknown_field']]);
  });
  test('objects without a prototype are plain objects', () => {
    const body = Object.assign(Object.create(null), PROJECT);
    assert.deepEqual(api.validate('createProject', body), []);
  });
  test('symbol-keyed members that are not enumerable are ignored', () => {
    const body = { ...PROJECT };
    Object.defineProperty(body, Symbol('meta'), { value: 1, enumerable: false });
    assert.deepEqual(api.validate('createProject', body), []);
  });
  test('a long string is read whole, a huge one refused before it is copied', () => {
    refuses({ ...PROJECT, name: 'n'.repeat(50 * 1024 * 1024) }, { pointer: '/name', says: /more than 1048576 characters in one string/ });
    const name = 'n'.repeat(100_000);
    assert.deepEqual(api.validate('createProject', { ...PROJECT, name }), []);
    const huge = api.validate('createRepository', { provider: 'github', providerParameters: { ownerName: 'o' }, repositoryName: name }, { projectId: '550e8400-e29b-41d4-a716-446655440002' });
    assert.deepEqual(huge.map((v) => v.code), ['max_length']);
    assert.ok(huge[0].message.length < 1000, 'the message does not quote the huge value');
  });
  test('lone surrogates read as U+FFFD', () => {
    const violations = api.validate('createProject', { ...PROJECT, warehouse: 'SNOW\uD800' });
    assert.deepEqual(violations.map((v) => v.code), ['enum']);
    assert.ok(violations[0].message.includes('SNOW\uFFFD'), violations[0].message);
  });
  test('integers beyond 2^53 and floats stay numbers', () => {
    const violations = api.validate('listAgents', null, { page: 2 ** 64, size: 1.5 });
    assert.deepEqual(violations.map((v) => [v.pointer, v.code]).sort(), [['/page', 'range'], ['/size', 'range']].sort());
  });
  test('the input is not changed', () => {
    const body = { ...PROJECT, connectionDetails: { secretsLocation: { type: 'MAIA_CUSTOMER_VAULT' } } };
    const copy = structuredClone(body);
    api.validate('createProject', body);
    assert.deepEqual(body, copy);
  });
});

describe('limits checked before any walk', () => {
  test('a sparse array or a Proxy claiming a huge length is refused at once', () => {
    const sparse = [];
    sparse.length = 1e8;
    refuses({ ...PROJECT, list: sparse }, { pointer: '/list', says: /more than 10000 elements in one array/ });
    let reads = 0;
    const proxy = new Proxy([], { get: (target, key) => (key === 'length' ? 1e9 : (reads++, target[key])) });
    refuses({ ...PROJECT, list: proxy }, { pointer: '/list', says: /more than 10000 elements in one array/ });
    assert.ok(reads < 10, `the proxy's elements were not walked (${reads} reads)`);
  });
  test('too many members, a too long string', () => {
    const wide = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`m${i}`, i]));
    refuses({ ...PROJECT, wide }, { pointer: '/wide', says: /more than 10000 members in one object/ });
    refuses({ ...PROJECT, description: 'x'.repeat(1_048_577) }, { pointer: '/description', says: /more than 1048576 characters in one string/ });
  });
  test('the limits themselves are accepted', () => {
    const list = Array.from({ length: 10_000 }, () => 1);
    assert.ok(Array.isArray(api.validate('createProject', { ...PROJECT, list })));
  });
});

describe('response arguments that throw or are gone', () => {
  test('a detached ArrayBuffer body and a throwing headers getter are input errors with a code', () => {
    const buffer = new TextEncoder().encode('{}').buffer;
    structuredClone(buffer, { transfer: [buffer] });
    assert.throws(() => api.parseResponse('createProject', 201, buffer), (error) => error instanceof TypeError && error.code === 'ERR_MAIA_INVALID_INPUT' && /`body`/.test(error.message));
    const headers = {
      get 'x-request-id'() {
        throw new Error('getter boom');
      },
    };
    assert.throws(
      () => api.parseResponse('createProject', 201, '{"projectId": "p"}', headers),
      (error) => error instanceof TypeError && error.code === 'ERR_MAIA_INVALID_INPUT' && /getter boom/.test(error.message),
    );
  });
});
