/**
 * A submission that corrupts the runner's own data (prototype setters, `toJSON`, replaced
 * built-ins) or throws everywhere must cost only itself: every result is either honest or an
 * error for that test, and the grader's own messages never pass a test that expects an error.
 */
import { describe, expect, it } from 'vitest';
import type { TestCase } from './cases';
import { decodeValue, encodeValue, parseRunnerMessage, runSubmission, type RunnerMessage } from './sandbox-runner.mjs';
import { judge } from './verdict';

type Result = Extract<RunnerMessage, { type: 'result' }>;

/** Runs `code` with one probe per entry, then undoes what the code did to Object.prototype and Math. */
async function run(code: string, probes: { id: string; run: string; input?: unknown }[]): Promise<Map<string, Result>> {
  const saved = { max: Math.max, proto: Object.getOwnPropertyDescriptors(Object.prototype) };
  const results = new Map<string, Result>();
  try {
    await runSubmission(code, probes.map((p) => ({ ...p, input: encodeValue(p.input) })), (m) => {
      // What the sandbox posts crosses as a structured clone (the worker's postMessage).
      const copy = parseRunnerMessage(structuredClone(m));
      if (copy?.type === 'result') results.set(copy.id, copy);
    });
  } finally {
    Math.max = saved.max;
    for (const key of Reflect.ownKeys(Object.prototype)) if (!Object.hasOwn(saved.proto, key)) delete (Object.prototype as any)[key];
  }
  return results;
}

const test = (over: Partial<TestCase>): TestCase => ({ id: 't', name: 'n', task: 1, run: () => 0, ...over });

describe('hostile values (issue 13, item 4)', () => {
  it('a setter named $$ on Object.prototype does not corrupt results: the runner sees it and reports an error', async () => {
    const results = await run(
      `Object.defineProperty(Object.prototype, '$$', { set() {}, configurable: true });
       exports.f = () => ({ $: 'bigint', v: 'not-a-number' });`,
      [{ id: 'a', run: '(m) => m.f()' }],
    );
    const a = results.get('a')!;
    expect(a).toMatchObject({ ok: false, by: 'runner' });
    expect(judge(test({ id: 'a', expect: 1 }), a, { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'error', points: 0 });
    expect((a as { error: string }).error).toMatch(/Object\.prototype\.\$\$ \(added\)/);
  });

  it('an Object.prototype.toJSON is detected as a change to a built-in', async () => {
    const results = await run(`Object.prototype.toJSON = function () { return 'forged'; }; exports.f = () => ({ a: 1 });`, [{ id: 'a', run: '(m) => m.f()' }]);
    expect(results.get('a')).toMatchObject({ ok: false, by: 'runner' });
    expect((results.get('a') as { error: string }).error).toMatch(/Object\.prototype\.toJSON \(added\)/);
  });

  it('keys that look like tags stay data: {$: "bigint", v: "x"} and {$$: 1} come back as they were', async () => {
    const results = await run(`exports.f = () => ({ $: 'bigint', v: 'not-a-number', $$: 1, ['__proto__']: { polluted: true } });`, [{ id: 'a', run: '(m) => m.f()' }]);
    const value = decodeValue((results.get('a') as { value: string }).value) as Record<string, unknown>;
    expect([value.$, value.v, value.$$]).toEqual(['bigint', 'not-a-number', 1]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a bad BigInt', '{"$":"bigint","v":"not-a-number"}'],
    ['an unknown tag', '{"$":"Regexp","v":"x"}'],
    ['a Map without pairs', '{"$":"Map","v":[1]}'],
    ['not JSON', '{"a":'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ])('judges a malformed result (%s) as an error for that test, never a crash', (_name, value) => {
    const r = judge(test({ expect: 1 }), { type: 'result', id: 't', ok: true, value }, { pointsPerTest: 1 }, 'hidden');
    expect(r).toMatchObject({ status: 'error', points: 0 });
    expect(r.message).toMatch(/could not be read/);
  });

  it('a result message that is not a string value is dropped by the parser', () => {
    expect(parseRunnerMessage({ type: 'result', id: 't', ok: true, value: { $: 'bigint', v: 'x' } })).toBeNull();
    expect(parseRunnerMessage({ type: 'result', id: 't', ok: false, error: 'x', by: 'submission', errorName: 'RangeError' })).toEqual({ type: 'result', id: 't', ok: false, error: 'x', by: 'submission', errorName: 'RangeError' });
  });
});

describe('expected errors (issue 13, item 6)', () => {
  const rangeTest = test({ id: 'r', throws: { name: 'RangeError' } });
  const textTest = test({ id: 's', throws: 'no facilitator available' });

  it("the grader's own tamper message never passes a test that expects an error", async () => {
    const results = await run(`Math.max = () => 0; exports.f = () => 1;`, [{ id: 'r', run: '(m) => m.f()' }, { id: 's', run: '(m) => m.f()' }]);
    expect(judge(rangeTest, results.get('r'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'error', points: 0 });
    expect(judge(textTest, results.get('s'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'error', points: 0 });
  });

  it('"throw everywhere" with a plain Error does not pass a test that expects a RangeError', async () => {
    const results = await run(`exports.f = () => { throw new Error('nope'); };`, [{ id: 'r', run: '(m) => m.f()' }, { id: 's', run: '(m) => m.f()' }]);
    expect(judge(rangeTest, results.get('r'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'failed', points: 0, message: 'Expected a RangeError, got: nope' });
    expect(judge(textTest, results.get('s'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'failed', points: 0 });
  });

  it('a stack overflow is not the RangeError a test expects', async () => {
    const results = await run(`exports.f = function f() { return f() + 1; };`, [{ id: 'r', run: '(m) => m.f()' }]);
    expect(results.get('r')).toMatchObject({ ok: false, errorName: 'RangeError' });
    expect(judge(rangeTest, results.get('r'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'failed', points: 0 });
  });

  it('the right kind, or the right text, passes', async () => {
    const results = await run(`exports.f = () => { throw new RangeError('SLO must be a fraction'); }; exports.g = () => { throw new Error('no facilitator available other than ana'); };`, [
      { id: 'r', run: '(m) => m.f()' },
      { id: 's', run: '(m) => m.g()' },
    ]);
    expect(judge(rangeTest, results.get('r'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'passed', points: 1 });
    expect(judge(textTest, results.get('s'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'passed', points: 1 });
    expect(judge(test({ throws: { name: 'RangeError', message: 'percentage' } }), results.get('r'), { pointsPerTest: 1 }, 'visible')).toMatchObject({ status: 'failed' });
  });
});
