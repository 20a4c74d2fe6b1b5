import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, runSubmission, type RunnerMessage } from './sandbox-runner.mjs';
import { firstDifference, judge } from './verdict';

async function run(code: string, probes: { id: string; run: string; input?: unknown }[]) {
  const messages: RunnerMessage[] = [];
  await runSubmission(code, probes.map((p) => ({ ...p, input: encodeValue(p.input) })), (m) => messages.push(m));
  return messages;
}

describe('values crossing the sandbox boundary', () => {
  it('keep what JSON loses: undefined, NaN, Infinity, -0, Map, Set', () => {
    const value = { a: undefined, b: NaN, c: [Infinity, -Infinity, -0], d: new Map([['k', 1]]), e: new Set([1, 2]), $: 'dollar' };
    const back = decodeValue(encodeValue(value)) as typeof value;
    expect(back.b).toBeNaN();
    expect(Object.is(back.c[2], -0)).toBe(true);
    expect(back.d.get('k')).toBe(1);
    expect([...back.e]).toEqual([1, 2]);
    expect(back.$).toBe('dollar');
    expect('a' in back && back.a === undefined).toBe(true);
  });

  it('refuse functions and cycles with a message', () => {
    expect(() => encodeValue({ f: () => 1 })).toThrow(/returned a function/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeValue(cyclic)).toThrow(/contains itself/);
  });
});

describe('the sandbox runner', () => {
  it('runs probes whose source was compiled with kept names (__name)', async () => {
    const messages = await run('exports.double = (x) => x * 2;', [{ id: 'a', run: '(m, x) => { const twice = __name((y) => m.double(y), "twice"); return twice(x); }', input: 21 }]);
    expect(messages).toContainEqual({ type: 'result', id: 'a', ok: true, value: '42' });
  });

  it('reports an import as a clear error', async () => {
    const messages = await run('const fs = require("fs"); exports.f = () => 1;', [{ id: 'a', run: '(m) => m.f()' }]);
    expect(messages[0]).toEqual({ type: 'load-error', error: 'imports are not available in exercises (tried to import "fs")' });
  });
});

describe('verdicts', () => {
  const test = { id: 't', name: 'n', task: 1, run: () => 0, expect: { delays: [1000, 2000, 4000], total: 7.0 }, tolerance: 1e-6 };
  it('find the first difference and show it', () => {
    expect(firstDifference(test.expect, { delays: [1000, 2000, 3000], total: 7 }, 1e-6)).toBe('delays[2]');
    const r = judge(test, { type: 'result', id: 't', ok: true, value: encodeValue({ delays: [1000, 2000, 3000], total: 7 }) }, { pointsPerTest: 2 }, 'visible');
    expect(r).toMatchObject({ status: 'failed', points: 0, maxPoints: 2 });
    expect(r.message).toMatch(/^Expected 4000 at delays\[2\], received 3000\./);
  });

  it('accept numbers within the tolerance', () => {
    const r = judge(test, { type: 'result', id: 't', ok: true, value: encodeValue({ delays: [1000, 2000, 4000], total: 7.0000001 }) }, { pointsPerTest: 1 }, 'hidden');
    expect(r).toMatchObject({ status: 'passed', points: 1, visibility: 'hidden' });
  });

  it('never count "not implemented" as an expected error', () => {
    const r = judge({ ...test, expect: undefined, throws: 'f' }, { type: 'result', id: 't', ok: false, error: 'Not implemented: f', by: 'submission', errorName: 'Error' }, { pointsPerTest: 1 }, 'visible');
    expect(r.status).toBe('error');
  });
});
