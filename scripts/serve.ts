/**
 * `npm run serve`: serves the built site (dist/, or $ASTRO_OUT_DIR) the way a static
 * host that reads `_headers` does (scripts/static-host.ts): Content-Security-Policy,
 * cross-origin isolation and caching headers as deployed. The browser tests run
 * against this server, so every test runs under the deploy headers.
 *   npm run serve -- [--port N]    (default $PORT or 4321; BASE_PATH=/sub/ for a sub-path build)
 */
import { existsSync } from 'node:fs';
import { parseScriptArgs } from './lib/args';
import { startHost } from './static-host';

const args = parseScriptArgs('npm run serve -- [--port N]   (serves $ASTRO_OUT_DIR or dist/, under $BASE_PATH)', {
  port: { type: 'string', value: 'N', description: 'the port to listen on', default: process.env.PORT ?? '4321' },
});
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
const base = process.env.BASE_PATH ?? '/';
const port = args.integer('port', Number(process.env.PORT ?? 4321), 1, 65535);
if (!existsSync(`${outDir}/index.html`)) {
  console.error(`✖ ${outDir}/ has no built site: run \`npm run build\` first.`);
  process.exit(1);
}
const host = await startHost(outDir, port, base);
console.log(`Serving ${outDir}/ with its _headers at ${host.origin}${base}`);
