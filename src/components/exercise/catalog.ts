/**
 * Build time only: every complete exercise in `exercises/<id>/`, found with `import.meta.glob`
 * so a new folder appears without any registration. A folder counts once it has a valid
 * `exercise.json`, `instructions.md`, `starter.ts`, `solution.ts` and `tests.visible.ts`;
 * `tests.hidden.ts` is never read here (it must not reach the browser). In a graded-cohort build
 * (`import.meta.env.GRADED_COHORT`) the solution is left out too, and the hints come without those
 * that quote it (`src/lib/rehype-graded-cohort.mjs`).
 */
import { checkExerciseMeta, type ExerciseMeta, type TestCase } from '../../lib/grading/cases';
import { shipTest, type ShippedTest } from './tests-data';

interface MarkdownModule {
  rawContent(): string;
  compiledContent(): string | Promise<string>;
}

const metas = import.meta.glob<unknown>('/exercises/*/exercise.json', { eager: true, import: 'default' });
const instructions = import.meta.glob<MarkdownModule>('/exercises/*/instructions.md', { eager: true });
const hints = import.meta.glob<MarkdownModule>('/exercises/*/hints.md', { eager: true });
const starters = import.meta.glob<string>('/exercises/*/starter.ts', { eager: true, query: '?raw', import: 'default' });
const solutions = import.meta.glob<string>('/exercises/*/solution.ts', { eager: true, query: '?raw', import: 'default' });
const visibleSources = import.meta.glob<string>('/exercises/*/tests.visible.ts', { eager: true, query: '?raw', import: 'default' });
const visibleTests = import.meta.glob<TestCase<any>[]>('/exercises/*/tests.visible.ts', { eager: true, import: 'default' });

/** One numbered task of the instructions, with its hints. */
export interface ExerciseTask {
  number: number;
  title: string;
  /** The task's instructions as HTML (its heading included). */
  html: string;
  /** The task's hints as HTML (no heading), empty when there are none. */
  hintHtml: string;
}

/** Everything the exercise page and the lesson card need. */
export interface Exercise {
  meta: ExerciseMeta & { timeoutMs: number; solutionAfterAttempts: number };
  /** HTML of the introduction (before task 1), without the title. */
  introHtml: string;
  tasks: ExerciseTask[];
  starter: string;
  /** The reference solution; null in a graded-cohort build, whose pages must not carry it. */
  solution: string | null;
  /** Source of `tests.visible.ts`, shown read-only. */
  visibleTestsSource: string;
  tests: ShippedTest[];
}

/** The id of the folder a glob key points into (`/exercises/<id>/file`). */
const folderOf = (key: string) => key.split('/')[2]!;
const byId = <T>(record: Record<string, T>, file: string) => {
  const out = new Map<string, T>();
  for (const [key, value] of Object.entries(record)) if (key.endsWith(`/${file}`)) out.set(folderOf(key), value);
  return out;
};

/** Splits rendered markdown at its `<h2>` headings: the part before, then one part per heading. */
export function splitAtH2(html: string): { before: string; sections: { number: number; title: string; html: string; body: string }[] } {
  const [before = '', ...parts] = html.split(/(?=<h2[\s>])/);
  const sections = parts.map((part) => {
    const heading = /^<h2[^>]*>([\s\S]*?)<\/h2>/.exec(part);
    const text = (heading?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
    const match = /^(\d+)\.\s*(.*)$/.exec(text);
    // Starlight wraps headings in anchor containers: the body starts after the heading's wrapper.
    const body = heading ? part.slice(heading[0].length).replace(/^\s*<a[^>]*class="sl-anchor-link"[\s\S]*?<\/a>\s*<\/div>/, '') : part;
    return { number: match ? Number(match[1]) : 0, title: match ? match[2]! : text, html: part, body };
  });
  return { before, sections };
}

/** Removes the first `<h1>` (the page prints the title itself). */
const withoutTitle = (html: string) => html.replace(/<h1[^>]*>[\s\S]*?<\/h1>/, '');

let cache: Promise<Map<string, Exercise>> | undefined;

/** Every complete exercise, by id, sorted by block then title. */
export function allExercises(): Promise<Map<string, Exercise>> {
  cache ??= (async () => {
    const metaById = byId(metas, 'exercise.json');
    const instructionsById = byId(instructions, 'instructions.md');
    const hintsById = byId(hints, 'hints.md');
    const startersById = byId(starters, 'starter.ts');
    const solutionsById = byId(solutions, 'solution.ts');
    const sourcesById = byId(visibleSources, 'tests.visible.ts');
    const testsById = byId(visibleTests, 'tests.visible.ts');
    const list: Exercise[] = [];
    for (const [id, raw] of metaById) {
      const checked = checkExerciseMeta(raw, id);
      const instr = instructionsById.get(id);
      const starter = startersById.get(id);
      const solution = solutionsById.get(id);
      const source = sourcesById.get(id);
      const tests = testsById.get(id);
      if (!checked.ok || !instr || starter === undefined || solution === undefined || source === undefined || !Array.isArray(tests)) continue;
      const instructionsHtml = splitAtH2(withoutTitle(await instr.compiledContent()));
      const hintHtml = hintsById.get(id) ? splitAtH2(withoutTitle(await hintsById.get(id)!.compiledContent())) : { before: '', sections: [] };
      const tasks = instructionsHtml.sections.map((s) => ({
        number: s.number,
        title: s.title,
        html: s.html,
        hintHtml: hintHtml.sections.find((h) => h.number === s.number)?.body.trim() ?? '',
      }));
      list.push({
        meta: { ...checked.meta, timeoutMs: checked.meta.timeoutMs ?? 2000, solutionAfterAttempts: checked.meta.solutionAfterAttempts ?? 3 },
        introHtml: instructionsHtml.before,
        tasks,
        starter,
        solution: import.meta.env.GRADED_COHORT ? null : solution,
        visibleTestsSource: source,
        tests: tests.map(shipTest),
      });
    }
    list.sort((a, b) => a.meta.block - b.meta.block || a.meta.title.localeCompare(b.meta.title));
    return new Map(list.map((e) => [e.meta.id, e]));
  })();
  return cache;
}

/** One exercise, or undefined when the folder does not exist (yet) or is incomplete. */
export async function findExercise(id: string): Promise<Exercise | undefined> {
  return (await allExercises()).get(id);
}
