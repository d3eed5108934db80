'use strict';
// One example's job in a loop, for `bench/node/instructions` to count under callgrind:
//   node count.js PACKAGE_DIR EXAMPLE.json N validate|build|shown
// The package is loaded through its public CommonJS entry. 5,000 calls run first, uncounted in
// effect (they are the same in every count, so they cancel in the differences): V8 compiles the
// call path with TurboFan within about the first 4,200 calls, and a count taken before that
// measures the compiler, not the call.
const path = require('node:path');
const fs = require('node:fs');

const [packageDir, file, calls, job] = process.argv.slice(2);
const maia = require(path.resolve(packageDir));
const example = JSON.parse(fs.readFileSync(file, 'utf8'));
const { operation, body } = example;
const params = example.params ?? null;
const options = { region: 'eu1', token: 't0ken' };
const build = () => {
  try {
    return maia.buildRequest(operation, body, params, options);
  } catch (error) {
    if (!(error instanceof maia.ValidationError)) throw error;
    return error;
  }
};
const jobs = {
  validate: () => maia.validate(operation, body, params),
  build,
  // A built request printed once (its redacted form: made on demand since 05d62fb).
  shown: () => JSON.stringify(build()),
};
const call = jobs[job];
if (!call) throw new Error(`job must be validate, build or shown, not ${job}`);
for (let i = 0; i < 5000; i++) call();
let kept = 0;
for (let i = 0, n = Number(calls); i < n; i++) if (call()) kept++;
// Printed so that no call is dead code to the compiler.
process.stdout.write(`${kept}\n`);
