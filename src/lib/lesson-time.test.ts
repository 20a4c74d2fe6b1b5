import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateLessonTime, PROSE_WORDS_PER_MINUTE, quizMinutes } from './lesson-time';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('estimateLessonTime', () => {
  it('reads prose at the documented rate and rounds up to 5 minutes', () => {
    expect(estimateLessonTime(words(PROSE_WORDS_PER_MINUTE * 10)).minutes).toBe(10);
    expect(estimateLessonTime(words(PROSE_WORDS_PER_MINUTE * 10 + 1)).minutes).toBe(15);
    expect(estimateLessonTime('').minutes).toBe(5);
  });

  it('counts code lines apart from prose, and not their words', () => {
    const code = Array.from({ length: 100 }, (_, i) => `const a${i} = ${i}; // many words in a comment here`).join('\n');
    const t = estimateLessonTime(`Intro text.\n\n\`\`\`ts\n${code}\n\n\`\`\`\n\nOutro.`);
    expect(t.codeLines).toBe(100);
    expect(t.words).toBe(3);
    expect(t.parts.code).toBe(10);
  });

  it('ignores frontmatter, imports, tag names, attribute names and link targets', () => {
    const mdx = `---\ntitle: 'A title with words'\nblock: 1\n---\nimport { Aside, Consolidation } from '@mdx';\n\nOne [two](/lessons/a-b-c/) three.\n\n<Consolidation id="x/y" prompt="Why four?" />\n`;
    const t = estimateLessonTime(mdx);
    // "One two three" + the prompt's "Why four?" (prompts are read; ids are not)
    expect(t.words).toBe(5);
    expect(t.consolidations).toBe(1);
  });

  it('gives activities, diagrams and quiz cards their fixed times', () => {
    const mdx = [
      '<ActivePractice embed="simulation:burn-rate" title="t">d</ActivePractice>',
      '<ActivePractice embed="exercise:toil-roi" title="t">d</ActivePractice>',
      '<Mermaid caption="c" code={`graph TB\n  A --> B\n  B --> C`} />',
    ].join('\n');
    const t = estimateLessonTime(mdx, 20);
    expect([t.simulations, t.exercises, t.diagrams, t.quizCards]).toEqual([1, 1, 1, 20]);
    expect(t.parts.activities).toBe(10 + 15 + 1);
    expect(t.parts.quiz).toBe(10);
    expect(t.minutes).toBe(40);
  });

  it('never reports less than the longest single part', () => {
    const t = estimateLessonTime(words(3000), 40);
    expect(t.minutes).toBeGreaterThanOrEqual(t.parts.prose + t.parts.quiz);
  });

  it('announces a quiz of n cards at half a minute each, at least 1', () => {
    expect(quizMinutes(0)).toBe(1);
    expect(quizMinutes(30)).toBe(15);
  });
});

describe('the course lessons', () => {
  const dir = join(import.meta.dirname, '..', '..', 'content', 'modules');
  const lessons = readdirSync(dir).filter((d) => /^\d\d-/.test(d));

  it.each(lessons)('%s: no hand-written minutes, and a long lesson says it is long', (folder) => {
    const src = readFileSync(join(dir, folder, 'index.mdx'), 'utf8');
    expect(src).not.toMatch(/^minutes:/m);
    const lines = src.split('\n').length;
    // The finding: 700-870 line lessons were labelled 30 min. The computed time grows with the text.
    const t = estimateLessonTime(src);
    if (lines > 600) expect(t.minutes).toBeGreaterThanOrEqual(60);
  });
});
