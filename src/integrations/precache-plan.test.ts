import { describe, expect, it } from 'vitest';
import { chunkName, diagramKeyword, mermaidChunksFor, planPrecache, precacheVersion, urlForPath, type BuiltFile } from './precache-plan';

const file = (path: string, hash = `h-${path}`, size = 100): BuiltFile => ({ path, hash, size });

/** A small build: lessons, an exercise page with Monaco, shared CSS, search. */
function build(overrides: Partial<Record<string, BuiltFile>> = {}) {
  const files = [
    'index.html',
    '404.html',
    'offline.html',
    'drills/index.html',
    'exercises/index.html',
    'exercises/histogram-quantile/index.html',
    'lessons/foundation/index.html',
    'lessons/sre-practices/index.html',
    'game-day/team/index.html',
    'favicon.svg',
    'favicon.ico',
    'sitemap-index.xml',
    '_astro/site.css',
    '_astro/print.css',
    '_astro/ExerciseWorkbench.css',
    '_astro/logo.svg',
    '_astro/codicon.ttf',
    '_astro/page.js',
    '_astro/simulator.js',
    '_astro/monaco.js',
    '_astro/ts.worker.js',
    'pagefind/pagefind.js',
    'pagefind/pagefind-ui.js',
    'pagefind/pagefind-ui.css',
    'pagefind/pagefind-entry.json',
    'pagefind/wasm.en.pagefind',
    'pagefind/index/en_1.pf_index',
    'pagefind/fragment/en_1.pf_fragment',
  ].map((p) => overrides[p] ?? file(p));
  const pageScripts: Record<string, string[]> = {
    'index.html': ['_astro/page.js'],
    'lessons/sre-practices/index.html': ['_astro/page.js', '_astro/simulator.js'],
    'exercises/histogram-quantile/index.html': ['_astro/page.js', '_astro/monaco.js', '_astro/ts.worker.js'],
  };
  const pageStyles: Record<string, string[]> = {
    'index.html': ['_astro/print.css', '_astro/site.css'],
    'lessons/foundation/index.html': ['_astro/site.css'],
    'exercises/histogram-quantile/index.html': ['_astro/site.css', '_astro/ExerciseWorkbench.css'],
  };
  return { files, pageScripts, pageStyles };
}

describe('planPrecache', () => {
  it('saves the lessons, pages, their scripts and styles, favicons and search, but not Monaco or exercise pages', () => {
    const plan = planPrecache(build());
    expect(plan.urls).toEqual(
      expect.arrayContaining([
        '',
        '404.html',
        'offline.html',
        'drills/',
        'exercises/',
        'lessons/foundation/',
        'lessons/sre-practices/',
        'game-day/team/',
        'favicon.svg',
        'favicon.ico',
        '_astro/site.css',
        '_astro/print.css',
        '_astro/logo.svg',
        '_astro/page.js',
        '_astro/simulator.js',
        'pagefind/pagefind.js',
        'pagefind/wasm.en.pagefind',
        'pagefind/index/en_1.pf_index',
        'pagefind/fragment/en_1.pf_fragment',
      ]),
    );
    for (const left of [
      'exercises/histogram-quantile/',
      '_astro/monaco.js',
      '_astro/ts.worker.js',
      '_astro/ExerciseWorkbench.css',
      '_astro/codicon.ttf',
      'pagefind/pagefind-ui.js',
      'pagefind/pagefind-ui.css',
      'sitemap-index.xml',
    ]) {
      expect(plan.urls).not.toContain(left);
    }
  });

  it('leaves the search index out when it is bigger than the limit, keeping the rest', () => {
    const plan = planPrecache({ ...build(), searchIndexLimit: 150 });
    expect(plan.urls).not.toContain('pagefind/index/en_1.pf_index');
    expect(plan.urls).toContain('lessons/foundation/');
  });

  it('gives an unchanged build the same version, and a new one when any saved file changes', () => {
    const first = planPrecache(build());
    expect(planPrecache(build()).version).toBe(first.version);
    const editedLesson = planPrecache(build({ 'lessons/foundation/index.html': file('lessons/foundation/index.html', 'edited') }));
    const editedChunk = planPrecache(build({ '_astro/simulator.js': file('_astro/simulator.js', 'edited') }));
    expect(editedLesson.version).not.toBe(first.version);
    expect(editedChunk.version).not.toBe(first.version);
    expect(editedLesson.version).not.toBe(editedChunk.version);
  });

  it('keeps the version when only a file it does not save changes', () => {
    const first = planPrecache(build());
    const monaco = planPrecache(build({ '_astro/monaco.js': file('_astro/monaco.js', 'edited') }));
    expect(monaco.version).toBe(first.version);
  });

  it('lists URLs relative to the base, so one manifest works under any base path', () => {
    const plan = planPrecache(build());
    expect(plan.urls.every((u) => !u.startsWith('/'))).toBe(true);
    expect(plan.urls.map((u) => new URL(u, 'https://example.org/course/').pathname)).toContain('/course/lessons/foundation/');
  });
});

describe('precacheVersion', () => {
  it('does not depend on the order of the files', () => {
    expect(precacheVersion([file('a'), file('b')])).toBe(precacheVersion([file('b'), file('a')]));
    expect(precacheVersion([file('a'), file('b')])).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('urlForPath', () => {
  it('maps folder pages to their folder and keeps other files', () => {
    expect(urlForPath('index.html')).toBe('');
    expect(urlForPath('lessons/foundation/index.html')).toBe('lessons/foundation/');
    expect(urlForPath('404.html')).toBe('404.html');
    expect(urlForPath('_astro/a.js')).toBe('_astro/a.js');
  });
});

describe('mermaid chunks', () => {
  it('reads the diagram kind after front matter and comments', () => {
    expect(diagramKeyword('graph TB\n  a --> b')).toBe('graph');
    expect(diagramKeyword('---\ntitle: x\n---\n%% note\njourney\n  title A day')).toBe('journey');
    expect(diagramKeyword('sequenceDiagram;')).toBe('sequenceDiagram');
  });

  it('needs the chunks of the kinds used plus the dagre layout, and every chunk for an unknown kind', () => {
    expect(mermaidChunksFor(['graph TB\na-->b', 'journey\ntitle x'])).toEqual(new Set(['flowDiagram', 'journeyDiagram', 'dagre']));
    expect(mermaidChunksFor([])).toEqual(new Set());
    expect(mermaidChunksFor(['graph LR', 'zenumlDiagram'])).toBe('all');
  });

  it('names chunks without the build hash or mermaid id', () => {
    expect(chunkName('_astro/flowDiagram-HODETNUW.MZDl6air.js')).toBe('flowDiagram');
    expect(chunkName('_astro/classDiagram-v2-VYDZK3BY.BJ_h-eCM.js')).toBe('classDiagram-v2');
    expect(chunkName('_astro/mermaid.core.bNtjQZmt.js')).toBe('mermaid.core');
  });
});
