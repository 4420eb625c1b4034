import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type StaticHost } from '../../../scripts/static-host';

/** A GET without decompression (Node's fetch would undo the gzip): status, headers, raw body. */
function request(url: string, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static-host', () => {
  const page = `<!doctype html><title>t</title>${'<p>a paragraph of the book</p>'.repeat(200)}`;
  const data = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]);
  let host: StaticHost;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'static-host-'));
    mkdirSync(join(dir, 'chapter'));
    writeFileSync(join(dir, 'chapter', 'index.html'), page);
    writeFileSync(join(dir, '404.html'), 'missing');
    writeFileSync(join(dir, 'digits.bin.gz'), data);
    writeFileSync(join(dir, '_headers'), '/*\n  X-Test: yes\n');
    writeFileSync(join(dir, 'extra.js'), 'console.log(1);\n'.repeat(100));
    host = await startHost(dir, 0, '/book/', {
      '/__bench/': { body: '<p>bench</p>', type: 'text/html; charset=utf-8' },
      '/__bench/extra.js': { file: join(dir, 'extra.js') },
    });
  });
  afterAll(() => host.server.close());

  it('sends text gzipped to a client that accepts gzip, as static hosts do', async () => {
    const { res, body } = await request(`${host.origin}/book/chapter/`, { 'accept-encoding': 'gzip, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(page.length / 10);
    expect(gunzipSync(body).toString()).toBe(page);
    expect(res.headers['x-test']).toBe('yes');
  });

  it('sends text as it is to a client that does not accept gzip', async () => {
    const { res, body } = await request(`${host.origin}/book/chapter/`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe(page);
  });

  it('does not compress a file that is compressed already', async () => {
    const { res, body } = await request(`${host.origin}/book/digits.bin.gz`, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(body.equals(data)).toBe(true);
  });

  it('redirects a folder to its trailing slash, answers 404 with the 404 page, and nothing outside the base path', async () => {
    const folder = await request(`${host.origin}/book/chapter`);
    expect(folder.res.statusCode).toBe(301);
    expect(folder.res.headers['location']).toBe('/book/chapter/');
    const missing = await request(`${host.origin}/book/nowhere/`);
    expect(missing.res.statusCode).toBe(404);
    expect(missing.body.toString()).toBe('missing');
    expect((await request(`${host.origin}/chapter/`)).res.statusCode).toBe(404);
  });

  it('serves extra routes beside the build, outside the base path, with the headers of their path', async () => {
    const page = await request(`${host.origin}/__bench/`);
    expect(page.res.statusCode).toBe(200);
    expect(page.res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.res.headers['x-test']).toBe('yes');
    expect(page.body.toString()).toBe('<p>bench</p>');
    const script = await request(`${host.origin}/__bench/extra.js`, { 'accept-encoding': 'gzip' });
    expect(script.res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(script.body).toString()).toBe('console.log(1);\n'.repeat(100));
    expect((await request(`${host.origin}/__bench/other.js`)).res.statusCode).toBe(404);
  });
});
