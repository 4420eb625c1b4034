/**
 * A static host for the built site that applies the build's `_headers` file the way
 * Netlify and Cloudflare Pages do: every rule whose path pattern matches adds its
 * headers (the same header from two rules is joined by ", "). Used by the security
 * browser tests and by `npm run bench` (so pages are measured with the headers a
 * deployment sends: cross-origin isolation, Content-Security-Policy).
 *
 * Like those hosts, it compresses text (HTML, CSS, JavaScript, JSON, SVG, WebAssembly)
 * with gzip for a client that accepts it: a chapter's HTML is 645 KB as written and
 * 59 KB as sent, and Lighthouse's simulated slow 4G must see what a reader receives.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface HeaderRule {
  pattern: RegExp;
  source: string;
  headers: [string, string][];
}

/** Parses a `_headers` file: a path line, then indented `Name: value` lines; `#` starts a comment. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [n, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim();
      const regex = source
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+'))
        .join('.*');
      rules.push({ pattern: new RegExp(`^${regex}$`), source, headers: [] });
      continue;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(':');
    if (!rule || colon < 0) throw new Error(`_headers line ${n + 1}: "${line.trim()}" is not "Name: value" under a path`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers every matching rule gives a path, merged as Cloudflare Pages does (same name: joined by ", "). */
export function headersFor(rules: HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
    }
  }
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};

export interface StaticHost {
  server: Server;
  origin: string;
  rules: HeaderRule[];
}

/** The file types a static host compresses. */
const COMPRESSED = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.wasm', '.txt', '.xml', '.webmanifest']);

/** Gzipped files, by path, kept while the file is unchanged. */
const gzipCache = new Map<string, { mtimeMs: number; body: Buffer }>();

/** `body` (the contents of `file`) gzipped, from the cache when the file has not changed. */
function gzipped(file: string, body: Buffer): Buffer {
  const { mtimeMs } = statSync(file);
  const cached = gzipCache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.body;
  const zipped = gzipSync(body, { level: 6 });
  gzipCache.set(file, { mtimeMs, body: zipped });
  return zipped;
}

/**
 * Something served beside the build at a fixed URL path (a benchmark's own page, a file
 * from node_modules): a file, typed and compressed like the build's, or a text with its
 * content type. It gets the `_headers` rules of its path like any file.
 */
export type ExtraRoute = { file: string } | { body: string; type: string };

/**
 * Serves `dir` (a build) on localhost at `port` (0: any free port) under the URL path
 * `base` (a BASE_PATH build: '/fully-connected/'), with the headers of its `_headers`
 * file, the way a static host does: a folder without its trailing slash redirects to
 * it, and an unknown path gets the build's 404.html with status 404. `routes` adds
 * things at URL paths of their own (outside the base path too).
 */
export function startHost(dir: string, port = 0, base = '/', routes: Record<string, ExtraRoute> = {}): Promise<StaticHost> {
  const outDir = resolve(dir);
  const headersFile = join(outDir, '_headers');
  const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const notFound = (res: ServerResponse): void => {
    const page = join(outDir, '404.html');
    if (existsSync(page)) res.writeHead(404, { 'content-type': TYPES['.html'] }).end(readFileSync(page));
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  const send = (req: IncomingMessage, res: ServerResponse, path: string, type: string, body: Buffer, file?: string): void => {
    const headers: Record<string, string> = { 'content-type': type, ...headersFor(rules, path) };
    if (COMPRESSED.has(extname(file ?? path))) {
      headers['vary'] = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        body = file ? gzipped(file, body) : gzipSync(body, { level: 6 });
        headers['content-encoding'] = 'gzip';
      }
    }
    headers['content-length'] = String(body.length);
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const route = routes[path];
    if (route) {
      if ('file' in route)
        send(req, res, path, TYPES[extname(route.file)] ?? 'application/octet-stream', readFileSync(route.file), route.file);
      else send(req, res, path, route.type, Buffer.from(route.body));
      return;
    }
    if (!`${path}/`.startsWith(prefix)) {
      notFound(res);
      return;
    }
    let file = normalize(join(outDir, path.slice(prefix.length - 1)));
    if (!file.startsWith(normalize(outDir))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) {
      notFound(res);
      return;
    }
    send(req, res, path, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), file);
  });
  return new Promise((resolve) => {
    server.listen(port, 'localhost', () => {
      resolve({ server, origin: `http://localhost:${(server.address() as AddressInfo).port}`, rules });
    });
  });
}
