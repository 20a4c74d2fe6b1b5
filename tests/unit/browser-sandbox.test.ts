/**
 * The parent side of the browser sandbox, driven with a fake frame and fake timers: reports are
 * taken only in order and only when well formed, a hung test is timed out and the rest run in a
 * fresh sandbox, load errors and hangs at load fail every test, Stop and the run limit end a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BLOCKED_WORKER_GLOBALS,
  SANDBOX_CHANNEL,
  SANDBOX_CSP,
  judgeOutcome,
  parseFrameMessage,
  runInSandbox,
  sandboxDocument,
  workerSource,
  type FrameFactory,
} from '../../src/lib/grading/browser-sandbox';
import type { Probe } from '../../src/lib/grading/sandbox-runner.mjs';
import type { TestCase } from '../../src/lib/grading/cases';

const runnerSource = readFileSync(join(import.meta.dirname, '../../src/lib/grading/sandbox-runner.mjs'), 'utf8');
const probes: Probe[] = ['a', 'b', 'c'].map((id) => ({ id, run: '(m) => m.f()' }));

/** A fake sandbox: records what it was asked and lets the test speak for it. */
function fakeFrames() {
  const frames: { started?: { code: string; probes: Probe[] }; destroyed: boolean; say: (data: unknown) => void }[] = [];
  const factory: FrameFactory = (onMessage) => {
    const f: (typeof frames)[number] = { destroyed: false, say: (data) => onMessage(data) };
    frames.push(f);
    return {
      start: (code, p) => void (f.started = { code, probes: p.map((x) => ({ ...x })) }),
      destroy: () => void (f.destroyed = true),
    };
  };
  return { frames, factory };
}
const runner = (message: unknown) => ({ channel: SANDBOX_CHANNEL, kind: 'runner', message });
const ready = { channel: SANDBOX_CHANNEL, kind: 'ready' };
const ok = (id: string, value: unknown = '1') => runner({ type: 'result', id, ok: true, value });

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('runInSandbox', () => {
  it('starts the run when the frame is ready and collects one report per test in order', async () => {
    const { frames, factory } = fakeFrames();
    const progress: number[] = [];
    const done = runInSandbox({ code: 'exports.f = () => 1', probes, createFrame: factory, onProgress: (i) => progress.push(i) });
    expect(frames[0]!.started).toBeUndefined();
    frames[0]!.say(ready);
    expect(frames[0]!.started?.probes.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    frames[0]!.say(runner({ type: 'loaded' }));
    frames[0]!.say(ok('b')); // out of order: ignored
    frames[0]!.say(ok('a'));
    frames[0]!.say(ok('a', '99')); // a second report for a: ignored
    frames[0]!.say(ok('b'));
    frames[0]!.say(ok('c'));
    const outcome = await done;
    expect([...outcome.reports.keys()]).toEqual(['a', 'b', 'c']);
    expect(outcome.reports.get('a')).toMatchObject({ ok: true, value: '1' });
    expect(outcome.fallbacks.size).toBe(0);
    expect(outcome.sandboxes).toBe(1);
    expect(frames[0]!.destroyed).toBe(true);
    expect(progress).toContain(2);
  });

  it('ignores malformed and foreign messages', async () => {
    const { frames, factory } = fakeFrames();
    const done = runInSandbox({ code: '', probes: probes.slice(0, 1), createFrame: factory });
    const f = frames[0]!;
    f.say(ready);
    f.say(runner({ type: 'loaded' }));
    for (const junk of [null, 42, 'result', { kind: 'runner', message: { type: 'result', id: 'a', ok: true, value: 1 } }, runner({ type: 'result', id: 'a', ok: 'yes', value: 1 }), runner({ type: 'result', id: 7, ok: true, value: 1 }), runner({ type: 'result', id: 'a', ok: true }), runner({ type: 'result', id: 'a', ok: true, value: { $: 'bigint', v: 'x' } }), runner({ type: 'bogus' })]) {
      f.say(junk);
    }
    f.say(runner({ type: 'result', id: 'a', ok: false, error: 'Not implemented: f', by: 'submission', errorName: 'Error' }));
    const outcome = await done;
    expect(outcome.reports.get('a')).toEqual({ type: 'result', id: 'a', ok: false, error: 'Not implemented: f', by: 'submission', errorName: 'Error' });
  });

  it('times out a hung test, destroys its sandbox and runs the rest in a fresh one', async () => {
    const { frames, factory } = fakeFrames();
    const done = runInSandbox({ code: '', probes, createFrame: factory, timeoutMs: 500 });
    frames[0]!.say(ready);
    frames[0]!.say(runner({ type: 'loaded' }));
    frames[0]!.say(ok('a'));
    await vi.advanceTimersByTimeAsync(499);
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(frames[0]!.destroyed).toBe(true);
    expect(frames).toHaveLength(2);
    frames[0]!.say(ok('b')); // the old sandbox is gone: a late report is ignored
    frames[1]!.say(ready);
    expect(frames[1]!.started?.probes.map((p) => p.id)).toEqual(['c']);
    frames[1]!.say(runner({ type: 'loaded' }));
    frames[1]!.say(ok('c'));
    const outcome = await done;
    expect(outcome.fallbacks.get('b')).toEqual({ status: 'timeout', message: expect.stringContaining('Timed out after 500 ms') });
    expect(outcome.reports.has('b')).toBe(false);
    expect(outcome.reports.has('c')).toBe(true);
    expect(outcome.sandboxes).toBe(2);
  });

  it('fails every test when the code does not load, or loads forever', async () => {
    const { frames, factory } = fakeFrames();
    const done = runInSandbox({ code: '', probes, createFrame: factory });
    frames[0]!.say(ready);
    frames[0]!.say(runner({ type: 'load-error', error: 'SyntaxError: nope' }));
    const outcome = await done;
    expect([...outcome.fallbacks.values()].map((f) => f.message)).toEqual(Array(3).fill('Your code failed to load: SyntaxError: nope'));

    const hung = fakeFrames();
    const second = runInSandbox({ code: '', probes, createFrame: hung.factory, timeoutMs: 1000, startupGraceMs: 100 });
    hung.frames[0]!.say(ready);
    await vi.advanceTimersByTimeAsync(1100);
    const o2 = await second;
    expect(o2.fallbacks.get('a')?.message).toMatch(/did not finish within 1000 ms/);
    expect(hung.frames[0]!.destroyed).toBe(true);
  });

  it('stops on request and at the run limit, marking the rest not run', async () => {
    const { frames, factory } = fakeFrames();
    const controller = new AbortController();
    const done = runInSandbox({ code: '', probes, createFrame: factory, signal: controller.signal });
    frames[0]!.say(ready);
    frames[0]!.say(runner({ type: 'loaded' }));
    frames[0]!.say(ok('a'));
    controller.abort();
    const outcome = await done;
    expect(outcome.stopped).toBe('aborted');
    expect(outcome.fallbacks.get('b')?.status).toBe('not-run');
    expect(frames[0]!.destroyed).toBe(true);

    const limited = fakeFrames();
    const second = runInSandbox({ code: '', probes, createFrame: limited.factory, timeoutMs: 2000, runLimitMs: 3000 });
    // Every sandbox hangs: a, b time out (2 s each) and the run limit stops c.
    for (let i = 0; i < 2; i++) {
      limited.frames[i]!.say(ready);
      limited.frames[i]!.say(runner({ type: 'loaded' }));
      await vi.advanceTimersByTimeAsync(2000);
    }
    const o2 = await second;
    expect(o2.stopped).toBe('run-limit');
    expect(o2.fallbacks.get('a')?.status).toBe('timeout');
    expect(o2.fallbacks.get('c')?.status).toBe('not-run');
  });
});

describe('judgeOutcome', () => {
  it('judges outside the sandbox: a forged "passed" is not a thing, only values are', async () => {
    const tests: TestCase<any>[] = [
      { id: 'a', name: 'A', task: 1, run: () => 0, expect: NaN },
      { id: 'b', name: 'B', task: 1, run: () => 0, expect: 2 },
      { id: 'c', name: 'C', task: 2, run: () => 0, expect: 3 },
    ];
    const outcome = {
      reports: new Map([
        ['a', { type: 'result' as const, id: 'a', ok: true as const, value: '{"$":"NaN"}' }],
        ['b', { type: 'result' as const, id: 'b', ok: true as const, value: '"passed"' }],
      ]),
      fallbacks: new Map([['c', { status: 'timeout' as const, message: 'Timed out after 2000 ms.' }]]),
      ms: new Map([['a', 3.4]]),
      sandboxes: 2,
      durationMs: 10,
    };
    const results = judgeOutcome(tests, outcome, { pointsPerTest: 1 });
    expect(results.map((r) => r.status)).toEqual(['passed', 'failed', 'timeout']);
    expect(results[0]!.ms).toBe(3);
    expect(results[1]!.message).toMatch(/Expected 2, received "passed"/);
  });
});

describe('the sandbox documents', () => {
  it('inlines the runner in a strict IIFE with no exports, and it compiles', () => {
    const source = workerSource(runnerSource);
    expect(source).not.toMatch(/^export\b/m);
    expect(source.startsWith("'use strict';\n(() => {")).toBe(true);
    expect(() => new Function(source)).not.toThrow();
    for (const name of BLOCKED_WORKER_GLOBALS) expect(source).toContain(`"${name}"`);
  });

  it('removes every connection API the CSP also blocks, WebSocketStream and FontFace included (issue 13)', () => {
    expect(BLOCKED_WORKER_GLOBALS).toEqual(expect.arrayContaining(['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'FontFace', 'importScripts']));
    expect(SANDBOX_CSP).toMatch(/default-src 'none'/);
  });

  it('carries the CSP and never lets the runner text close the script element', () => {
    const html = sandboxDocument(`${runnerSource}\nconst trap = '</script><script>alert(1)</script>';`);
    expect(html).toContain(`content="${SANDBOX_CSP}"`);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(SANDBOX_CSP).toMatch(/connect-src 'none'/);
  });

  it('parses only well-formed frame messages', () => {
    expect(parseFrameMessage({ channel: SANDBOX_CHANNEL, kind: 'ready' })).toEqual({ kind: 'ready' });
    expect(parseFrameMessage({ channel: 'other', kind: 'ready' })).toBeNull();
    expect(parseFrameMessage({ channel: SANDBOX_CHANNEL, kind: 'runner', message: { type: 'done' } })).toEqual({ kind: 'runner', message: { type: 'done' } });
    const long = parseFrameMessage(runner({ type: 'load-error', error: 'x'.repeat(10_000) }));
    expect(long?.kind === 'runner' && long.message.type === 'load-error' && long.message.error.length).toBe(2000);
  });
});
