import { describe, expect, it } from 'vitest';
import { Script } from 'node:vm';
import { absoluteUrls, cacheKeyFor, cacheNames, isImmutableAsset } from './offline-routes.js';
import { workerSource } from './offline';
import { offlinePageHtml } from './offline-page';

describe.each([
  ['at the root', 'https://example.org/'],
  ['under a base path', 'https://example.org/course/'],
])('cache keys %s', (_, scope) => {
  const at = (path: string) => new URL(path, scope).href;

  it('names a page the same with or without its slash, index.html, query or fragment', () => {
    const key = at('lessons/foundation/');
    for (const path of ['lessons/foundation/', 'lessons/foundation', 'lessons/foundation/index.html', 'lessons/foundation/?br-seed=3#quiz']) {
      expect(cacheKeyFor(at(path), scope)).toBe(key);
    }
    expect(cacheKeyFor(scope, scope)).toBe(scope);
    expect(cacheKeyFor(scope.replace(/\/$/, ''), scope)).toBe(scope);
  });

  it('keeps files as they are, minus the query', () => {
    expect(cacheKeyFor(at('pagefind/pagefind-entry.json?ts=123'), scope)).toBe(at('pagefind/pagefind-entry.json'));
    expect(cacheKeyFor(at('_astro/a.B1jk9-Tk.css'), scope)).toBe(at('_astro/a.B1jk9-Tk.css'));
  });

  it('ignores other origins and paths outside the scope', () => {
    expect(cacheKeyFor('https://cdn.example.com/lessons/foundation/', scope)).toBeNull();
    if (scope.endsWith('/course/')) expect(cacheKeyFor('https://example.org/lessons/foundation/', scope)).toBeNull();
  });

  it('matches the manifest URLs, which are relative to the scope', () => {
    const urls = absoluteUrls(['', 'lessons/foundation/', '_astro/a.js'], scope);
    expect(urls).toEqual([scope, at('lessons/foundation/'), at('_astro/a.js')]);
    expect(isImmutableAsset(at('_astro/a.js'), scope)).toBe(true);
    expect(isImmutableAsset(at('lessons/foundation/'), scope)).toBe(false);
  });
});

describe('the generated worker', () => {
  it('is a classic script that carries the version and URLs and names its caches by version', () => {
    const source = workerSource({ version: 'abc123def456', urls: ['', 'lessons/foundation/'] });
    expect(() => new Script(source)).not.toThrow();
    expect(source).not.toMatch(/^\s*(export|import)\s/m);
    expect(source).toContain('"version":"abc123def456"');
    expect(cacheNames('abc123def456').precache).not.toBe(cacheNames('fff').precache);
  });
});

describe('offline page', () => {
  it('links the saved lessons under the base path', () => {
    const html = offlinePageHtml('/course/', [{ title: 'Foundation & <scope>', path: 'lessons/foundation/' }]);
    expect(html).toContain('<a href="/course/lessons/foundation/">Foundation &amp; &lt;scope&gt;</a>');
    expect(html).toContain('<h1>You are offline</h1>');
  });
});
