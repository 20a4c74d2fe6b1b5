import { describe, expect, it } from 'vitest';
import { isRootRelative, normaliseBase, withBase } from './base-path.mjs';
import { sectionHref } from './cards/links';

describe('normaliseBase', () => {
  it('gives one leading and one trailing slash however the base was written', () => {
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/course')).toBe('/course/');
    expect(normaliseBase('/course/')).toBe('/course/');
    expect(normaliseBase('course')).toBe('/course/');
    expect(normaliseBase('/a/b//')).toBe('/a/b/');
  });
});

describe('withBase', () => {
  it.each(['/', '/course', '/course/'])('puts a site path under base %s with exactly one slash between', (base) => {
    const root = base === '/' ? '' : '/course';
    expect(withBase('/lessons/observability/', base)).toBe(`${root}/lessons/observability/`);
    expect(withBase('lessons/observability/', base)).toBe(`${root}/lessons/observability/`);
    expect(withBase('/lessons/observability/#slis', base)).toBe(`${root}/lessons/observability/#slis`);
    expect(withBase('/favicon.ico', base)).toBe(`${root}/favicon.ico`);
    expect(withBase('/', base)).toBe(`${root}/`);
  });

  it("uses Vite's BASE_URL when no base is given", () => {
    expect(withBase('/drills/')).toBe(`${normaliseBase(import.meta.env.BASE_URL)}drills/`);
  });
});

describe('isRootRelative', () => {
  it('is true only for paths on this site that start at its root', () => {
    expect(isRootRelative('/lessons/x/')).toBe(true);
    expect(isRootRelative('//cdn.example.org/x.js')).toBe(false);
    expect(isRootRelative('https://sre.google/')).toBe(false);
    expect(isRootRelative('#slis')).toBe(false);
    expect(isRootRelative('../x/')).toBe(false);
    expect(isRootRelative('mailto:a@example.org')).toBe(false);
  });
});

describe('sectionHref', () => {
  it("links a card to its lesson section under the base, with or without the base's trailing slash", () => {
    const card = { lesson: 'lessons/observability', section: 'the-four-golden-signals' };
    expect(sectionHref('/', card)).toBe('/lessons/observability/#the-four-golden-signals');
    expect(sectionHref('/course', card)).toBe('/course/lessons/observability/#the-four-golden-signals');
    expect(sectionHref('/course/', card)).toBe('/course/lessons/observability/#the-four-golden-signals');
  });
});
