// SPDX-License-Identifier: MIT
// Entry point for browsers and bundlers: the module is fetched from
// beside this file and compiled before the exports are ready.

import * as wasm from './wasm/pantul.js';
import { bind } from './api.js';

await wasm.default({
  module_or_path: new URL('./wasm/pantul_bg.wasm', import.meta.url),
});

const api = bind(wasm);

export { PantulError, totals } from './api.js';
export const {
  decode, decodeAll, decodeLog, catalog, checkIp, maxSize,
} = api;
