// SPDX-License-Identifier: MIT
// `npm start`: sets up, builds the page and serves it on 127.0.0.1.
// PORT picks the port (default 8080; the next free one if taken).

import { build, SITE } from './build.mjs';
import { say } from './setup.mjs';
import { serve } from './serve.mjs';

async function listen(first) {
  for (let port = first; port < first + 20; port++) {
    try {
      return await serve(SITE, port);
    } catch (error) {
      if (error.code !== 'EADDRINUSE') throw error;
    }
  }
  return serve(SITE, 0);
}

// The page needs only its own module, not the npm package's.
build({ npm: false });
const { url } = await listen(Number(process.env.PORT ?? 8080));
say(`the page is served at ${url} (Ctrl-C stops it)`);
