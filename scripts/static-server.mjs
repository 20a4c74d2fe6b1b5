// @ts-check
/**
 * A small static server for a built site, as a static host would serve it: gzip for text, correct
 * MIME types, long caching for hashed `_astro/` files, `index.html` for folders, the site's
 * `404.html` for anything missing, and everything under an optional base path (anything outside
 * it is a 404, so a link that forgets the base fails). The bench and browser tests use it where
 * `astro preview` (no compression, no base-path strictness) would measure the wrong thing.
 *
 * Run alone: `node scripts/static-server.mjs [dir] [--base /course/] [--port 4321]`.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** MIME types by file extension; unknown files are served as bytes. */
export const MIME_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
});

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg)/;

/** Normalises a base path to `/` or `/something/`. */
export function normaliseBase(base = '/') {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Maps a request path to a file in `root`, or `null` when it is outside the base, escapes the
 * folder, or does not exist. Folders map to their `index.html`.
 * @param {string} root absolute folder
 * @param {string} base normalised base path
 * @param {string} urlPath decoded request path
 */
export function fileFor(root, base, urlPath) {
  if (!urlPath.startsWith(base) && `${urlPath}/` !== base) return null;
  const rel = urlPath.slice(Math.min(base.length, urlPath.length));
  const candidate = normalize(join(root, rel));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  if (existsSync(index)) return index;
  return null;
}

/**
 * Starts serving `dir`. Resolves once listening; `port: 0` picks a free port.
 * @param {{ dir: string; base?: string; port?: number; host?: string; gzip?: boolean }} options
 * @returns {Promise<{ url: string; port: number; close: () => Promise<void> }>}
 */
export function serveStatic({ dir, base = '/', port = 0, host = '127.0.0.1', gzip = true }) {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    return Promise.reject(new Error(`No built site in ${root} (no index.html): build it first.`));
  }
  const prefix = normaliseBase(base);
  /** @type {Map<string, Buffer>} */
  const gzipCache = new Map();
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (`${path}/` === prefix) {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    const file = fileFor(root, prefix, path);
    const notFound = join(root, '404.html');
    const target = file ?? (existsSync(notFound) ? notFound : null);
    if (!target) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const type = MIME_TYPES[extname(target)] ?? 'application/octet-stream';
    /** @type {Record<string, string>} */
    const headers = {
      'Content-Type': type,
      'Cache-Control': path.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    /** @type {Buffer} */
    let body = readFileSync(target);
    if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      // Keyed by modification time and size too, so a file changed while serving is served anew.
      const stat = statSync(target);
      const key = `${target}:${stat.mtimeMs}:${stat.size}`;
      const cached = gzipCache.get(key) ?? gzipSync(body);
      gzipCache.set(key, cached);
      body = cached;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(file ? 200 : 404, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://${host}:${actual}${prefix}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const option = (/** @type {string} */ name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const base = option('--base') ?? '/';
  const port = Number(option('--port') ?? 4321);
  const dir = args[0] ?? 'dist';
  serveStatic({ dir, base, port }).then(
    (s) => console.log(`serving ${dir} at ${s.url}`),
    (error) => {
      console.error(String(error instanceof Error ? error.message : error));
      process.exit(1);
    },
  );
}
