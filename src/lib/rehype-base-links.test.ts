import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import rehypeBaseLinks from './rehype-base-links.mjs';

/** Compiles an MDX lesson snippet with the plugin, as Astro does, and returns the generated code. */
async function compiled(mdx: string, base?: string): Promise<string> {
  return String(await compile(mdx, { rehypePlugins: [[rehypeBaseLinks, base === undefined ? {} : { base }]] }));
}

const lesson = [
  'See [SLIs](/lessons/observability/#slis), [the drills](/drills/) and ![logo](/favicon.svg).',
  '',
  'Outside: [Google](https://sre.google/), [this page](#top), [relative](../x/), [cdn](//cdn.example.org/a.js).',
  '',
  '<a href="/game-day/">console</a> <Widget href="/lessons/x/" />',
].join('\n');

describe('rehypeBaseLinks', () => {
  it('puts the base in front of root-relative Markdown links, images and plain HTML elements', async () => {
    const code = await compiled(lesson, '/course/');
    expect(code).toContain('"/course/lessons/observability/#slis"');
    expect(code).toContain('"/course/drills/"');
    expect(code).toContain('"/course/favicon.svg"');
    expect(code).toContain('"/course/game-day/"');
  });

  it('leaves external, fragment-only, relative and protocol-relative URLs and component props alone', async () => {
    const code = await compiled(lesson, '/course');
    for (const url of ['https://sre.google/', '#top', '../x/', '//cdn.example.org/a.js']) expect(code).toContain(`"${url}"`);
    expect(code).toContain('href: "/lessons/x/"');
    expect(code).not.toContain('/course/course/');
  });

  it('changes nothing at the root base', async () => {
    expect(await compiled(lesson, '/')).toBe(await compiled(lesson));
    expect(await compiled(lesson)).toContain('"/lessons/observability/#slis"');
  });
});
