// ESM entry of `maia-provision/testing`: the same objects as the CommonJS entry (testing.js).
import { createRequire } from 'node:module';

const testing = createRequire(import.meta.url)('./testing.js');

export const { startEmulator, Emulator, EMULATOR_SETTINGS } = testing;

export default testing;
