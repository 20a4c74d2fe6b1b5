/**
 * What the service worker saves for offline use, and the version that names it. Pure: the
 * integration (`offline.ts`) reads the build folder and passes the facts in.
 */
import { createHash } from 'node:crypto';

/** One file of the build output. */
export interface BuiltFile {
  /** Path relative to the build folder, with `/` separators (`lessons/foundation/index.html`). */
  path: string;
  /** Content hash (any stable digest of the bytes). */
  hash: string;
  /** Size in bytes. */
  size: number;
}

export interface PrecacheInput {
  /** Every file of the build output. */
  files: readonly BuiltFile[];
  /** For each HTML page: the JS it loads on load and lazily (islands, diagrams), as build paths. */
  pageScripts: Readonly<Record<string, readonly string[]>>;
  /** CSS each HTML page links, as build paths. */
  pageStyles: Readonly<Record<string, readonly string[]>>;
  /** Pagefind's index and fragments are saved only up to this many bytes (search then works offline). */
  searchIndexLimit?: number;
}

export interface PrecachePlan {
  /** Changes whenever any saved file changes; equal for equal builds. */
  version: string;
  /** URLs relative to the service worker's scope (the site's base): `''` is the home page. */
  urls: string[];
  /** The saved files, sorted by path. */
  files: BuiltFile[];
}

/** Default limit for saving the search index: above it, search needs the network. */
export const DEFAULT_SEARCH_INDEX_LIMIT = 2_000_000;

/** Pages saved at install: lessons, home, drills, the exercise list, game day, 404 and the offline page. */
export function isPrecachedPage(path: string): boolean {
  return (
    ['index.html', '404.html', 'offline.html', 'drills/index.html', 'exercises/index.html'].includes(path) ||
    /^(lessons|game-day)\/.*\.html$/.test(path)
  );
}

/** Pagefind files Starlight's search uses (it bundles its own UI, so the UI variants are skipped). */
function isSearchRuntime(path: string): boolean {
  return /^pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|[^/]+\.pf_meta)$/.test(path);
}
const isSearchIndex = (path: string) => /^pagefind\/(index|fragment)\//.test(path);

/**
 * The URL of a built file relative to the site's base: `lessons/x/index.html` is `lessons/x/`,
 * `index.html` is `''`, other files keep their path.
 */
export function urlForPath(path: string): string {
  return path === 'index.html' ? '' : path.replace(/(^|\/)index\.html$/, '$1');
}

/** A digest of the saved files' paths and contents, 12 hex characters. */
export function precacheVersion(files: readonly BuiltFile[]): string {
  const digest = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    digest.update(`${f.path}\0${f.hash}\n`);
  }
  return digest.digest('hex').slice(0, 12);
}

/**
 * Chooses the files to save for offline use: the precached pages, the JS they load (eagerly and
 * lazily), every stylesheet except those only pages left out use (Monaco's), favicons, the site's
 * own images, and search when its index is within the limit. Everything else (exercise pages,
 * Monaco and its workers) is cached when visited.
 */
export function planPrecache(input: PrecacheInput): PrecachePlan {
  const byPath = new Map(input.files.map((f) => [f.path, f]));
  const pages = input.files.map((f) => f.path).filter(isPrecachedPage);
  const chosen = new Set<string>(pages);
  for (const page of pages) for (const script of input.pageScripts[page] ?? []) chosen.add(script);

  const stylesOfSavedPages = new Set(pages.flatMap((p) => input.pageStyles[p] ?? []));
  const stylesOfOtherPages = new Set(
    Object.entries(input.pageStyles)
      .filter(([page]) => !isPrecachedPage(page))
      .flatMap(([, styles]) => styles),
  );
  for (const f of input.files) {
    const onlyOtherPages = stylesOfOtherPages.has(f.path) && !stylesOfSavedPages.has(f.path);
    if (/^_astro\/[^/]+\.css$/.test(f.path) && !onlyOtherPages) chosen.add(f.path);
    if (/^favicon\.[a-z]+$/.test(f.path) || /^_astro\/[^/]+\.(svg|png|jpe?g|webp|avif|gif)$/.test(f.path)) chosen.add(f.path);
    if (isSearchRuntime(f.path)) chosen.add(f.path);
  }
  const searchIndex = input.files.filter((f) => isSearchIndex(f.path));
  const searchBytes = searchIndex.reduce((sum, f) => sum + f.size, 0);
  if (searchBytes <= (input.searchIndexLimit ?? DEFAULT_SEARCH_INDEX_LIMIT)) for (const f of searchIndex) chosen.add(f.path);

  const files = [...chosen]
    .map((path) => byPath.get(path))
    .filter((f): f is BuiltFile => f !== undefined)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { version: precacheVersion(files), urls: files.map((f) => urlForPath(f.path)), files };
}

/**
 * Mermaid diagram keywords (the first word of a diagram) and the chunk names (before the hash)
 * that draw them. A keyword not listed here makes the integration keep every diagram chunk.
 */
const DIAGRAM_CHUNKS: Record<string, string[]> = {
  graph: ['flowDiagram'],
  flowchart: ['flowDiagram'],
  'flowchart-v2': ['flowDiagram'],
  sequenceDiagram: ['sequenceDiagram'],
  classDiagram: ['classDiagram', 'classDiagram-v2'],
  'classDiagram-v2': ['classDiagram-v2'],
  stateDiagram: ['stateDiagram', 'stateDiagram-v2'],
  'stateDiagram-v2': ['stateDiagram-v2'],
  erDiagram: ['erDiagram'],
  gantt: ['ganttDiagram'],
  journey: ['journeyDiagram'],
  pie: ['pieDiagram'],
  quadrantChart: ['quadrantDiagram'],
  requirementDiagram: ['requirementDiagram'],
  gitGraph: ['gitGraphDiagram'],
  mindmap: ['mindmap-definition'],
  timeline: ['timeline-definition'],
  'xychart-beta': ['xychartDiagram'],
  xychart: ['xychartDiagram'],
  'sankey-beta': ['sankeyDiagram'],
  sankey: ['sankeyDiagram'],
  kanban: ['kanban-definition'],
};
/** Layouts mermaid loads for the diagrams above (flowcharts, state and class diagrams use dagre). */
const LAYOUT_CHUNKS = ['dagre'];

/** The first word of a mermaid diagram, after its optional `---` front matter and `%%` comments. */
export function diagramKeyword(source: string): string {
  const body = source.replace(/^\s*---[\s\S]*?---/, '');
  const line = body.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('%%')) ?? '';
  return line.split(/[\s:;{]/)[0] ?? '';
}

/**
 * The mermaid chunk names the given diagrams need, or `'all'` when one of them is a kind this
 * table does not know (saving too much beats a diagram that cannot draw offline).
 */
export function mermaidChunksFor(sources: readonly string[]): Set<string> | 'all' {
  const names = new Set<string>();
  for (const source of sources) {
    const chunks = DIAGRAM_CHUNKS[diagramKeyword(source)];
    if (!chunks) return 'all';
    chunks.forEach((c) => names.add(c));
  }
  if (names.size > 0) LAYOUT_CHUNKS.forEach((c) => names.add(c));
  return names;
}

/** The chunk name of a hashed build file, without Vite's hash and mermaid's id: `_astro/flowDiagram-HODETNUW.MZDl6air.js` is `flowDiagram`. */
export function chunkName(path: string): string {
  const file = path.split('/').pop() ?? '';
  return file.replace(/\.[^.]+\.js$/, '').replace(/-[A-Z0-9]{8}$/, '');
}
