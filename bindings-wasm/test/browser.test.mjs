// End to end in Debian's Chromium (headless, driven by playwright-core): the example form loads the
// web build of the wasm package, shows each violation next to its field, previews the request when
// it is valid, and sends it with fetch to a local test server, which checks what arrived.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '..');
const outputDir = path.resolve(packageRoot, '..', 'test-output');
const nodePackage = process.env.MAIA_WASM_PKG ? path.resolve(process.env.MAIA_WASM_PKG) : path.join(packageRoot, 'pkg-node');
const maia = await import(pathToFileURL(path.join(nodePackage, 'index.mjs')).href);

const PROJECT = '678d39a9-98e2-45e7-80db-3e90d0942eaf';
const TOKEN = 'browser-test-token-7f3a';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

let site;
let api;
let sitePort;
let apiPort;
let context;
let page;
const arrived = [];
const problems = [];

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

before(async () => {
  // The static site: this package's folder (examples/form/ and pkg-web/), with a strict CSP that
  // allows WebAssembly compilation ('wasm-unsafe-eval') but no eval/new Function.
  site = http.createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(packageRoot, decodeURIComponent(url.pathname)));
    if (!file.startsWith(packageRoot + path.sep)) return response.writeHead(403).end();
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (file.endsWith('.html')) {
        headers['Content-Security-Policy'] =
          `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:${apiPort}; object-src 'none'; base-uri 'none'`;
      }
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  // The API stand-in: answers the CORS preflight and records every request.
  api = http.createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      arrived.push({ method: request.method, url: request.url, headers: request.headers, body: text });
      const cors = { 'Access-Control-Allow-Origin': `http://127.0.0.1:${sitePort}` };
      if (request.method === 'OPTIONS') {
        return response
          .writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '' })
          .end();
      }
      const sent = JSON.parse(text);
      const created = { id: 'c0ffee00-0000-4000-8000-000000000001', projectId: PROJECT, createdBy: 'browser-test', ...sent };
      response.writeHead(201, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(created));
    });
  });
  sitePort = await listen(site);
  apiPort = await listen(api);

  const profile = await mkdtemp(path.join(tmpdir(), 'maia-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.__profile = profile;
  page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await mkdir(outputDir, { recursive: true });
  await page.goto(`http://127.0.0.1:${sitePort}/examples/form/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await context?.close();
  if (context?.__profile) await rm(context.__profile, { recursive: true, force: true });
  site?.close();
  api?.close();
});

/** The messages the page shows in the field for `location:pointer`. */
async function messagesAt(key, severity = 'error') {
  return page.$$eval(`[data-key="${key}"] > .messages > li.${severity} .text`, (items) => items.map((item) => item.textContent));
}

test('select options come from the core', async () => {
  const options = maia.fieldOptions().createProjectConnection;
  const shown = async (id) => page.$$eval(`#${id} option`, (items) => items.map((o) => o.value).filter(Boolean));
  assert.deepEqual(await shown('c-type'), options['/platformConnectionType']);
  assert.deepEqual(await shown('c-auth'), options['/authType']);
  assert.deepEqual(await shown('c-vault'), options['/connectionDetails/secretsLocation/type']);
  assert.deepEqual(await shown('e-access'), maia.fieldOptions().createEnvironment['/defaultUserAccessLevel']);
});

test('an invalid connection shows each violation at its field, and no preview', async () => {
  const upper = PROJECT.toUpperCase();
  await page.fill('#projectId', upper);
  await page.fill('#c-name', 'aws-connection');
  await page.selectOption('#c-type', 'CLOUD_PLATFORM_CREDENTIALS');
  await page.fill('#c-provider', 'aws');
  await page.selectOption('#c-auth', 'GENERIC_SECRET');
  await page.selectOption('#c-vault', 'AWS_SECRET_MANAGER');
  await page.fill('#c-vault-region', 'eu-west-1');
  await page.fill('#c-secret-name', 'aws-platform-credentials');

  const body = {
    name: 'aws-connection',
    platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
    authProvider: 'aws',
    authType: 'GENERIC_SECRET',
    connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' }, connectionProperties: { secretName: 'aws-platform-credentials' } },
  };
  const expected = maia.validate('createProjectConnection', body, { projectId: upper });
  const errors = expected.filter((v) => v.severity === 'error');
  // The combination, the variant member and the upper-case UUID, each where it belongs.
  assert.deepEqual(errors.map((v) => `${v.location}:${v.pointer}`).sort(), [
    'body:/authType',
    'body:/connectionDetails/connectionProperties/secretName',
    'path:/projectId',
  ]);
  // What the form shows at each place, written here (not read back from the code under test).
  const shown = [
    ['body:/authType', /^`CLOUD_PLATFORM_CREDENTIALS` \+ `aws` \+ `GENERIC_SECRET` is not a valid combination: use `authType` `CLOUD_PROVIDER_SECRET`/],
    ['body:/connectionDetails/connectionProperties/secretName', /^`secretName` belongs to `COMPONENT_BASIC` connections, not to `CLOUD_PLATFORM_CREDENTIALS` connections/],
    ['path:/projectId', /^`projectId` must be a lower-case UUID; use `/],
  ];
  for (const [place, says] of shown) {
    const messages = await messagesAt(place, 'error');
    assert.ok(messages.some((message) => says.test(message)), `${place} shows ${says}: ${JSON.stringify(messages)}`);
  }
  assert.match((await messagesAt('body:/authType')).join(), /CLOUD_PROVIDER_SECRET/);
  assert.match((await messagesAt('path:/projectId')).join(), new RegExp(PROJECT));
  assert.equal(await page.getAttribute('#c-auth', 'aria-invalid'), 'true');
  assert.equal(await page.isVisible('#request'), false);
  assert.match(await page.textContent('#summary'), /^3 problems to fix/);
  await page.screenshot({ path: path.join(outputDir, 'wasm-form-invalid.png'), fullPage: true });
});

test('fixed, the preview shows the method, URL and redacted body; Send delivers it with fetch', async () => {
  await page.fill('#projectId', PROJECT);
  await page.selectOption('#c-auth', 'CLOUD_PROVIDER_SECRET');
  await page.fill('#c-secret-name', '');
  await page.fill('#c-credential', 'aws-platform-credentials');
  await page.fill('#c-description', 'This is my AWS cloud credential');
  await page.fill('#target', `http://127.0.0.1:${apiPort}/dpc`);
  await page.fill('#token', TOKEN);

  await page.waitForSelector('#request:not([hidden])');
  const url = `http://127.0.0.1:${apiPort}/dpc/v1/projects/${PROJECT}/connections`;
  const body = {
    name: 'aws-connection',
    platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
    authProvider: 'aws',
    authType: 'CLOUD_PROVIDER_SECRET',
    connectionDetails: {
      description: 'This is my AWS cloud credential',
      secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' },
      connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
    },
  };
  assert.equal(await page.textContent('#method'), 'POST');
  assert.equal(await page.textContent('#url'), url);
  assert.deepEqual(JSON.parse(await page.textContent('#body')), body);
  const headers = await page.$$eval('#headers dt', (names) => Object.fromEntries(names.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  assert.equal(headers['Content-Type'], 'application/json');
  assert.equal(headers.Authorization, '***');
  assert.ok(!(await page.textContent('#request')).includes(TOKEN), 'the token is never shown');
  assert.match(await page.textContent('#summary'), /^Ready to send/);
  assert.equal((await page.$$('.messages li.error')).length, 0);
  await page.screenshot({ path: path.join(outputDir, 'wasm-form.png'), fullPage: true });

  arrived.length = 0;
  await page.click('#send');
  await page.waitForSelector('#response.ok', { timeout: 10000 });
  const post = arrived.find((r) => r.method === 'POST');
  assert.ok(post, 'the POST arrived');
  assert.equal(post.url, `/dpc/v1/projects/${PROJECT}/connections`);
  assert.equal(post.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(post.headers['content-type'], 'application/json');
  assert.match(post.headers.accept, /application\/json/);
  assert.deepEqual(JSON.parse(post.body), body);
  // Authorization and a JSON Content-Type make the cross-origin request preflighted.
  const preflight = arrived.find((r) => r.method === 'OPTIONS');
  assert.ok(preflight, 'the browser sent a CORS preflight');
  assert.deepEqual(preflight.headers['access-control-request-headers'].split(',').sort(), ['authorization', 'content-type']);
  // The page parsed the 201 with parseResponse.
  const shown = await page.textContent('#response');
  assert.match(shown, /^HTTP 201/);
  assert.equal(JSON.parse(shown.slice(shown.indexOf('\n') + 1)).id, 'c0ffee00-0000-4000-8000-000000000001');
  await page.screenshot({ path: path.join(outputDir, 'wasm-form-sent.png'), fullPage: true });
});

test('the environment tab builds its override fields from the core and checks references', async () => {
  await page.click('#tab-environment');
  await page.fill('#e-name', 'development');
  await page.fill('#e-agent', '28d7eae0-1ed5-42d1-b2d9-67decbdef2c3');
  await page.selectOption('#e-access', 'admin');
  await page.selectOption('#e-dwh', 'snowflake');
  await page.fill('#e-dwh-name', 'my-warehouse-connection');
  const names = await page.$$eval('#e-properties .property', (rows) => rows.map((row) => row.dataset.property));
  assert.deepEqual(names, maia.variantMembers().environmentProperties.snowflake.map((p) => p.name));

  await page.fill('#e-override-name', 'another-connection');
  await page.fill('#e-prop-account-value', 'snowflake.account-name');
  await page.fill('#e-prop-username-value', 'SNOWFLAKE_USERNAME');
  await page.fill('#e-prop-defaultWarehouse-value', 'COMPUTE_WH');
  await page.fill('#e-prop-defaultDatabase-value', 'ANALYTICS');
  await page.fill('#e-prop-privateKey-secretName', 'snowflake-private-key');
  const reference = await messagesAt('body:/connectionOverrides/0/connectionName');
  assert.equal(reference.length, 1);
  assert.match(reference[0], /my-warehouse-connection/);

  await page.fill('#e-override-name', 'my-warehouse-connection');
  await page.waitForSelector('#request:not([hidden])');
  assert.equal(await page.textContent('#url'), `http://127.0.0.1:${apiPort}/dpc/v1/projects/${PROJECT}/environments`);
  const sent = JSON.parse(await page.textContent('#body'));
  assert.deepEqual(sent.connectionOverrides, [
    {
      connectionName: 'my-warehouse-connection',
      connectionProperties: {
        account: { value: 'snowflake.account-name' },
        username: { value: 'SNOWFLAKE_USERNAME' },
        defaultWarehouse: { value: 'COMPUTE_WH' },
        defaultDatabase: { value: 'ANALYTICS' },
        privateKey: { secretName: 'snowflake-private-key' },
      },
    },
  ]);
  await page.screenshot({ path: path.join(outputDir, 'wasm-form-environment.png'), fullPage: true });
});

test('no CSP violation, console error or page error', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  assert.ok(existsSync(path.join(outputDir, 'wasm-form.png')));
});
