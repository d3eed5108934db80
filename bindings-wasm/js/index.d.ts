// Types of maia-provision's browser package: the JS API shared with the Node binding (api.d.ts and
// types.d.ts, copied from bindings-js/ by build.sh), and this package's test hook.
export * from './api.js';

/** @internal Traps inside wasm on purpose, for this package's tests: throws `MaiaError` `ERR_MAIA_INTERNAL` and leaves a fresh instance. */
export declare function __selfTestTrap(): never;
