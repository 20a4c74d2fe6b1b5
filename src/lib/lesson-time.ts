/**
 * How long a lesson takes, computed from its content so the label shown to learners cannot
 * drift from what they will read. Pure: takes the MDX body and the size of the lesson's quiz.
 *
 * The rates (documented in `content/modules/AUTHORING.md`):
 * - prose at {@link PROSE_WORDS_PER_MINUTE} words a minute (technical text, read to understand);
 * - code at {@link CODE_LINES_PER_MINUTE} non-blank lines a minute (code is read line by line);
 * - fixed times per activity: a simulator, an exercise, a consolidation prompt, a diagram, and
 *   each quiz card.
 * The total is rounded up to the next {@link ROUND_TO} minutes.
 */

/** Words of prose a learner reads in a minute (slower than the ~240 of light reading). */
export const PROSE_WORDS_PER_MINUTE = 200;
/** Non-blank lines of code a learner reads, with understanding, in a minute. */
export const CODE_LINES_PER_MINUTE = 10;
/** Minutes for an embedded simulator (`<ActivePractice embed="simulation:...">`): predict, run, compare. */
export const SIMULATION_MINUTES = 10;
/** Minutes for an embedded graded exercise (`<ActivePractice embed="exercise:...">`). */
export const EXERCISE_MINUTES = 15;
/** Minutes to write the answer to one `<Consolidation>` prompt. */
export const CONSOLIDATION_MINUTES = 2;
/** Minutes to study one `<Mermaid>` diagram. */
export const DIAGRAM_MINUTES = 1;
/** Minutes per card of the end-of-lesson quiz. */
export const QUIZ_MINUTES_PER_CARD = 0.5;
/** The total is rounded up to a multiple of this. */
export const ROUND_TO = 5;

/** Where a lesson's minutes go, unrounded, plus the rounded total shown to learners. */
export interface LessonTime {
  /** Words of prose (outside code blocks and diagrams). */
  words: number;
  /** Non-blank lines inside fenced code blocks. */
  codeLines: number;
  simulations: number;
  exercises: number;
  consolidations: number;
  diagrams: number;
  quizCards: number;
  /** Unrounded minutes per part. */
  parts: { prose: number; code: number; activities: number; quiz: number };
  /** The label: the sum of the parts rounded up to {@link ROUND_TO} minutes (at least {@link ROUND_TO}). */
  minutes: number;
}

const FRONTMATTER = /^\s*---\r?\n[\s\S]*?\r?\n---\s*(\r?\n|$)/;
const FENCE = /^(\s*)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1\2\s*$/gm;
const MERMAID_CODE = /code=\{`[\s\S]*?`\}/g;

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

/**
 * Estimates the minutes a lesson needs from its MDX body (frontmatter allowed) and the number of
 * cards in its end-of-lesson quiz.
 */
export function estimateLessonTime(mdx: string, quizCards = 0): LessonTime {
  let body = mdx.replace(FRONTMATTER, '');
  let codeLines = 0;
  body = body.replace(FENCE, (_m, _indent: string, _fence: string, code: string) => {
    codeLines += code.split('\n').filter((l) => l.trim() !== '').length;
    return '\n';
  });
  const diagrams = count(body, /<Mermaid\b/g);
  const simulations = count(body, /<ActivePractice\b[^>]*\bembed="simulation:/g);
  const exercises = count(body, /<ActivePractice\b[^>]*\bembed="exercise:/g);
  const consolidations = count(body, /<Consolidation\b/g);
  const prose = body
    .replace(MERMAID_CODE, ' ')
    .replace(/^\s*(import|export)\s[^\n]*$/gm, ' ') // MDX imports and exports
    .replace(/\b(id|embed|lang|class|className)="[^"]*"/g, ' ') // identifiers, not read
    .replace(/<\/?[A-Za-z][\w.]*|\/?>/g, ' ') // tag names and brackets (attribute values stay: they are read)
    .replace(/\b[a-zA-Z]+=(?=["{])/g, ' ') // attribute names
    .replace(/\]\([^)\s]*\)/g, '] ') // link targets are not read
    .replace(/https?:\/\/\S+/g, ' ');
  const words = count(prose, /[\p{L}\p{N}][\p{L}\p{N}'’.,%-]*/gu);
  const parts = {
    prose: words / PROSE_WORDS_PER_MINUTE,
    code: codeLines / CODE_LINES_PER_MINUTE,
    activities:
      simulations * SIMULATION_MINUTES + exercises * EXERCISE_MINUTES + consolidations * CONSOLIDATION_MINUTES + diagrams * DIAGRAM_MINUTES,
    quiz: Math.max(0, quizCards) * QUIZ_MINUTES_PER_CARD,
  };
  const total = parts.prose + parts.code + parts.activities + parts.quiz;
  const minutes = Math.max(ROUND_TO, Math.ceil(total / ROUND_TO - 1e-9) * ROUND_TO);
  return { words, codeLines, simulations, exercises, consolidations, diagrams, quizCards, parts, minutes };
}

/** Minutes for a quiz of `cards` cards, as the quiz announces it (at least 1). */
export function quizMinutes(cards: number): number {
  return Math.max(1, Math.round(cards * QUIZ_MINUTES_PER_CARD));
}
