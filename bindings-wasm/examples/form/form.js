// A provisioning form validated in the browser by maia-provision (wasm). The page holds no rule:
// select options come from fieldOptions(), providers from combinations(), variant fields from
// variantMembers(), and every message from validate()/buildRequest().
import * as maia from '../../pkg-web/index.js';

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const options = maia.fieldOptions();
const combinations = maia.combinations();
const variants = maia.variantMembers();

/** `vaultName` → `Vault name`. */
function label(name) {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children);
  return node;
}

function field(key, id, text, input, { optional = false, hint } = {}) {
  const caption = element('label', { for: id, text });
  if (optional) caption.append(' ', element('span', { class: 'optional', text: 'optional' }));
  return element('div', { class: 'field', dataset: { key } }, caption, input, ...(hint ? [element('p', { class: 'hint', text: hint })] : []), element('ul', { class: 'messages' }));
}

// ---- options from the core --------------------------------------------------------------------

for (const form of $$('form[data-operation]')) {
  const allowed = options[form.dataset.operation] ?? {};
  for (const select of $$('select[data-options]', form)) {
    const values = allowed[select.dataset.options] ?? [];
    select.append(element('option', { value: '', text: select.dataset.empty ?? 'Choose…' }));
    for (const value of values) select.append(element('option', { value, text: value }));
  }
}

/** The providers the combination table names for the chosen connection type. */
function refreshProviders() {
  const type = $('#c-type').value;
  const list = $('#c-provider-list');
  list.replaceChildren();
  for (const row of combinations) {
    if (type && row.platformConnectionType !== type) continue;
    for (const provider of row.authProviders ?? []) {
      list.append(element('option', { value: provider, text: `${row.platformConnectionType}: ${row.useFor}` }));
    }
  }
}

/** Input values by key, kept while variant fields are rebuilt. */
const kept = new Map();
function keep(root) {
  for (const input of $$('input', root)) kept.set(input.id, input.value);
}

/** The members of the chosen vault type (region, vaultName, gcpProjectId, or none). */
function refreshVaultMembers() {
  const box = $('#c-vault-members');
  keep(box);
  box.replaceChildren();
  for (const member of variants.secretsLocation[$('#c-vault').value] ?? []) {
    const id = `c-vault-${member}`;
    const path = `/connectionDetails/secretsLocation/${member}`;
    const input = element('input', { id, autocomplete: 'off', dataset: { path } });
    input.value = kept.get(id) ?? '';
    box.append(field(`body:${path}`, id, label(member), input, { optional: true }));
  }
}

/** The override properties of the chosen warehouse: a value, or a vault secret reference. */
function refreshProperties() {
  const box = $('#e-properties');
  keep(box);
  box.replaceChildren();
  const properties = variants.environmentProperties[$('#e-dwh').value] ?? [];
  if (properties.length === 0) {
    box.append(element('p', { class: 'hint', text: 'Choose the warehouse provider to see its properties.' }));
    return;
  }
  for (const property of properties) {
    const base = `/connectionOverrides/0/connectionProperties/${property.name}`;
    const row = element('div', { class: `property ${property.kind}`, dataset: { key: `body:${base}`, property: property.name, kind: property.kind } });
    const title = element('div', { class: 'property-name' }, element('span', { text: property.name }));
    const need = property.required ? 'required' : property.recommended ? 'recommended' : 'optional';
    title.append(element('span', { class: property.required ? 'badge required' : 'badge', text: need }));
    if (property.kind === 'secret') title.append(element('span', { class: 'badge secret', text: 'vault secret' }));
    row.append(title);
    const parts = property.kind === 'secret' ? [['secretName', 'Secret name'], ['secretKey', 'Secret key']] : [['value', 'Value']];
    const inputs = element('div', { class: 'property-inputs' });
    for (const [part, caption] of parts) {
      const id = `e-prop-${property.name}-${part}`;
      const input = element('input', { id, autocomplete: 'off', dataset: { part }, placeholder: caption });
      input.value = kept.get(id) ?? '';
      inputs.append(field(`body:${base}/${part}`, id, caption, input, { optional: part === 'secretKey' }));
    }
    row.append(inputs, element('ul', { class: 'messages' }));
    box.append(row);
  }
}

// ---- reading the form -------------------------------------------------------------------------

/** Sets `value` at an RFC 6901 `pointer` inside `target`, creating objects on the way. */
function setAt(target, pointer, value) {
  const keys = pointer.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

function readPaths(form) {
  const body = {};
  for (const input of $$('[data-path]', form)) {
    if (input.value !== '') setAt(body, input.dataset.path, input.value);
  }
  return body;
}

const readers = {
  createProjectConnection: (form) => readPaths(form),
  createEnvironment(form) {
    const body = readPaths(form);
    const connections = {};
    const dwh = $('#e-dwh').value;
    if (dwh || $('#e-dwh-name').value) connections.DWH = { [dwh]: $('#e-dwh-name').value };
    const cloud = $('#e-cloud').value;
    if (cloud || $('#e-cloud-name').value) connections.CLOUD_PLATFORM = { [cloud]: $('#e-cloud-name').value };
    if (Object.keys(connections).length > 0) body.defaultConnections = connections;
    const properties = {};
    for (const row of $$('.property', form)) {
      const parts = {};
      for (const input of $$('input', row)) if (input.value !== '') parts[input.dataset.part] = input.value;
      if (Object.keys(parts).length > 0) properties[row.dataset.property] = parts;
    }
    const override = { connectionProperties: properties };
    if ($('#e-override-name').value) override.connectionName = $('#e-override-name').value;
    body.connectionOverrides = [override];
    return body;
  },
};

function readTarget() {
  const target = $('#target').value.trim();
  const build = target.includes('://') ? { baseUrl: target } : { region: target || undefined };
  const token = $('#token').value;
  if (token) build.token = token;
  return build;
}

// ---- showing violations -----------------------------------------------------------------------

/** The field a violation belongs to: the pointer itself, else (per level) `*` for a map key, else the parent. */
function fieldFor(root, location, pointer) {
  let path = pointer;
  for (;;) {
    const star = path.replace(/\/[^/]*$/, '/*');
    for (const candidate of [path, star]) {
      const found = $(`[data-key="${CSS.escape(`${location}:${candidate}`)}"]`, root) ?? $(`[data-key="${CSS.escape(`${location}:${candidate}`)}"]`);
      if (found && !found.closest('[hidden]')) return found;
    }
    if (path === '') return null;
    path = path.replace(/\/[^/]*$/, '');
  }
}

function clearMessages() {
  for (const list of $$('.messages')) list.replaceChildren();
  for (const node of $$('.has-error, .has-warning')) node.classList.remove('has-error', 'has-warning');
  for (const input of $$('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

function show(container, severity, message, code) {
  const list = container ? $(':scope > .messages', container) : $('#other');
  const item = element('li', { class: severity }, element('span', { class: 'text', text: message }));
  if (code) item.append(' ', element('code', { class: 'code', text: code }));
  list.append(item);
  if (!container) return;
  container.classList.add(severity === 'error' ? 'has-error' : 'has-warning');
  if (severity === 'error') {
    const input = $(':scope > input, :scope > select', container);
    input?.setAttribute('aria-invalid', 'true');
  }
}

// ---- the preview ------------------------------------------------------------------------------

let ready = null;

function renderPreview(request) {
  const shown = request.toJSON(); // the redacted form: secrets as ***
  $('#method').textContent = shown.method;
  $('#url').textContent = shown.url;
  const headers = $('#headers');
  headers.replaceChildren();
  for (const [name, value] of Object.entries(shown.headers)) headers.append(element('dt', { text: name }), element('dd', { text: value }));
  $('#body').textContent = shown.body === null ? '(no body)' : JSON.stringify(JSON.parse(shown.body), null, 2);
  $('#request').hidden = false;
}

function activeForm() {
  return $('form[data-operation]:not([hidden])');
}

function update() {
  const form = activeForm();
  const operation = form.dataset.operation;
  const body = readers[operation](form);
  const projectId = $('#projectId').value.trim();
  const params = projectId ? { projectId } : {};
  clearMessages();
  ready = null;
  const violations = maia.validate(operation, body, params);
  for (const v of violations) show(fieldFor(form, v.location, v.pointer), v.severity, v.message, v.code);
  const errors = violations.filter((v) => v.severity === 'error').length;
  const warnings = violations.length - errors;
  if (errors === 0) {
    try {
      ready = { operation, request: maia.buildRequest(operation, body, params, readTarget()) };
    } catch (error) {
      if (error.code !== 'ERR_MAIA_INVALID_OPTION') throw error;
      show($(`[data-key="option:${error.option === 'token' ? 'token' : 'target'}"]`), 'error', error.message);
    }
  }
  const summary = $('#summary');
  if (ready) {
    renderPreview(ready.request);
    summary.className = 'summary ok';
    summary.textContent = warnings ? `Ready to send, with ${warnings} warning${warnings === 1 ? '' : 's'} to review.` : 'Ready to send.';
  } else {
    $('#request').hidden = true;
    const count = errors || 1;
    summary.className = 'summary bad';
    summary.textContent = `${count} problem${count === 1 ? '' : 's'} to fix before this request can be sent.`;
  }
  $('#response').hidden = true;
}

async function send() {
  if (!ready) return;
  const { operation, request } = ready;
  const out = $('#response');
  out.hidden = false;
  out.className = 'response';
  out.textContent = 'Sending…';
  try {
    const response = await fetch(request.url, request);
    const text = await response.text();
    try {
      const value = maia.parseResponse(operation, response.status, text, response.headers);
      out.classList.add('ok');
      out.textContent = `HTTP ${response.status}\n${JSON.stringify(value, null, 2)}`;
    } catch (error) {
      out.classList.add('bad');
      out.textContent = `${error.name}: ${error.message}`;
    }
  } catch (error) {
    out.classList.add('bad');
    out.textContent = `The request could not be sent: ${error.message}`;
  }
}

// ---- wiring -----------------------------------------------------------------------------------

function selectTab(tab) {
  for (const other of $$('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    $(`#${other.getAttribute('aria-controls')}`).hidden = !selected;
  }
  update();
}

for (const tab of $$('[role="tab"]')) tab.addEventListener('click', () => selectTab(tab));
$('#c-type').addEventListener('change', refreshProviders);
$('#c-vault').addEventListener('change', refreshVaultMembers);
$('#e-dwh').addEventListener('change', refreshProperties);
document.addEventListener('input', update);
document.addEventListener('change', update);
$('#send').addEventListener('click', send);

refreshProviders();
refreshVaultMembers();
refreshProperties();
update();
$('#status').textContent = `Validator loaded: ${maia.operations().length} operations, ${maia.VIOLATION_CODES.length} violation codes.`;
document.body.dataset.ready = 'true';
