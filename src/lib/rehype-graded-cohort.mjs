// @ts-check
/**
 * The Markdown side of a graded-cohort build (`GRADED_COHORT=1`): no page may quote an exercise's
 * reference solution (the rule: `grading/solution-quotes.mjs`).
 * - `exercises/<id>/hints.md`: each hint (a list item, or a top-level paragraph or block) that
 *   quotes that exercise's solution is left out, and the task says how many were.
 * - Lessons (any other Markdown or MDX outside `exercises/`): a code block that quotes any
 *   exercise's solution is replaced by a note that links to the exercise.
 * An exercise's own instructions are left alone (the learner is meant to have them), and so is
 * every file of a self-paced build. Registered in `astro.config.mjs` as
 * `[rehypeGradedCohort, { gradedCohort, exercisesDir, base }]`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { withBase } from './base-path.mjs';
import { solutionQuoteFinder } from './grading/solution-quotes.mjs';

/**
 * @typedef {object} QuotableExercise
 * @property {string} id
 * @property {string} title
 * @property {(text: string) => boolean} quotes true when a text quotes this exercise's solution
 */

/** @param {any} node @returns {string} the text a reader sees in it */
function textOf(node) {
  if (node.type === 'text') return node.value;
  return Array.isArray(node.children) ? node.children.map(textOf).join('') : '';
}

/** @param {any} node @param {string[]} names */
const isElement = (node, names) => node.type === 'element' && names.includes(node.tagName);

/** @param {string} tagName @param {Record<string, unknown>} properties @param {any[]} children */
const element = (tagName, properties, children) => ({ type: 'element', tagName, properties, children });
/** @param {string} value */
const text = (value) => ({ type: 'text', value });

/** @param {number} count */
export function withheldHintsNote(count) {
  const what = count === 1 ? 'One hint for this task quotes' : `${count} hints for this task quote`;
  return `${what} the reference solution, so ${count === 1 ? 'it is' : 'they are'} not shown in this course.`;
}

/**
 * Leaves out of a hints file's tree every hint that quotes the solution, and adds a note to each
 * task (an `h2` section) that lost some.
 * @param {any} tree the file's HAST root
 * @param {(text: string) => boolean} quotes
 * @returns {number} how many hints were left out
 */
export function withholdQuotingHints(tree, quotes) {
  /** @type {any[]} */
  const out = [];
  let total = 0;
  let inSection = 0;
  const closeSection = () => {
    if (inSection > 0) out.push(element('p', { className: ['rl-withheld'] }, [text(withheldHintsNote(inSection))]));
    total += inSection;
    inSection = 0;
  };
  for (const node of tree.children) {
    if (isElement(node, ['h1', 'h2'])) {
      closeSection();
      out.push(node);
    } else if (isElement(node, ['ul', 'ol'])) {
      const isItem = (/** @type {any} */ child) => isElement(child, ['li']);
      const kept = node.children.filter((/** @type {any} */ child) => !(isItem(child) && quotes(textOf(child))));
      const dropped = node.children.filter(isItem).length - kept.filter(isItem).length;
      inSection += dropped;
      if (kept.some(isItem) || dropped === 0) out.push({ ...node, children: kept });
    } else if (node.type === 'element' && quotes(textOf(node))) {
      inSection += 1;
    } else {
      out.push(node);
    }
  }
  closeSection();
  tree.children = out;
  return total;
}

/**
 * Replaces every code block (`pre`) that quotes an exercise's solution with a note linking to the
 * exercise(s) it gives away.
 * @param {any} tree a lesson's HAST root
 * @param {readonly QuotableExercise[]} exercises
 * @param {string} base the site's base path, for the links
 * @returns {number} how many code blocks were replaced
 */
export function withholdSolutionCode(tree, exercises, base) {
  let replaced = 0;
  /** @param {any} node */
  const visit = (node) => {
    if (!Array.isArray(node.children)) return;
    node.children = node.children.map((/** @type {any} */ child) => {
      if (!isElement(child, ['pre'])) {
        visit(child);
        return child;
      }
      const code = textOf(child);
      const given = exercises.filter((e) => e.quotes(code));
      if (given.length === 0) return child;
      replaced += 1;
      /** @type {any[]} */
      const links = given.flatMap((e, i) => [...(i > 0 ? [text(i === given.length - 1 ? ' and ' : ', ')] : []), element('a', { href: withBase(`/exercises/${e.id}/`, base) }, [text(e.title)])]);
      return element('p', { className: ['rl-withheld'] }, [
        text('A code example is left out here: this course grades '),
        ...links,
        text(given.length === 1 ? ', and the example is most of its reference solution.' : ', and the example is most of their reference solutions.'),
      ]);
    });
  };
  visit(tree);
  return replaced;
}

/** The files an exercise's quote test is made from. */
const SOURCES = ['exercise.json', 'solution.ts', 'starter.ts', 'instructions.md', 'tests.visible.ts'];

/** The last list made, with the modification times and sizes of the files it was made from. */
let cached = { signature: '', exercises: /** @type {QuotableExercise[]} */ ([]) };

/**
 * Every exercise in a folder that has a solution, with its quote test: "given" text is the
 * starter, the instructions and the visible tests. Made again only when one of those files changed.
 * @param {string} exercisesDir
 * @returns {QuotableExercise[]}
 */
export function quotableExercises(exercisesDir) {
  if (!existsSync(exercisesDir)) return [];
  const ids = readdirSync(exercisesDir).filter((id) => existsSync(join(exercisesDir, id, 'solution.ts')));
  /** @param {string} id @param {string} name */
  const version = (id, name) => {
    const path = join(exercisesDir, id, name);
    if (!existsSync(path)) return `${id}/${name}:-`;
    const stat = statSync(path);
    return `${id}/${name}:${stat.mtimeMs}:${stat.size}`;
  };
  const signature = [exercisesDir, ...ids.flatMap((id) => SOURCES.map((name) => version(id, name)))].join('\n');
  if (cached.signature === signature) return cached.exercises;
  const exercises = ids.flatMap((id) => {
    /** @param {string} name */
    const read = (name) => {
      const path = join(exercisesDir, id, name);
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    };
    const solution = read('solution.ts');
    if (!solution) return [];
    let title = id;
    try {
      title = String(JSON.parse(read('exercise.json')).title ?? id);
    } catch {
      // The exercise's own checks report a broken exercise.json; the id is a fine name here.
    }
    return [{ id, title, quotes: solutionQuoteFinder(solution, [read('starter.ts'), read('instructions.md'), read('tests.visible.ts')]) }];
  });
  cached = { signature, exercises };
  return exercises;
}

/**
 * The rehype plugin.
 * @param {{ gradedCohort?: boolean, exercisesDir?: string, base?: string }} [options]
 *   `gradedCohort: false` (or none) changes nothing; `exercisesDir` defaults to `./exercises`
 */
export default function rehypeGradedCohort(options = {}) {
  const exercisesDir = resolve(options.exercisesDir ?? 'exercises');
  const base = options.base ?? '/';
  /** @param {any} tree @param {{ path?: string, history?: string[] }} file */
  return (tree, file) => {
    const path = file.path ?? file.history?.[0];
    if (!options.gradedCohort || !path) return;
    // Checked for every file, so that in `astro dev` a changed solution applies at once.
    const exercises = quotableExercises(exercisesDir);
    const inside = relative(exercisesDir, resolve(path)).split(sep);
    if (inside[0] === '..' || inside.length === 0 || resolve(path) === exercisesDir) {
      withholdSolutionCode(tree, exercises, base);
    } else if (inside.length === 2 && inside[1] === 'hints.md') {
      const exercise = exercises.find((e) => e.id === inside[0]);
      if (exercise) withholdQuotingHints(tree, exercise.quotes);
    }
  };
}
