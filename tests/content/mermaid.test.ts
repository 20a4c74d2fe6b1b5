// @vitest-environment happy-dom
/**
 * Every diagram in the lessons parses with the same mermaid the site bundles, and the course
 * keeps each diagram of the source text. Rendering in light and dark themes is checked in the
 * browser tests (tests/e2e/diagrams.spec.ts).
 */
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './lessons';

const lessons = loadLessons();
const diagrams = lessons.flatMap((l) => l.diagrams.map((d) => ({ ...d, where: `${l.path}:${d.line}` })));

/** How many diagrams each part of the source text has; a lesson must keep at least as many. */
const sourceDiagrams: Record<string, number> = {
  foundation: 2,
  observability: 1,
  'runbooks-automation': 1,
  'incident-response': 1,
  'post-mortems': 1,
  'continuous-improvement': 1,
  'sre-practices': 1,
};

describe('mermaid diagrams', () => {
  it.each(Object.entries(sourceDiagrams))('%s keeps its %i diagram(s) from the source', (slug, count) => {
    const lesson = lessons.find((l) => l.slug === slug);
    expect(lesson, `lesson ${slug}`).toBeDefined();
    expect(lesson!.diagrams.length).toBeGreaterThanOrEqual(count);
  });

  it.each(diagrams.map((d) => [d.where, d] as const))('%s parses', async (_where, diagram) => {
    expect(diagram.code.trim().length).toBeGreaterThan(0);
    await expect(mermaid.parse(diagram.code)).resolves.toBeTruthy();
  });

  it('rejects a broken diagram (the check can fail)', async () => {
    await expect(mermaid.parse('graph TB\n  A --> ')).rejects.toThrow();
  });
});
