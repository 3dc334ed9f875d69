// SPDX-License-Identifier: MIT
// Entry point for Node: the module is compiled synchronously on import.

import { readFileSync } from 'node:fs';

import * as wasm from './wasm/pantul.js';
import { bind } from './api.js';

wasm.initSync({
  module: readFileSync(new URL('./wasm/pantul_bg.wasm', import.meta.url)),
});

const api = bind(wasm);

export { PantulError, totals } from './api.js';
export const {
  decode, decodeAll, decodeLog, catalog, checkIp, maxSize,
} = api;
