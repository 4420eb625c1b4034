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

const args = parseScriptArgs(
  'npm run serve -- [--port N]   (serves $ASTRO_OUT_DIR or dist/, under $BASE_PATH)',
  { port: { type: 'string', value: 'N', description: 'the port to listen on', default: process.env.PORT ?? '4321' } },
  { positionals: 1 },
);
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
const base = process.env.BASE_PATH ?? '/';
// `npm run serve -- 4399` (a bare port) is read as --port 4399.
const port = args.positionals[0] !== undefined ? Number(args.positionals[0]) : args.integer('port', 4321, 1, 65535);
if (!Number.isInteger(port) || port < 1 || port > 65535) args.fail(`the port must be a whole number from 1 to 65535, not ${JSON.stringify(args.positionals[0])}`);
if (!existsSync(`${outDir}/index.html`)) {
  console.error(`✖ ${outDir}/ has no built site: run \`npm run build\` first.`);
  process.exit(1);
}
const host = await startHost(outDir, port, base);
console.log(`Serving ${outDir}/ with its _headers at ${host.origin}${base}`);
