// Canary secrets in every secret-bearing field, misplaced fields and options: never in any
// printable form (messages, violations, util.inspect, console.dir, JSON.stringify, spreads and
// clones of requests), always in what is sent. Runs against the napi and the wasm builds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import util from 'node:util';
import api from './impl.mjs';

const AGENT = { agentId: '28d7eae0-1ed5-42d1-b2d9-67decbdef2c3' };
const PROJECT = { projectId: '550e8400-e29b-41d4-a716-446655440002' };
const PASSWORD = 'Cnry0Pass9wordQx7Zk2';
const PAT = 'glpat-CnryPat0123456789abcd';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOjF9.Q2FuYXJ5VG9rZW5TaWc';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY';
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7CANARYPEMBODY\n-----END PRIVATE KEY-----\n';
const PEM_MARK = 'C7CANARYPEMBODY';
const CANARIES = [PASSWORD, PAT, TOKEN, AWS_SECRET, PEM_MARK, 'hunter2canary'];

const CASES = [
  ['createSecretValue', { name: 'pw', type: 'DWH_PASSWORD', key: 'password', value: { password: PASSWORD } }, AGENT],
  ['createSecretValue', { name: 'pk', type: 'DWH_PASSWORD', key: 'privateKey', value: { privateKey: PEM } }, AGENT],
  ['createSecretValue', { name: 'pk', type: 'DWH_PASSWORD', key: PEM, value: { password: PASSWORD } }, AGENT],
  ['createSecretValue', { name: 'pk', type: 'DWH_PASSWORD', key: 'password', value: { [PASSWORD]: 'x', password: 'hunter2canary' } }, AGENT],
  ['createSecretValue', { secret: { name: 'aws', type: 'CLOUD_PLATFORM_CREDENTIALS', value: { type: 'aws', accessKeyID: 'AKIA', secretKey: AWS_SECRET } } }, AGENT],
  ['createProject', { name: 'p', warehouse: PAT, agentDeploymentType: 'FULL_SAAS', Password: PASSWORD }, null],
  ['createProject', { name: PEM, warehouse: 'SNOWFLAKE', agentDeploymentType: TOKEN }, null],
  ['createProjectConnection', { name: 'c', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { connectionProperties: { secretName: 's', password: PASSWORD } } }, PROJECT],
  ['createRepository', { provider: 'gitlab', providerParameters: { repositoryId: '42' }, repositoryName: 'r' }, { ...PROJECT, 'Git-Provider-Access-Token': PAT }],
  ['rotateRepositoryToken', null, { ...PROJECT, 'Git-Provider-Access-Token': PAT }],
  ['rotateRepositoryToken', null, { projectId: PAT, 'Git-Provider-Access-Token': PAT }],
];

function assertNoCanary(text, where) {
  for (const canary of CANARIES) assert.ok(!text.includes(canary), `${canary} in ${where}: ${text.slice(0, 300)}`);
}

const printed = (value) => [util.inspect(value, { depth: 9 }), JSON.stringify(value) ?? '', String(value), util.format('%o', value)].join('\n');

describe('canary secrets never print', () => {
  for (const [operation, body, params] of CASES) {
    test(`${operation} ${JSON.stringify(body)?.slice(0, 60)}`, () => {
      const violations = api.validate(operation, body, params);
      assertNoCanary(printed(violations), 'violations');
      let request;
      try {
        request = api.buildRequest(operation, body, params, { region: 'eu1', token: TOKEN });
      } catch (error) {
        assert.ok(error instanceof api.ValidationError, String(error));
        assertNoCanary(printed(error) + error.stack + printed(error.violations), 'the ValidationError');
        return;
      }
      const copies = [printed(request), printed({ ...request }), printed(Object.assign({}, request)), printed(structuredClone(request)), printed(request.headers)];
      assertNoCanary(copies.join('\n'), 'the request');
      const sent = (request.body ?? '') + Object.values(request.headers).join('\n');
      assert.ok(sent.includes(TOKEN), 'the bearer token is sent');
      const given = JSON.stringify([body, params]);
      for (const canary of [PASSWORD, PAT, AWS_SECRET]) if (given.includes(canary)) assert.ok(sent.includes(canary), `${canary} is sent`);
    });
  }
  test('option errors', () => {
    for (const options of [{ baseUrl: `https://admin:${PASSWORD}@h/dpc` }, { region: PAT }, { region: 'eu1', token: `${TOKEN} \n` }]) {
      assert.throws(
        () => api.buildRequest('listAgents', null, null, options),
        (error) => {
          assertNoCanary(printed(error) + error.stack, 'the option error');
          return true;
        },
      );
    }
  });
  test('a server that echoes a secret', () => {
    const problem = JSON.stringify({ title: 'Bad Request', status: 400, detail: `token ${PAT} refused`, violations: [`${TOKEN} is not allowed`] });
    assert.throws(
      () => api.parseResponse('createProject', 400, problem, { 'content-type': 'application/problem+json' }),
      (error) => {
        assertNoCanary(error.message + error.stack, 'the ApiError message');
        assert.ok(error.body.includes(PAT), 'the body keeps what the server said');
        return true;
      },
    );
  });
});
