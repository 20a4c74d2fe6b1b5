/**
 * Reads the card banks (`content/modules/<nn-slug>/cards.yaml`) for the content tests, with the
 * heading slugs of each lesson so a card's `section` can be checked against its lesson.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import GithubSlugger from 'github-slugger';
import { loadLessons, modulesDir, root, type LessonFile } from './lessons';

/** A lesson with its card bank file, raw (unvalidated) and its headings' slugs. */
export interface LessonCards {
  lesson: LessonFile;
  /** Path relative to the repository, for messages; undefined when the lesson has no cards.yaml. */
  path?: string;
  raw?: unknown;
  /** Slugs of every `##`-`####` heading, as the site renders their ids. */
  slugs: string[];
  /** For each heading slug, the slug of the `##` section it sits in. */
  sectionOf: Map<string, string>;
}

/** Heading slugs the way Astro renders them (github-slugger, in document order). */
export function headingSlugs(lesson: LessonFile): { slugs: string[]; sectionOf: Map<string, string> } {
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  const sectionOf = new Map<string, string>();
  let current = '';
  for (const match of lesson.prose.matchAll(/^(#{2,4}) (.+)$/gm)) {
    // Astro slugs the heading's text content: inline code keeps its text, markup goes.
    const plain = match[2]!.replace(/`([^`]*)`/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1').trim();
    const slug = slugger.slug(plain);
    if (match[1] === '##') current = slug;
    slugs.push(slug);
    sectionOf.set(slug, current);
  }
  return { slugs, sectionOf };
}

/** Every lesson with its card bank, in course order. */
export function loadCardBanks(): LessonCards[] {
  return loadLessons().map((lesson) => {
    const file = join(modulesDir, lesson.folder, 'cards.yaml');
    const { slugs, sectionOf } = headingSlugs(lesson);
    if (!existsSync(file)) return { lesson, slugs, sectionOf };
    return { lesson, path: relative(root, file), raw: yaml.load(readFileSync(file, 'utf8')), slugs, sectionOf };
  });
}
