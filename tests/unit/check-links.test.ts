import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSite, classifyUrl, formatProblems, idsInHtml, pagePath, urlsInCss, urlsInHtml } from '../../scripts/check-links.mjs';

describe('urlsInHtml', () => {
  it('finds links, assets, srcset candidates and island URLs, decoding entities', () => {
    const html = `<a href="/course/lessons/x/?a=1&amp;b=2#s">x</a><img src='/course/a.png' srcset="/course/a-1x.png 1x, /course/a-2x.png 2x">
      <astro-island uid="1" component-url="/course/_astro/Sim.js" renderer-url="/course/_astro/client.js" before-hydration-url="/course/_astro/bh.js" props="{&quot;href&quot;:&quot;/nope/&quot;}"></astro-island>
      <link rel=stylesheet href=/course/_astro/page.css>`;
    expect(urlsInHtml(html)).toEqual([
      { attribute: 'href', url: '/course/lessons/x/?a=1&b=2#s' },
      { attribute: 'src', url: '/course/a.png' },
      { attribute: 'srcset', url: '/course/a-1x.png' },
      { attribute: 'srcset', url: '/course/a-2x.png' },
      { attribute: 'component-url', url: '/course/_astro/Sim.js' },
      { attribute: 'renderer-url', url: '/course/_astro/client.js' },
      { attribute: 'before-hydration-url', url: '/course/_astro/bh.js' },
      { attribute: 'href', url: '/course/_astro/page.css' },
    ]);
  });

  it('ignores what is inside scripts, styles and comments', () => {
    const html = `<script>const s = '<a href="/inside-script/">';</script><style>a[href="/in-style/"]{}</style><!-- <a href="/in-comment/"> --><a href="/real/">`;
    expect(urlsInHtml(html).map((u) => u.url)).toEqual(['/real/']);
  });
});

describe('idsInHtml and urlsInCss', () => {
  it('collects ids and named anchors', () => {
    expect([...idsInHtml('<h2 id="slis">SLIs</h2><a name="old"></a><div name="not-a-target"></div>')]).toEqual(['slis', 'old']);
  });
  it('reads url() in quotes or bare, skipping data URIs', () => {
    expect(urlsInCss(`@font-face{src:url("/course/f.woff2") format("woff2"),url(/course/g.woff)}b{background:url(data:image/png;base64,xx)}`)).toEqual([
      '/course/f.woff2',
      '/course/g.woff',
    ]);
  });
});

describe('classifyUrl', () => {
  const page = pagePath('lessons/x/index.html', '/course/');
  it('knows where a built file is served', () => {
    expect(page).toBe('/course/lessons/x/');
    expect(pagePath('index.html', '/')).toBe('/');
    expect(pagePath('404.html', '/course')).toBe('/course/404.html');
  });
  it('resolves same-site URLs to a path under the base and its fragment', () => {
    expect(classifyUrl('/course/lessons/y/#a%20b', page, '/course/')).toEqual({ kind: 'internal', path: 'lessons/y/', fragment: 'a b' });
    expect(classifyUrl('../y/', page, '/course')).toEqual({ kind: 'internal', path: 'lessons/y/', fragment: null });
    expect(classifyUrl('#slis', page, '/course/')).toEqual({ kind: 'internal', path: 'lessons/x/', fragment: 'slis' });
    expect(classifyUrl('/course', page, '/course/')).toEqual({ kind: 'internal', path: '', fragment: null });
  });
  it('reports a URL that forgets the base or climbs out of it', () => {
    expect(classifyUrl('/lessons/y/', page, '/course/')).toMatchObject({ kind: 'problem', why: expect.stringContaining('/course/') });
    expect(classifyUrl('../../../other/', page, '/course/')).toMatchObject({ kind: 'problem' });
    expect(classifyUrl('/courses/', page, '/course/')).toMatchObject({ kind: 'problem' });
  });
  it('reports a relative URL on the 404 page', () => {
    expect(classifyUrl('_astro/a.js', '/course/404.html', '/course/')).toMatchObject({ kind: 'problem', why: expect.stringContaining('404') });
  });
  it('leaves external URLs and bare # alone', () => {
    for (const url of ['https://sre.google/', '//cdn.example.org/a.js', 'mailto:a@example.org', 'data:image/png;base64,xx']) {
      expect(classifyUrl(url, page, '/course/')).toEqual({ kind: 'external' });
    }
    expect(classifyUrl('#', page, '/course/')).toEqual({ kind: 'ignore' });
  });
});

describe('checkSite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  write('index.html', '<a href="/course/lessons/x/#slis">ok</a><a href="/lessons/x/">no base</a><script src="/course/_astro/gone.js"></script>');
  write('lessons/x/index.html', '<h2 id="slis">SLIs</h2><a href="#nope">bad fragment</a><a href="/course/#top">no id on home</a><img src="../../logo.svg">');
  write('logo.svg', '<svg/>');
  write('_astro/page.css', 'body{background:url(/course/missing.png)}');

  it('finds each broken link with its file and reason, and nothing else', () => {
    const { problems, files } = checkSite(dir, '/course/');
    expect(files).toBe(3);
    expect(problems.map((p) => [p.file, p.url])).toEqual([
      ['_astro/page.css', '/course/missing.png'],
      ['index.html', '/lessons/x/'],
      ['index.html', '/course/_astro/gone.js'],
      ['lessons/x/index.html', '#nope'],
      ['lessons/x/index.html', '/course/#top'],
    ]);
    expect(problems.find((p) => p.url === '#nope')?.why).toContain('no element with id "nope" on lessons/x/index.html');
    expect(problems.find((p) => p.url === '/course/_astro/gone.js')?.why).toContain('no file _astro/gone.js');
  });

  it('passes a site whose links are all good', () => {
    const good = mkdtempSync(join(tmpdir(), 'check-links-good-'));
    writeFileSync(join(good, 'index.html'), '<h1 id="top">Home</h1><a href="/#top">top</a><a href="/index.html">self</a>');
    expect(checkSite(good, '/').problems).toEqual([]);
    rmSync(good, { recursive: true, force: true });
  });
});

describe('formatProblems', () => {
  it('names file, URL and reason, and folds a URL that fails on many files', () => {
    const problems = ['a', 'b', 'c', 'd', 'e'].map((f) => ({ file: `${f}.html`, url: '/x/', why: 'gone' }));
    const lines = formatProblems([...problems, { file: 'z.html', url: '/y/', why: 'also gone' }], 2);
    expect(lines).toEqual(['a.html: /x/ (gone)', 'b.html: /x/ (gone)', '  ... and 3 more files with /x/', 'z.html: /y/ (also gone)']);
  });
});
