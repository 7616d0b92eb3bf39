// Serves a built folder on loopback the way a static host would: gzip when the
// browser accepts it, the right MIME type for wasm. Used by the end-to-end
// tests and the benchmarks; `make serve` uses Trunk's own server instead.
//
//   node serve.mjs <folder> [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export function startServer(folder, port = 0) {
  const root = resolve(folder);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path).catch(() => null);
      if (body === null) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      };
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        let zipped = cache.get(path);
        // Keyed on the bytes, not the length: a new build's files often keep
        // their length (same-size hashes), and must not be served stale.
        if (!zipped || !zipped.source.equals(body)) {
          zipped = { source: body, data: gzipSync(body, { level: 9 }) };
          cache.set(path, zipped);
        }
        headers['content-encoding'] = 'gzip';
        res.writeHead(200, headers).end(zipped.data);
      } else {
        res.writeHead(200, headers).end(body);
      }
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [folder, port] = process.argv.slice(2);
  if (!folder) {
    console.error('Usage: node serve.mjs <folder> [port]');
    process.exit(2);
  }
  const server = await startServer(folder, Number(port ?? 8080));
  console.log(`Serving ${folder} on http://127.0.0.1:${server.address().port}`);
}
