/**
 * Reads the lesson files for the content tests: frontmatter, fenced code blocks, mermaid
 * diagrams, headings and component uses, each with its line number for clear failures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';

export const root = join(import.meta.dirname, '..', '..');
export const modulesDir = join(root, 'content', 'modules');

/** A fenced code block in a lesson. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** A mermaid diagram in a lesson (`<Mermaid code={`...`} />`). */
export interface Diagram {
  code: string;
  caption: string;
  line: number;
}

/** One lesson file, parsed just enough for the tests. */
export interface LessonFile {
  folder: string;
  slug: string;
  order: number;
  /** Path relative to the repository, for messages. */
  path: string;
  source: string;
  frontmatter: Record<string, unknown>;
  /** Body without frontmatter and without fenced code. */
  prose: string;
  codeBlocks: CodeBlock[];
  diagrams: Diagram[];
  /** Level-2 headings' text, in order. */
  headings: string[];
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

/** Parses one lesson file. */
export function parseLesson(path: string, folder: string): LessonFile {
  const source = readFileSync(path, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const frontmatter = (fm ? yaml.load(fm[1]!) : {}) as Record<string, unknown>;
  const codeBlocks: CodeBlock[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const match of source.matchAll(fence)) {
    codeBlocks.push({ lang: match[1] ?? '', code: match[2] ?? '', line: lineOf(source, match.index!) });
  }
  const body = source.slice(fm ? fm[0].length : 0);
  const prose = body.replace(fence, '');
  const diagrams: Diagram[] = [];
  for (const match of source.matchAll(/<Mermaid\b((?:[^`]|`[^`]*`)*?)\/>/g)) {
    const attrs = match[1] ?? '';
    const code = /code=\{`([\s\S]*?)`\}/.exec(attrs)?.[1];
    const caption = /caption="([^"]*)"/.exec(attrs)?.[1] ?? '';
    diagrams.push({ code: code ?? '', caption, line: lineOf(source, match.index!) });
  }
  const headings = [...prose.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
  return {
    folder,
    slug: folder.replace(/^\d+-/, ''),
    order: Number(folder.split('-')[0]),
    path: relative(root, path),
    source,
    frontmatter,
    prose,
    codeBlocks,
    diagrams,
    headings,
  };
}

/** Every lesson in `content/modules/`, in course order (drafts starting with `_` skipped). */
export function loadLessons(): LessonFile[] {
  return readdirSync(modulesDir)
    .filter((name) => /^\d+-/.test(name) && statSync(join(modulesDir, name)).isDirectory())
    .sort()
    .map((folder) => parseLesson(join(modulesDir, folder, 'index.mdx'), folder));
}
