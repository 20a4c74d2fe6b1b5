/**
 * Looks through every file of a build for what a graded cohort must not be given: each exercise's
 * reference solution, the hints that quote it, and the hidden tests. Used by `cohort.spec.ts`.
 *
 * What is looked for (a "needle"), per exercise, spaces removed:
 * - solution lines: each line of `solution.ts` of 32+ characters that is not a comment and not in
 *   what the learner is given anyway (starter, instructions, visible tests);
 * - solution strings: its string literals of 20+ characters not in those files (a bundler renames
 *   variables but keeps strings);
 * - quoting hints: code in `hints.md` of 30+ characters found in the solution and not in those files;
 * - hidden tests: each test id (quoted, when it is not a plain word) and name that no visible test has, and its input as the
 *   site ships inputs (`encodeValue`, JSON), when no visible input contains it.
 * The same derivation over the visible tests gives needles that every build must contain: the
 * proof that the scan reads the formats the site ships in.
 *
 * How files are read: every file, as text; gzip (Pagefind's index and fragments) unpacked; besides
 * the raw text, a decoded one (HTML entities, then JSON/JS string escapes: `\n`, `\"`, `\u003c`),
 * one with HTML tags removed (code blocks are split into token spans), and for each island the
 * props revived from Astro's `[type, value]` encoding, as JSON. Spaces are removed from all.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { TestCase } from '../../src/lib/grading/cases';
import { encodeValue } from '../../src/lib/grading/sandbox-runner.mjs';

export type NeedleKind = 'solution line' | 'solution string' | 'quoting hint' | 'hidden test id' | 'hidden test name' | 'hidden test input' | 'visible test id' | 'visible test name' | 'visible test input';

export interface Needle {
  exercise: string;
  kind: NeedleKind;
  /** As written, for the report. */
  shown: string;
  /** What is searched: spaces removed. */
  text: string;
}

const root = join(import.meta.dirname, '..', '..');
const exercisesDir = join(root, 'exercises');
const withoutSpaces = (text: string) => text.replace(/\s+/g, '');
const read = (id: string, file: string) => {
  try {
    return readFileSync(join(exercisesDir, id, file), 'utf8');
  } catch {
    return '';
  }
};

/** Every exercise folder with a solution. */
export function exerciseIds(): string[] {
  return readdirSync(exercisesDir).filter((id) => read(id, 'solution.ts') !== '' && read(id, 'exercise.json') !== '');
}

/**
 * Shorter lines and strings are not distinctive: `.sort((a, b) => b.score - a.score);` (30) is in
 * Pagefind's own code, and `'rolled back'` in the runbook simulator's.
 */
const MIN_LINE = 32;
const MIN_STRING = 20;

const needle = (exercise: string, kind: NeedleKind, shown: string): Needle => ({ exercise, kind, shown, text: withoutSpaces(shown) });

/** The solution's lines and strings, and the hints' code that quotes it, that the learner is not given anyway. */
export function solutionNeedles(id: string): Needle[] {
  const solution = read(id, 'solution.ts');
  const given = withoutSpaces([read(id, 'starter.ts'), read(id, 'instructions.md'), read(id, 'tests.visible.ts')].join('\u0000'));
  const secret = (text: string) => !given.includes(withoutSpaces(text));
  const lines = solution
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => !/^(\/\/|\/\*|\*)/.test(line) && withoutSpaces(line).length >= MIN_LINE && secret(line));
  const strings = [...solution.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((m) => m[2]!).filter((s) => s.length >= MIN_STRING && !s.includes('${') && secret(s));
  const hints = read(id, 'hints.md');
  const hintCode = [...hints.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`/g)]
    .flatMap((m) => (m[1] !== undefined ? m[1].split('\n') : [m[2]!]))
    .filter((code) => withoutSpaces(code).length >= 30 && withoutSpaces(solution).includes(withoutSpaces(code)) && secret(code));
  return [
    ...[...new Set(lines)].map((line) => needle(id, 'solution line', line)),
    ...[...new Set(strings)].map((s) => needle(id, 'solution string', s)),
    ...[...new Set(hintCode)].map((code) => needle(id, 'quoting hint', code)),
  ];
}

async function loadTests(id: string, file: string): Promise<TestCase<any>[]> {
  const module = (await import(pathToFileURL(join(exercisesDir, id, file)).href)) as { default: TestCase<any>[] };
  return module.default;
}

/** An id like `p65-other` is distinctive; a plain word like `"years"` is in Monaco and mermaid anyway (its test's name still counts). */
const compoundId = (testId: string) => /[-_\d]/.test(testId);

const inputJson = (test: TestCase<any>) => JSON.stringify(encodeValue(test.input)) ?? '';

/** Ids, names and inputs of the hidden tests that no visible test shares. */
export async function hiddenTestNeedles(id: string): Promise<Needle[]> {
  const visible = await loadTests(id, 'tests.visible.ts');
  const hidden = await loadTests(id, 'tests.hidden.ts');
  const visibleInputs = visible.map(inputJson).join('\u0000');
  return hidden.flatMap((t) => [
    ...(visible.some((v) => v.id === t.id) || !compoundId(t.id) ? [] : [needle(id, 'hidden test id', `"${t.id}"`)]),
    ...(visible.some((v) => v.name === t.name) ? [] : [needle(id, 'hidden test name', t.name)]),
    ...(inputJson(t).length >= 12 && !visibleInputs.includes(inputJson(t)) ? [needle(id, 'hidden test input', inputJson(t))] : []),
  ]);
}

/** The same needles for the visible tests: every build must contain them (the scan's control). */
export async function visibleTestNeedles(id: string): Promise<Needle[]> {
  const visible = await loadTests(id, 'tests.visible.ts');
  return visible.flatMap((t) => [
    needle(id, 'visible test id', `"${t.id}"`),
    needle(id, 'visible test name', t.name),
    ...(inputJson(t).length >= 12 ? [needle(id, 'visible test input', inputJson(t))] : []),
  ]);
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

/** HTML entities to characters. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** JSON and JavaScript string escapes to characters (`\n` to a space: spaces are removed anyway). */
export function decodeEscapes(text: string): string {
  return text.replace(/\\(u\{[0-9a-f]+\}|u[0-9a-f]{4}|x[0-9a-f]{2}|[\s\S])/gi, (_all, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[ux{}]/gi, ''), 16));
    return 'nrtbfv'.includes(e) ? ' ' : e;
  });
}

/** A value serialised by Astro for an island (`[type, value]` pairs), back to plain data. */
export function reviveAstroProp(pair: unknown): unknown {
  if (!Array.isArray(pair)) return pair;
  const [type, value] = pair as [number, unknown];
  if (type === 0) return value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveAstroProp(v)])) : value;
  if (type === 1 || type === 4 || type === 5) return (value as unknown[]).map(reviveAstroProp);
  if (type === 11) return value === 1 ? 'Infinity' : '-Infinity';
  return value;
}

/** Each island's props as plain JSON. */
function islandProps(html: string): string[] {
  return [...html.matchAll(/<astro-island\b[^>]*?\sprops="([^"]*)"/g)].map((m) => {
    const props = JSON.parse(decodeEntities(m[1]!)) as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, reviveAstroProp(v)])));
  });
}

/** The texts a file is searched in, spaces removed and joined by NUL. */
export function searchableText(path: string, bytes: Buffer): string {
  const unpacked = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const raw = unpacked.toString('utf8');
  const decoded = decodeEscapes(decodeEntities(raw));
  const variants = [raw, decoded];
  if (/\.html?$/.test(path)) variants.push(decodeEscapes(decodeEntities(raw.replace(/<[^>]*>/g, ''))), ...islandProps(raw));
  return variants.map(withoutSpaces).join('\u0000');
}

/** Every file under a folder (dot folders included), as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

const K = 8;
const BASE = 257;

/** Rolling hash of `text.slice(from, from + K)`. */
function hashAt(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + K; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Where each needle occurs in the build: needle -> the files (relative paths) that contain it.
 * One pass per file (Rabin-Karp over 8-character windows), so thousands of needles cost no more
 * than a few.
 */
export function findNeedles(dir: string, needles: readonly Needle[]): { found: Map<Needle, string[]>; files: string[] } {
  const found = new Map<Needle, string[]>(needles.map((n) => [n, []]));
  const short = needles.filter((n) => n.text.length < K);
  const byHash = new Map<number, Needle[]>();
  for (const n of needles) {
    if (n.text.length < K) continue;
    const h = hashAt(n.text, 0);
    byHash.set(h, [...(byHash.get(h) ?? []), n]);
  }
  let drop = 1;
  for (let i = 1; i < K; i++) drop = Math.imul(drop, BASE);
  const files = listFiles(dir);
  for (const file of files) {
    const text = searchableText(file, readFileSync(join(dir, file)));
    const hits = new Set<Needle>();
    if (text.length >= K) {
      let h = hashAt(text, 0);
      for (let i = 0; ; i++) {
        const candidates = byHash.get(h);
        if (candidates) for (const n of candidates) if (!hits.has(n) && text.startsWith(n.text, i)) hits.add(n);
        if (i + K >= text.length) break;
        h = (Math.imul(h - Math.imul(text.charCodeAt(i), drop), BASE) + text.charCodeAt(i + K)) | 0;
      }
    }
    for (const n of short) if (text.includes(n.text)) hits.add(n);
    for (const n of hits) found.get(n)!.push(file);
  }
  return { found, files };
}
