// Real HTTP: a node:http server on 127.0.0.1 receives what fetch sends from buildRequest's
// result, unchanged; its replies go back through parseResponse.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import api from './impl.mjs';

const PROJECT_ID = '678d39a9-98e2-45e7-80db-3e90d0942eaf';
const received = [];
let reply = { status: 201, headers: { 'content-type': 'application/json' }, body: '{}' };
let server;
let baseUrl;

before(async () => {
  server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/dpc`;
});

after(() => new Promise((resolve) => server.close(resolve)));

/** Builds, sends with fetch exactly as returned, and parses the reply. */
async function roundTrip(operation, body, params, options) {
  const request = api.buildRequest(operation, body, params, { baseUrl, ...options });
  const response = await fetch(request.url, request);
  const text = await response.text();
  return { request, seen: received.at(-1), parse: () => api.parseResponse(operation, response.status, text, response.headers) };
}

describe('fetch(request.url, request) against a local server', () => {
  test('a POST arrives with its method, path, headers and body', async () => {
    reply = {
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'c-1', name: 'aws-connection', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', createdDate: '2026-04-23T14:05:30.858475' }),
    };
    const body = {
      name: 'aws-connection',
      platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
      authProvider: 'aws',
      authType: 'CLOUD_PROVIDER_SECRET',
      connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' }, connectionProperties: { credentialSecretName: 'aws-creds' } },
    };
    const { seen, parse } = await roundTrip('createProjectConnection', body, { projectId: PROJECT_ID }, { token: 'http-token' });
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, `/dpc/v1/projects/${PROJECT_ID}/connections`);
    assert.equal(seen.headers.authorization, 'Bearer http-token');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers.accept, 'application/json, application/problem+json');
    assert.match(seen.headers['user-agent'], /^maia-provision\//);
    assert.deepEqual(JSON.parse(seen.body), body);
    const created = parse();
    assert.equal(created.id, 'c-1');
    assert.equal(created.createdDate, '2026-04-23T14:05:30.858475');
  });

  test('a GitLab repository sends the access token header', async () => {
    reply = { status: 201, headers: {}, body: '' };
    const body = { provider: 'gitlab', providerParameters: { repositoryId: 12345 }, repositoryName: 'pipelines' };
    const { seen, parse } = await roundTrip('createRepository', body, { projectId: PROJECT_ID, 'Git-Provider-Access-Token': 'glpat-abc' }, {});
    assert.equal(seen.url, `/dpc/v1/projects/${PROJECT_ID}/repositories`);
    assert.equal(seen.headers['git-provider-access-token'], 'glpat-abc');
    assert.equal(seen.headers.authorization, undefined);
    // The numeric GitLab id is sent as a string.
    assert.deepEqual(JSON.parse(seen.body), { provider: 'gitlab', providerParameters: { repositoryId: '12345' }, repositoryName: 'pipelines' });
    assert.deepEqual(parse(), {});
  });

  test('a GET with paging sends no body', async () => {
    reply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"results":[{"name":"dev","defaultAgentId":"a-1"}],"page":2,"size":10,"total":21}' };
    const { seen, parse } = await roundTrip('listEnvironments', null, { projectId: PROJECT_ID, page: 2, size: '10' }, { token: 't' });
    assert.equal(seen.method, 'GET');
    assert.equal(seen.url, `/dpc/v1/projects/${PROJECT_ID}/environments?page=2&size=10`);
    assert.equal(seen.body, '');
    assert.equal(seen.headers['content-type'], undefined);
    assert.deepEqual(parse().results, [{ name: 'dev', defaultAgentId: 'a-1' }]);
  });

  test('a ProblemDetail reply becomes an ApiError', async () => {
    const problem = { type: 'https://api.example/problems/validation', title: 'Bad Request', status: 400, detail: 'the request is invalid', violations: ['name: must not be blank', 'authType: invalid'] };
    reply = { status: 400, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) };
    const { parse } = await roundTrip('createProject', { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'FULL_SAAS' }, null, { token: 't' });
    assert.throws(parse, (error) => {
      assert.ok(error instanceof api.ApiError);
      assert.equal(error.status, 400);
      assert.deepEqual(error.problem, problem);
      assert.deepEqual(error.violations, problem.violations);
      assert.match(error.message, /HTTP 400/);
      return true;
    });
  });

  test('429 with Retry-After from the real response headers', async () => {
    reply = { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '30' }, body: '{"title":"Too Many Requests","status":429}' };
    const { parse } = await roundTrip('listAgents', null, null, { token: 't' });
    assert.throws(parse, (error) => error instanceof api.ApiError && error.status === 429 && error.retryAfter === '30');
  });
});
