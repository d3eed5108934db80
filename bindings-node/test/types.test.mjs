// The hand-written types.d.ts against the core's own lists: the unions of operation ids,
// violation codes and allowed values, and the members of the variant interfaces. (tsc checks
// the types themselves and the seed examples against them: scripts/test-node.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import api, { kind } from './impl.mjs';

const skip = kind !== 'napi' && 'types.d.ts belongs to the napi package';
const source = fs.readFileSync(new URL('../types.d.ts', import.meta.url), 'utf8').replace(/\/\*\*.*?\*\//gs, '');

/** The string literals of `export type Name = 'a' | 'b';`. */
function union(name) {
  const match = source.match(new RegExp(`export type ${name} =([^;]+);`));
  assert.ok(match, `types.d.ts has no union ${name}`);
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

/** The members of `export interface Name { a: T; b?: U; }` as [name, optional, type]. */
function members(name) {
  const match = source.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`));
  assert.ok(match, `types.d.ts has no interface ${name}`);
  return [...match[1].matchAll(/^\s*(\w+)(\??):\s*([^;]+);/gm)].map((m) => [m[1], m[2] === '?', m[3].trim()]);
}

describe('types.d.ts matches the core', { skip }, () => {
  test('OperationId lists every operation', () => {
    assert.deepEqual(union('OperationId'), api.operations().map((op) => op.id));
  });
  test('ViolationCode lists every violation code, in order', () => {
    assert.deepEqual(union('ViolationCode'), [...api.VIOLATION_CODES]);
  });
  test('each allowed-value union equals the core’s list for its field', () => {
    const options = api.fieldOptions();
    const pairs = {
      Warehouse: ['createProject', '/warehouse'],
      AgentDeploymentType: ['createProject', '/agentDeploymentType'],
      DataPlatformConnectionType: ['createDataPlatformConnection', '/platformConnectionType'],
      WarehouseProvider: ['createDataPlatformConnection', '/authProvider'],
      WarehouseAuthType: ['createDataPlatformConnection', '/authType'],
      CloudProvider: ['createSecretValue', '/secret/value/type'],
      PlatformConnectionType: ['createProjectConnection', '/platformConnectionType'],
      AuthType: ['createProjectConnection', '/authType'],
      VaultType: ['createProjectConnection', '/connectionDetails/secretsLocation/type'],
      UserAccessLevel: ['createEnvironment', '/defaultUserAccessLevel'],
      DwhProvider: ['createEnvironment', '/defaultConnections/DWH/*'],
      CloudPlatform: ['createEnvironment', '/defaultConnections/CLOUD_PLATFORM/*'],
      GitProvider: ['createRepository', '/provider'],
    };
    for (const [name, [operation, pointer]] of Object.entries(pairs)) {
      assert.deepEqual(union(name).sort(), [...options[operation][pointer]].sort(), `${name} vs ${operation} ${pointer}`);
    }
  });
  test('the warehouse property interfaces list each property with its kind and whether it is required', () => {
    const { environmentProperties } = api.variantMembers();
    for (const [name, provider] of [['SnowflakeProperties', 'snowflake'], ['RedshiftProperties', 'redshift']]) {
      const expected = environmentProperties[provider].map((p) => [p.name, !p.required, p.kind === 'secret' ? 'SecretProperty' : 'ValueProperty']);
      assert.deepEqual(members(name), expected, name);
    }
  });
  test('the variant unions name each variant’s members', () => {
    const variants = api.variantMembers();
    const text = (name) => source.match(new RegExp(`export type ${name} =([\\s\\S]+?);\\n\\n`))[1];
    for (const [cloud, fields] of Object.entries(variants.cloudCredentials)) {
      const row = text('CloudCredentials').split('\n').find((line) => line.includes(`type: '${cloud}'`));
      assert.deepEqual([...row.matchAll(/(\w+): string/g)].map((m) => m[1]), fields, cloud);
    }
    for (const [vault, fields] of Object.entries(variants.secretsLocation)) {
      const row = text('VaultLocation').split('\n').find((line) => line.includes(`'${vault}'`));
      assert.deepEqual([...row.matchAll(/(\w+)\?: string/g)].map((m) => m[1]), fields, vault);
    }
    for (const [provider, fields] of Object.entries(variants.providerParameters)) {
      const row = text('CreateRepositoryBody').split('\n').find((line) => line.includes(`provider: '${provider}'`));
      assert.deepEqual([...row.matchAll(/(\w+): string/g)].map((m) => m[1]), fields, provider);
    }
  });
});
