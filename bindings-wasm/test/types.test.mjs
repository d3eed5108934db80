// The declarations (bindings-js/api.d.ts and types.d.ts, as pkg-web/ has them) against the core: a TypeScript file generated from
// what the wasm module reports (operation ids, violation codes, and every allowed value of
// fieldOptions()) must type-check, and a value outside each list must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '..');
const nodePackage = process.env.MAIA_WASM_PKG ? path.resolve(process.env.MAIA_WASM_PKG) : path.join(packageRoot, 'pkg-node');
const maia = await import(pathToFileURL(path.join(nodePackage, 'index.mjs')).href);
const outDir = path.resolve(packageRoot, '..', 'test-output', 'wasm-types');

const literal = (value) => JSON.stringify(value);
const union = (values) => values.map(literal).join(' | ');

/** The TypeScript type at `pointer` inside `RequestBody<op>` (a `/*` end: the allowed member names). */
function typeAt(op, pointer) {
  const segments = pointer.split('/').slice(1);
  let type = `RequestBody<${literal(op)}>`;
  for (const segment of segments) type = segment === '*' ? `Keys<${type}>` : `Step<${type}, ${literal(segment)}>`;
  return type;
}

// Spellings the core accepts besides the listed values (with an `alias` warning), which the types
// also take so that the seed examples type-check; each is checked against the core below.
const ALIASES = { createProjectConnection: { '/connectionDetails/secretsLocation/type': ['MAIA_CUSTOMER_VAULT'] } };

test('each alias the types accept is one the core accepts with an alias warning', () => {
  for (const [op, fields] of Object.entries(ALIASES)) {
    for (const [pointer, aliases] of Object.entries(fields)) {
      for (const alias of aliases) {
        const body = { name: 'n', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'CLOUD_PROVIDER_SECRET' };
        body.connectionDetails = { secretsLocation: { type: alias } };
        const found = maia.validate(op, body, { projectId: '678d39a9-98e2-45e7-80db-3e90d0942eaf' }).filter((v) => v.pointer === pointer);
        assert.deepEqual(found.map((v) => [v.code, v.severity]), [['alias', 'warning']], `${op} ${pointer} ${alias}`);
      }
    }
  }
});

test('the .d.ts unions equal the core lists and accept exactly the allowed values', () => {
  const lines = [
    `import type { OperationId, RequestBody, ViolationCode } from ${literal(path.relative(outDir, path.join(packageRoot, 'pkg-web', 'index.js')).split(path.sep).join('/'))};`,
    '// The member `K` of every union member of `T` that has it (undefined and null dropped).',
    'type Step<T, K extends string> = T extends unknown ? (K extends keyof T ? NonNullable<T[K]> : never) : never;',
    'type Keys<T> = T extends unknown ? Extract<keyof T, string> : never;',
    'type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
    `export const codes: Equal<ViolationCode, ${union([...maia.VIOLATION_CODES])}> = true;`,
    `export const operations: Equal<OperationId, ${union(maia.operations().map((op) => op.id))}> = true;`,
  ];
  let checks = 0;
  for (const [op, fields] of Object.entries(maia.fieldOptions())) {
    for (const [pointer, values] of Object.entries(fields)) {
      const name = `${op}${pointer}`.replace(/[^A-Za-z0-9]/g, '_');
      const type = typeAt(op, pointer);
      lines.push(`type ${name} = ${type};`);
      // Every allowed value type-checks...
      for (const value of values) lines.push(`export const ${name}_${checks++}: ${name} = ${literal(value)};`);
      // ...the type holds nothing else (the data-platform connection also takes the upper-case spelling)...
      const accepted = [...values, ...(ALIASES[op]?.[pointer] ?? [])];
      lines.push(`export const ${name}_only: [Exclude<${name}, ${union(accepted)} | Uppercase<${union(values)}>>] extends [never] ? true : false = true;`);
      // ...and a value outside the list does not.
      lines.push('// @ts-expect-error not an allowed value', `export const ${name}_other: ${name} = "not-an-allowed-value";`);
    }
  }
  assert.ok(checks >= 30, `${checks} allowed values checked`);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'field-options.ts');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const tsc = path.join(packageRoot, 'node_modules', '.bin', 'tsc');
  const config = { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [] }, files: ['field-options.ts'] };
  fs.writeFileSync(path.join(outDir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  try {
    execFileSync(tsc, ['-p', path.join(outDir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc found a mismatch between the declarations and the core (see ${file}):\n${error.stdout}${error.stderr}`);
  }
});
