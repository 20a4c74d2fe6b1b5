/**
 * Submission files: unique learner names when file names repeat, and reading a file with its
 * size capped whatever `stat` said.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerNames, readSubmission } from './submissions';

const dir = mkdtempSync(join(tmpdir(), 'rlab-submissions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('learnerNames', () => {
  it('uses the file name, and as many parent folders as tell same-named files apart', () => {
    expect(learnerNames(['/c/a/x/bob.ts', '/c/b/x/bob.ts', '/c/c/y/bob.ts', '/c/alice.ts'])).toEqual(['a/x/bob', 'b/x/bob', 'c/y/bob', 'alice']);
    expect(learnerNames(['s1/bob.ts', 's2/bob.ts'])).toEqual(['s1/bob', 's2/bob']);
  });

  it('stays unique when only the extension differs, and never gives an empty name', () => {
    expect(learnerNames(['/d/bob.ts', '/d/bob.js', '/d/.ts'])).toEqual(['d/bob', 'd/bob (2)', '.ts']);
  });
});

describe('readSubmission', () => {
  it('reads a file of exactly the limit and refuses one byte more', () => {
    writeFileSync(join(dir, 'at-limit.ts'), 'x'.repeat(100));
    writeFileSync(join(dir, 'over.ts'), 'x'.repeat(101));
    expect(readSubmission(join(dir, 'at-limit.ts'), 100)).toEqual({ ok: true, source: 'x'.repeat(100) });
    expect(readSubmission(join(dir, 'over.ts'), 100)).toEqual({ ok: false, problem: 'the file is 101 bytes; submissions may be at most 100' });
  });

  it('caps what it reads even when stat reports no size (a /proc file)', () => {
    const r = readSubmission('/proc/self/maps', 10);
    expect(r).toEqual({ ok: false, problem: 'the file is more than 10 bytes; submissions may be at most 10' });
  });

  it('reports a missing file without throwing', () => {
    expect(readSubmission(join(dir, 'gone.ts'))).toEqual({ ok: false, problem: 'the file does not exist (any more)' });
  });
});
