/**
 * React glue for one exercise's runs: sandbox lifecycle, progress, stop, verdicts. The work is
 * done by `runInSandbox` and `judgeOutcome` (src/lib/grading/browser-sandbox.ts).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import runnerSource from '../../lib/grading/sandbox-runner.mjs?raw';
import { iframeFactory, judgeOutcome, runInSandbox, sandboxDocument, type SandboxOutcome } from '../../lib/grading/browser-sandbox';
import { totals, type TestResult } from '../../lib/grading/verdict';
import { receiveTest, type ShippedTest } from './tests-data';

let documentHtml: string | undefined;
/** The sandbox document, built once per page. */
const sandboxHtml = () => (documentHtml ??= sandboxDocument(runnerSource));

/** Where a run is. */
export type RunPhase = { kind: 'idle' } | { kind: 'transpiling' } | { kind: 'running'; index: number; total: number; name: string } | { kind: 'done' };

/** A finished run. */
export interface RunReport {
  results: TestResult[];
  totals: ReturnType<typeof totals>;
  durationMs: number;
  stopped?: SandboxOutcome['stopped'];
  /** Sandboxes used (more than one when a test hung). */
  sandboxes: number;
}

/** Runs the visible tests of one exercise against CommonJS code. */
export function useExerciseRun(tests: ShippedTest[], options: { pointsPerTest: number; timeoutMs: number; runLimitMs?: number }) {
  const decoded = useMemo(() => tests.map(receiveTest), [tests]);
  const [phase, setPhase] = useState<RunPhase>({ kind: 'idle' });
  const [report, setReport] = useState<RunReport | null>(null);
  const abort = useRef<AbortController | null>(null);

  /** Starts a run: the transpile step comes first, and Stop already cancels it. */
  const transpiling = useCallback(() => {
    abort.current?.abort();
    abort.current = new AbortController();
    setPhase({ kind: 'transpiling' });
  }, []);

  /** Runs every visible test in the sandbox; resolves with the report. */
  const run = useCallback(
    async (code: string): Promise<RunReport> => {
      const controller = abort.current ?? new AbortController();
      abort.current = controller;
      setPhase({ kind: 'running', index: 0, total: tests.length, name: tests[0]?.name ?? '' });
      const outcome = await runInSandbox({
        code,
        probes: tests.map((t) => t.probe),
        createFrame: iframeFactory(sandboxHtml()),
        timeoutMs: options.timeoutMs,
        runLimitMs: options.runLimitMs,
        signal: controller.signal,
        onProgress: (index, total, id) => setPhase({ kind: 'running', index, total, name: tests.find((t) => t.id === id)?.name ?? '' }),
      });
      const results = judgeOutcome(decoded, outcome, { pointsPerTest: options.pointsPerTest });
      const done: RunReport = { results, totals: totals(results), durationMs: outcome.durationMs, stopped: outcome.stopped, sandboxes: outcome.sandboxes };
      if (abort.current === controller) abort.current = null;
      setReport(done);
      setPhase({ kind: 'done' });
      return done;
    },
    [tests, decoded, options.pointsPerTest, options.timeoutMs, options.runLimitMs],
  );

  /** Reports a run that could not start (nothing to run), as errors on every test. */
  const fail = useCallback(
    (message: string): RunReport => {
      const results = decoded.map((t): TestResult => ({ id: t.id, name: t.name, task: t.task, visibility: 'visible', status: 'error', message, points: 0, maxPoints: t.points ?? options.pointsPerTest }));
      const done: RunReport = { results, totals: totals(results), durationMs: 0, sandboxes: 0 };
      setReport(done);
      setPhase({ kind: 'done' });
      return done;
    },
    [decoded, options.pointsPerTest],
  );

  /** Stops the run in progress (its sandbox is destroyed). */
  const stop = useCallback(() => abort.current?.abort(), []);

  return { phase, report, run, stop, fail, transpiling };
}
