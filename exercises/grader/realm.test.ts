/**
 * The child's `node:vm` realm, driven with raw JavaScript (no TypeScript step, which would turn
 * `import()` into `require`): what a submission may use works, and nothing leads to `process`.
 */
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../src/lib/grading/sandbox-runner.mjs';
import { runIsolated } from './isolate';

const limits = { testMs: 5000, loadMs: 8000, totalMs: 30_000, memoryMb: 256, outputChars: 2000 };

async function value(code: string, run = '(m) => m.f()') {
  const r = await runIsolated(code, [{ id: 'a', run, input: encodeValue(undefined) }], limits);
  const result = r.results.get('a');
  if (!result) throw new Error(`no result: ${r.loadError ?? JSON.stringify([...r.problems])} ${r.stderr}`);
  return { value: result.ok ? decodeValue(result.value) : `error: ${result.error}`, stdout: r.stdout };
}

describe('the vm realm of rlab grade', () => {
  it('offers timers, microtasks, AbortController, structuredClone and a console', async () => {
    const { value: v, stdout } = await value(`
      exports.f = async () => {
        const order = [];
        await new Promise((resolve) => setTimeout(() => { order.push('timeout'); resolve(); }, 20));
        await new Promise((resolve) => { let n = 0; const id = setInterval(() => { if (++n === 3) { clearInterval(id); resolve(); } }, 1); });
        order.push('interval');
        await new Promise((resolve) => queueMicrotask(() => { order.push('microtask'); resolve(); }));
        const c = new AbortController();
        c.signal.addEventListener('abort', () => order.push('aborted'));
        c.abort();
        const copy = structuredClone({ m: new Map([[1, 2]]) });
        console.log('hello', { a: 1 });
        return { order, aborted: c.signal.aborted, reason: c.signal.reason.name, copy: copy.m.get(1) };
      };`);
    expect(v).toEqual({ order: ['timeout', 'interval', 'microtask', 'aborted'], aborted: true, reason: 'AbortError', copy: 2 });
    expect(stdout).toBe('hello {"a":1}\n');
  });

  it('refuses a raw import() with a plain string, and nothing caught leads to the host', async () => {
    const { value: v } = await value(`
      exports.f = async () => {
        const seen = [];
        const reach = (x) => { try { return typeof x.constructor.constructor('return process')(); } catch (e) { return 'blocked'; } };
        try { await import('node:fs'); seen.push('imported'); } catch (e) { seen.push(typeof e, String(e)); if (e && typeof e === 'object') seen.push(reach(e)); }
        seen.push(reach(Object.getPrototypeOf(globalThis)), reach(globalThis), reach(setTimeout), reach(console.log));
        try { Object.defineProperty(globalThis, 'Error', { value: 1 }); } catch (e) { seen.push(e instanceof TypeError ? 'realm error' : 'HOST ERROR'); }
        let sites = [];
        Error.prepareStackTrace = (_e, s) => (sites = s);
        globalThis.Error = { prepareStackTrace: (_e, s) => (sites = s) };
        void new Error('x').stack;
        seen.push('sites ' + sites.length, typeof process);
        try { require('fs'); } catch (e) { seen.push(e.message); }
        return seen;
      };`);
    expect(v).toEqual(['string', 'imports are not available in exercises', 'blocked', 'blocked', 'blocked', 'blocked', 'realm error', 'sites 0', 'undefined', 'imports are not available in exercises (tried to import "fs")']);
  });

  it('keeps a thrown error that is not an Error readable, and its getters are the only code run', async () => {
    const { value: v } = await value(`exports.f = () => { throw { get message() { return 'getter'; }, toString() { return 'x'; } }; };`);
    expect(v).toMatch(/^error: threw /);
  });
});
