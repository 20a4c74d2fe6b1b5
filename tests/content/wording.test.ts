/**
 * Words a learner understands (issue 14): learners never saw the material this course was built
 * from, so nothing they read may call it "the source" or "the course source". Checked in the
 * lessons (prose, code and component attributes) and in every string the simulators, their
 * command-line output and the site's components can show: string literals and JSX text, found
 * with the TypeScript parser so comments and identifiers are left alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
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

  it('finds a string in JSX text and in a template literal (the scan can fail)', () => {
    const found = visibleStrings('x.tsx', "const a = `Score ${1} (the source's)`; const b = <p>The source prints</p>;").filter((s) => INTERNAL_SOURCE.test(s.text));
    expect(found.map((s) => s.text.trim())).toEqual(["(the source's)", 'The source prints']);
  });
});
