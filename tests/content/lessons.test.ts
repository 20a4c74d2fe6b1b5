import { describe, expect, it } from 'vitest';
import { lessonSchema } from '../../src/lib/lesson-schema';
import { loadLessons } from './lessons';

const lessons = loadLessons();

/** The course in order, as issue 2 lists it. */
const expectedSlugs = [
  'foundation',
  'observability',
  'runbooks-automation',
  'incident-response',
  'post-mortems',
  'continuous-improvement',
  'sre-practices',
  'integration-challenge',
  'retrieval-gauntlets',
  'anti-patterns-case-studies',
  'final-challenge',
];

/** The learning protocol every focus block shows, in order. */
const protocol = ['Priming', 'Core concept', 'Visual model', 'Neural bridge', 'Active practice', 'Consolidation'];

describe('the course outline', () => {
  it('has all eleven lessons in the order of the source', () => {
    expect(lessons.map((l) => l.slug)).toEqual(expectedSlugs);
  });
});

describe.each(lessons.map((l) => [l.path, l] as const))('%s', (_path, lesson) => {
  it('has valid frontmatter', () => {
    const result = lessonSchema.safeParse(lesson.frontmatter);
    const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems).toEqual([]);
  });

  it('declares the block number of its folder', () => {
    expect(lesson.frontmatter.block).toBe(lesson.order);
  });

  it('lists prerequisites that exist and come earlier', () => {
    const prerequisites = (lesson.frontmatter.prerequisites ?? []) as string[];
    for (const id of prerequisites) {
      const index = expectedSlugs.indexOf(id.replace(/^lessons\//, ''));
      expect(index, `unknown prerequisite ${id}`).toBeGreaterThanOrEqual(0);
      expect(index, `prerequisite ${id} comes after this lesson`).toBeLessThan(lesson.order);
    }
  });

  if (lesson.frontmatter.kind === 'focus') {
    it('shows the six steps of the learning protocol, in order', () => {
      const steps = lesson.headings
        .map((h) => protocol.find((p) => h === p || h.startsWith(`${p}:`)))
        .filter((p): p is string => p !== undefined);
      expect(steps).toEqual(protocol);
    });

    it('has an active-practice slot and at least one consolidation prompt', () => {
      expect(lesson.source).toMatch(/<ActivePractice\s/);
      expect(lesson.source).toMatch(/<Consolidation\s/);
    });
  }

  it('holds no placeholder text outside the ActivePractice slots', () => {
    const outside = lesson.prose.replace(/<ActivePractice[\s\S]*?<\/ActivePractice>/g, '');
    expect(outside).not.toMatch(/\b(TODO|TBD|FIXME|lorem ipsum|coming soon)\b/i);
  });

  it('has only TypeScript code, never Python', () => {
    const langs = lesson.codeBlocks.map((b) => b.lang);
    expect(langs.filter((l) => ['python', 'py', 'js', 'javascript'].includes(l))).toEqual([]);
    expect(langs.filter((l) => l === ''), 'every fence names its language').toEqual([]);
  });

  it('imports components only from @mdx', () => {
    const imports = [...lesson.source.matchAll(/^import .* from ['"](.+)['"];?$/gm)].map((m) => m[1]);
    expect(imports.filter((from) => from !== '@mdx')).toEqual([]);
  });

  it('gives every diagram a caption', () => {
    for (const d of lesson.diagrams) expect(d.caption.length, `diagram at line ${d.line}`).toBeGreaterThan(10);
  });
});

describe('interactive slots and saved answers', () => {
  it('uses each consolidation id once in the whole course', () => {
    const ids = lessons.flatMap((l) => [...l.source.matchAll(/<Consolidation\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('names a simulation or exercise in every active-practice slot', () => {
    const embeds = lessons.flatMap((l) => [...l.source.matchAll(/<ActivePractice\b[^>]*\bembed="([^"]+)"/g)].map((m) => m[1]!));
    expect(embeds.length).toBeGreaterThanOrEqual(6);
    for (const embed of embeds) expect(embed).toMatch(/^(simulation|exercise):[a-z0-9-]+$/);
  });
});
