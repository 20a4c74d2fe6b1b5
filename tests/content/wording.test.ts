/**
 * Words a learner understands (issue 14): learners never saw the material this course was built
 * from, so nothing they read may call it "the source" or "the course source". Checked in the
 * lessons (prose, code and component attributes) and in every string the simulators, their
 * command-line output and the site's components can show: string literals and JSX text, found
 * with the TypeScript parser so comments and identifiers are left alone. And in every card of every
 * `cards.yaml`: prompts, choices, answers, cloze text, ordering items, explanations, units and the
 * `source` note too (the whole card is handed to the quiz and drills islands, so it ships in the page).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadCardBanks } from './cards';
import { loadLessons, root } from './lessons';

/** "the source", "the course source", "source's", "Source's rule" ... but not "the source of toil". */
export const INTERNAL_SOURCE = /\b(the|course|our) source\b(?! (of|code|text)\b)|\bsource's\b/i;

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Strings a user can see in one TypeScript/TSX file: literals, template parts and JSX text. */
export function visibleStrings(file: string, text: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
      out.push({ line: lineOf(text, node.getStart(sf)), text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Keys of a card that are machine identifiers, never read as text: everything else is scanned. */
const CARD_KEYS_NOT_TEXT = new Set(['id', 'section', 'type', 'gauntlet']);

/** Every text a card can show (or ship to the page), as `field: text`, whatever its question type. */
export function cardTexts(card: unknown): { field: string; text: string }[] {
  if (typeof card !== 'object' || card === null) return [];
  return Object.entries(card).flatMap(([key, value]) => {
    if (CARD_KEYS_NOT_TEXT.has(key)) return [];
    if (typeof value === 'string') return [{ field: key, text: value }];
    if (Array.isArray(value)) return value.flatMap((v, i) => (typeof v === 'string' ? [{ field: `${key}[${i}]`, text: v }] : []));
    return [];
  });
}

/** Files under `dir` whose names match `pattern`, tests left out. */
const filesIn = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesIn(path, pattern);
    return pattern.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
const codeFiles = (dir: string) => filesIn(dir, /\.(ts|tsx)$/);

/** Every line of these files that says "the source", as `path:line: text`. */
const linesSaying = (files: string[]) =>
  files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (INTERNAL_SOURCE.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
  );

describe('no learner-facing "the source"', () => {
  it('the pattern catches the phrasings the issue found, and leaves ordinary uses alone', () => {
    for (const bad of ["The source's rule, as written", "Score order (the source's)", 'The source prints -963.3%', 'the course source says 36x', 'Corrections to the source:']) {
      expect(bad, bad).toMatch(INTERNAL_SOURCE);
    }
    for (const fine of ['the largest source of toil', 'Source of the visible tests', 'Quote the primary source', 'every source of variation', 'open-source generators']) {
      expect(fine, fine).not.toMatch(INTERNAL_SOURCE);
    }
  });

  it.each(loadLessons().map((l) => [l.path, l.source] as const))('%s', (_path, source) => {
    const hits = source.split('\n').flatMap((line, i) => (INTERNAL_SOURCE.test(line) ? [`line ${i + 1}: ${line.trim()}`] : []));
    expect(hits).toEqual([]);
  });

  it.each(['simulations', join('src', 'components'), join('src', 'pages'), join('src', 'lib')])('strings shown by %s/', (dir) => {
    const hits = codeFiles(join(root, dir)).flatMap((file) =>
      visibleStrings(file, readFileSync(file, 'utf8'))
        .filter((s) => INTERNAL_SOURCE.test(s.text))
        .map((s) => `${relative(root, file)}:${s.line}: ${s.text.trim().slice(0, 120)}`),
    );
    expect(hits).toEqual([]);
  });

  it('exercises: instructions, hints, starters and visible tests (all of it is read by learners)', () => {
    const dir = join(root, 'exercises');
    const files = filesIn(dir, /\.(md|ts)$/).filter((f) => !relative(dir, f).startsWith('grader'));
    expect(files.length).toBeGreaterThan(20);
    expect(linesSaying(files)).toEqual([]);
  });

  it('simulator data: scenarios, fixtures and runbooks the views and CLI print', () => {
    expect(linesSaying(filesIn(join(root, 'simulations'), /\.(json|ya?ml)$/))).toEqual([]);
  });

  const banks = loadCardBanks().filter((b) => b.raw !== undefined);

  it('found the card banks to scan', () => {
    expect(banks.length).toBeGreaterThan(5);
  });

  it.each(banks.map((b) => [b.path!, b.raw] as const))('cards in %s: every field a learner sees', (_path, raw) => {
    const cards = (raw as { cards?: unknown[] }).cards ?? [];
    expect(cards.length).toBeGreaterThan(0);
    const hits = cards.flatMap((card) => {
      const id = (card as { id?: string }).id ?? '?';
      // YAML folds long strings, so a phrase broken over two lines is caught: whitespace is normalised.
      return cardTexts(card)
        .map((f) => ({ ...f, text: f.text.replace(/\s+/g, ' ') }))
        .filter((f) => INTERNAL_SOURCE.test(f.text))
        .map((f) => `${id} ${f.field}: ${f.text.slice(0, 120)}`);
    });
    expect(hits).toEqual([]);
  });

  it('scans every question type\'s fields: prompt, choices, answer, text, items, explanation, unit, source', () => {
    const card = {
      id: 'x/the-source',
      section: 'the-source',
      type: 'single',
      prompt: 'p',
      choices: ['a', "the source's b"],
      answer: 'The course\nsource says',
      text: '{{x}}',
      items: ['i', 'j', 'our source'],
      explanation: 'e',
      unit: 'u',
      source: "source's note",
    };
    const flagged = cardTexts(card)
      .filter((f) => INTERNAL_SOURCE.test(f.text.replace(/\s+/g, ' ')))
      .map((f) => f.field);
    expect(flagged).toEqual(['choices[1]', 'answer', 'items[2]', 'source']);
    expect(cardTexts(card).map((f) => f.field)).toEqual(['prompt', 'choices[0]', 'choices[1]', 'answer', 'text', 'items[0]', 'items[1]', 'items[2]', 'explanation', 'unit', 'source']);
  });

  it('finds a string in JSX text and in a template literal (the scan can fail)', () => {
    const found = visibleStrings('x.tsx', "const a = `Score ${1} (the source's)`; const b = <p>The source prints</p>;").filter((s) => INTERNAL_SOURCE.test(s.text));
    expect(found.map((s) => s.text.trim())).toEqual(["(the source's)", 'The source prints']);
  });
});
