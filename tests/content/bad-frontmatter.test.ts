/**
 * A lesson with a bad frontmatter fails the build with a message naming the file and the field.
 * Runs `astro sync` (the content step of `astro build`) on a tiny fixture site that uses the
 * course's real collections from `src/content.config.ts`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './lessons';

// A private copy per run, so that parallel runs do not trip over each other.
const fixture = join(root, 'tests', 'fixtures', `.run-${process.pid}-${Math.random().toString(36).slice(2)}`);
cpSync(join(root, 'tests', 'fixtures', 'bad-frontmatter'), fixture, { recursive: true });
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function syncWithLesson(frontmatter: string) {
  const folder = join(fixture, 'content', 'modules', '01-broken');
  rmSync(join(fixture, 'content'), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'index.mdx'), `---\n${frontmatter}\n---\nBody.\n`);
  const astro = join(root, 'node_modules', '.bin', 'astro');
  const run = spawnSync(astro, ['sync', '--root', fixture], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const valid: Record<string, string> = {
  title: 'A broken lesson',
  description: 'A lesson used only to check that bad metadata fails the build.',
  block: '1',
  kind: 'focus',
  objectives: '\n  - Fail the build with a message that names the file and the field.',
};
const frontmatter = (fields: Record<string, string>) =>
  Object.entries({ ...valid, ...fields })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

describe('a bad lesson frontmatter', () => {
  it('accepts the valid fixture (so the failures below are about the field)', () => {
    const run = syncWithLesson(frontmatter({}));
    expect(run.output).not.toMatch(/does not match collection schema/);
    expect(run.status).toBe(0);
  });

  it.each([
    ['a block that is not a number', { block: 'one' }, 'block'],
    ['a hand-written time (minutes are computed from the content)', { minutes: '30' }, 'minutes'],
    ['an unknown kind', { kind: 'lecture' }, 'kind'],
    ['no objectives', { objectives: '[]' }, 'objectives'],
  ])('fails on %s, naming the file and the field', (_case, fields, field) => {
    const run = syncWithLesson(frontmatter(fields));
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('01-broken/index.mdx');
    expect(run.output).toMatch(new RegExp(`\\b${field}\\b`));
  });
});
