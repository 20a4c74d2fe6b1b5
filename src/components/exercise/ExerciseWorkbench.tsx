/**
 * The exercise workbench (a `client:only="react"` island, exercise pages only): Monaco with
 * TypeScript diagnostics, Run (Ctrl/Cmd+Enter), Stop, progress, per-test verdicts and score,
 * the draft kept in the browser, Reset, and the solution after enough failed runs (or, in a
 * graded-cohort build, which ships no solution, a plain "not available in this course").
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { monaco, monacoThemeForPage, transpile, type CodeDiagnostic } from '../../scripts/monaco-setup';
import { browserStore, load, save, showStorageNotice } from '../../scripts/browser-store';
import type { TestResult, TestStatus } from '../../lib/grading/verdict';
import { describeOtherVersion, draftsArea, draftToSave, exercisesArea, maxDraftLength, newDraft, openOtherVersion, peekArea, withDraft, type ExerciseDraft, type ExerciseDrafts, type OtherDraftVersion } from './areas';
import { useExerciseRun, type RunReport } from './useExerciseRun';
import type { ShippedTest } from './tests-data';

/** Props, computed at build time from `exercises/<id>/`. */
export interface ExerciseWorkbenchProps {
  id: string;
  starter: string;
  /** The reference solution, or null in a graded-cohort build (then there is no button for it). */
  solution: string | null;
  tests: ShippedTest[];
  pointsPerTest: number;
  timeoutMs: number;
  solutionAfterAttempts: number;
}

const statusLabel: Record<TestStatus, string> = { passed: 'Passed', failed: 'Failed', error: 'Error', timeout: 'Timed out', 'not-run': 'Not run' };

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export default function ExerciseWorkbench(props: ExerciseWorkbenchProps) {
  const { id, starter, solution, tests, pointsPerTest, timeoutMs, solutionAfterAttempts } = props;
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const drafts = useRef<ExerciseDrafts>({});
  const draft = useRef<ExerciseDraft>(newDraft(starter, 0));
  const saveTimer = useRef<number | undefined>(undefined);
  /** The code this tab last read from or wrote to storage (to tell another tab's or an import's code from its own). */
  const lastSeenCode = useRef<string | undefined>(undefined);
  const [otherVersions, setOtherVersions] = useState<OtherDraftVersion[]>([]);
  const [ready, setReady] = useState(false);
  const [diagnostics, setDiagnostics] = useState<CodeDiagnostic[]>([]);
  const [failedRuns, setFailedRuns] = useState(0);
  const [solutionShown, setSolutionShown] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  /** Bumped after each run: focus moves to the results summary once it has rendered. */
  const [focusRequest, setFocusRequest] = useState(0);
  const { phase, report, run, stop, fail, transpiling } = useExerciseRun(tests, { pointsPerTest, timeoutMs });
  const running = phase.kind === 'running' || phase.kind === 'transpiling';

  /** Writes the current draft now (re-reading the area first so other exercises' drafts stay). */
  const flushDraft = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const code = editorRef.current?.getValue();
    if (code !== undefined && code !== draft.current.code) draft.current = { ...draft.current, code, savedAt: Date.now() };
    if (draft.current.code.length > maxDraftLength) {
      showStorageNotice(`Your code is longer than ${maxDraftLength.toLocaleString('en')} characters, so this browser keeps the last shorter version only.`);
      return;
    }
    const stored = peekArea(browserStore(), draftsArea, drafts.current);
    // Versions an import or another tab stored meanwhile are kept beside this tab's code, never written over.
    draft.current = draftToSave(Object.hasOwn(stored, id) ? stored[id] : undefined, draft.current, lastSeenCode.current, Date.now());
    drafts.current = withDraft(stored, id, draft.current);
    if (save(draftsArea, drafts.current)) lastSeenCode.current = draft.current.code;
    setOtherVersions(draft.current.others ?? []);
  }, [id]);

  // The editor: created once, with the saved draft (or the starter).
  useEffect(() => {
    drafts.current = load(draftsArea);
    draft.current = (Object.hasOwn(drafts.current, id) ? drafts.current[id] : undefined) ?? newDraft(starter, Date.now());
    lastSeenCode.current = Object.hasOwn(drafts.current, id) ? draft.current.code : undefined;
    setOtherVersions(draft.current.others ?? []);
    setFailedRuns(draft.current.failedRuns);
    setSolutionShown(draft.current.solutionSeen || (solutionAfterAttempts > 0 && draft.current.failedRuns >= solutionAfterAttempts));
    const uri = monaco.Uri.parse(`file:///exercises/${id}/submission.ts`);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(draft.current.code, 'typescript', uri);
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: monacoThemeForPage(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel: 'Your solution, in TypeScript. Press Control+M to switch Tab between indenting and moving focus.',
      accessibilitySupport: 'auto',
      fixedOverflowWidgets: true,
      wordWrap: 'on',
      // Reduced motion: a steady cursor and no animated scrolling.
      cursorBlinking: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'solid' : 'blink',
      smoothScrolling: false,
    });
    editorRef.current = editor;
    const changes = model.onDidChangeContent(() => {
      window.clearTimeout(saveTimer.current);
      saveTimer.current = window.setTimeout(flushDraft, 400);
    });
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      if (!uris.some((u) => u.toString() === uri.toString())) return;
      // Hints (unused names, shown faded in the editor) stay out of the list.
      setDiagnostics(
        monaco.editor
          .getModelMarkers({ resource: uri })
          .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
          .map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info' })),
      );
    });
    const themeWatch = new MutationObserver(() => monaco.editor.setTheme(monacoThemeForPage()));
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const onHide = () => {
      if (saveTimer.current !== undefined) flushDraft();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    (window as unknown as { rlabWorkbench?: unknown }).rlabWorkbench = { value: () => model.getValue(), setValue: (v: string) => model.setValue(v) };
    performance.mark('rlab:editor-ready');
    setReady(true);
    return () => {
      onHide();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      themeWatch.disconnect();
      markers.dispose();
      changes.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [id, starter, solutionAfterAttempts, flushDraft]);

  /** Transpiles, runs the visible tests in the sandbox, records the result, moves focus to the summary. */
  const runTests = useCallback(async () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || running) return;
    flushDraft();
    transpiling();
    setAnnouncement('Compiling your code…');
    const done: RunReport = await (async () => {
      let js: string;
      try {
        js = (await transpile(model)).js;
      } catch (error) {
        return fail(`Could not compile: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!js.trim()) return fail('TypeScript could not produce JavaScript from this code.');
      try {
        return await run(js);
      } catch (error) {
        // Not a compile problem: the run itself failed (for example a result that could not be read).
        return fail(`The run failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    const { passed, total } = done.totals;
    if (done.stopped === 'aborted') {
      // A stopped run is not an attempt: it neither counts towards the solution nor changes the status.
      setAnnouncement('Run stopped.');
      setFocusRequest((n) => n + 1);
      return;
    }
    const allPassed = total > 0 && passed === total;
    const failed = allPassed ? draft.current.failedRuns : draft.current.failedRuns + 1;
    draft.current = { ...draft.current, failedRuns: failed };
    setFailedRuns(failed);
    if (!allPassed && solutionAfterAttempts > 0 && failed >= solutionAfterAttempts) setSolutionShown(true);
    flushDraft();
    const statuses = peekArea(browserStore(), exercisesArea, {});
    save(exercisesArea, { ...statuses, [id]: { passed, total, at: Date.now() } });
    document.dispatchEvent(new Event('rlab:exercise-status'));
    setAnnouncement(`Run finished: ${passed} of ${total} tests passed.`);
    setFocusRequest((n) => n + 1);
  }, [running, flushDraft, transpiling, run, fail, solutionAfterAttempts, id]);

  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  // Ctrl/Cmd+Enter runs, from the editor and from anywhere in the workbench.
  const runRef = useRef(runTests);
  runRef.current = runTests;
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const action = editor.addAction({ id: 'rlab.run-tests', label: 'Run the tests', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => void runRef.current() });
    return () => action.dispose();
  }, [ready]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !(event.target as HTMLElement).closest('.monaco-editor')) {
      event.preventDefault();
      void runTests();
    }
  };

  const reset = () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (!window.confirm('Replace your code with the starter code? (Ctrl+Z in the editor undoes this.)')) return;
    editor.pushUndoStop();
    editor.executeEdits('reset', [{ range: model.getFullModelRange(), text: starter }]);
    editor.pushUndoStop();
    flushDraft();
    setAnnouncement('The editor holds the starter code again.');
    editor.focus();
  };

  /** Puts another version of the draft in the editor (undoable); the code it replaces is kept as an other version. */
  const openVersion = (index: number) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    flushDraft();
    draft.current = openOtherVersion(draft.current, index, Date.now());
    editor.pushUndoStop();
    editor.executeEdits('open-version', [{ range: model.getFullModelRange(), text: draft.current.code }]);
    editor.pushUndoStop();
    flushDraft();
    setAnnouncement('The editor holds the other version now; the code it replaced is listed under Other versions of this draft.');
    editor.focus();
  };

  const revealSolution = () => {
    const left = Math.max(0, solutionAfterAttempts - failedRuns);
    if (!solutionShown && !window.confirm(`Show the reference solution now?${left > 0 ? ` It appears by itself after ${left} more failed ${left === 1 ? 'run' : 'runs'}.` : ''} Trying first helps you remember.`)) return;
    draft.current = { ...draft.current, solutionSeen: true };
    flushDraft();
    setSolutionShown(true);
  };

  const goTo = (d: CodeDiagnostic) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.setPosition({ lineNumber: d.line, column: d.column });
    editor.revealLineInCenter(d.line);
    editor.focus();
  };

  const results: (TestResult | undefined)[] = tests.map((t) => report?.results.find((r) => r.id === t.id));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const progress =
    phase.kind === 'transpiling'
      ? 'Compiling your code…'
      : phase.kind === 'running'
        ? `Running test ${Math.min(phase.index + 1, phase.total)} of ${phase.total}${phase.name ? `: ${phase.name}` : ''}`
        : '';
  const toggleKey = isMac() ? 'Ctrl+Shift+M' : 'Ctrl+M';
  const runKey = isMac() ? 'Cmd+Enter' : 'Ctrl+Enter';

  return (
    <div className="rl-workbench" onKeyDown={onKeyDown} data-ready={ready ? 'true' : 'false'} data-runs={focusRequest} data-pagefind-ignore>
      <div className="rl-wb-toolbar" role="toolbar" aria-label="Exercise actions">
        <button type="button" className="rl-wb-run" onClick={() => void runTests()} disabled={!ready || running} aria-keyshortcuts="Control+Enter Meta+Enter">
          Run tests <kbd>{runKey}</kbd>
        </button>
        <button type="button" onClick={stop} disabled={!running}>
          Stop
        </button>
        <button type="button" onClick={reset} disabled={!ready || running}>
          Reset to starter
        </button>
        {solution !== null && (
          <button type="button" onClick={revealSolution} disabled={solutionShown} aria-controls="rl-wb-solution">
            {solutionShown ? 'Solution shown below' : 'Show solution'}
          </button>
        )}
      </div>
      <p className="rl-wb-keys" id="rl-wb-keys">
        In the editor, Tab indents. To leave it with the keyboard, press <kbd>{toggleKey}</kbd> (then Tab moves focus; press it again to indent
        with Tab). <kbd>{runKey}</kbd> runs the tests.
      </p>
      {/* not-content: Starlight's content spacing (a top margin on every block after another) would
          push each of Monaco's rows down, so text would land a row below the drawn caret. */}
      <div className="rl-wb-editor not-content" ref={host} aria-describedby="rl-wb-keys">
        {!ready && <p className="rl-wb-loading">Loading the editor…</p>}
      </div>
      {otherVersions.length > 0 && (
        <section className="rl-wb-versions" aria-labelledby="rl-wb-versions-title" data-other-versions={otherVersions.length}>
          <h2 id="rl-wb-versions-title">Other versions of this draft</h2>
          <p>A different draft of this exercise came in from an import (or another tab), so both are kept. The editor holds the most recently edited one.</p>
          <ul>
            {otherVersions.map((version, index) => (
              <li key={`${version.savedAt}-${index}`} className="rl-wb-version">
                <span>{describeOtherVersion(version)}</span>{' '}
                <button type="button" onClick={() => openVersion(index)} disabled={!ready || running}>
                  Open in the editor
                </button>
                <details>
                  <summary>Show its code</summary>
                  <pre tabIndex={0} aria-label="Code of this version">
                    <code>{version.code}</code>
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="rl-wb-diagnostics">
        <p className="rl-wb-diag-count">
          {ready ? (errors.length === 0 ? 'TypeScript: no errors.' : `TypeScript: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'} (the tests still run).`) : 'TypeScript: checking…'}
        </p>
        {diagnostics.length > 0 && (
          <ul aria-label="TypeScript problems">
            {diagnostics.slice(0, 20).map((d, i) => (
              <li key={`${d.line}:${d.column}:${i}`}>
                <button type="button" className="rl-wb-diag" data-severity={d.severity} onClick={() => goTo(d)}>
                  Line {d.line}, column {d.column}: {d.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <p className="rl-wb-progress" role="status" aria-live="polite">
        {progress || announcement}
      </p>

      <section className="rl-wb-results" aria-labelledby="rl-wb-results-title">
        <h2 id="rl-wb-results-title">Visible tests</h2>
        {report && (
          <p className="rl-wb-summary" ref={summaryRef} tabIndex={-1} data-passed={report.totals.passed} data-total={report.totals.total}>
            <strong>
              {report.totals.passed} of {report.totals.total} tests passed
            </strong>{' '}
            · score {report.totals.points} / {report.totals.maxPoints} points · {Math.round(report.durationMs)} ms
            {report.stopped === 'aborted' ? ' · stopped' : report.stopped === 'run-limit' ? ' · stopped at the run limit' : ''}
          </p>
        )}
        {!report && <p>Not run yet. The tests below run in a sandbox in this page; the graders also run hidden tests with other inputs.</p>}
        <div className="rl-wb-test-list" role="region" aria-label="Test results" tabIndex={0}>
          <ol>
            {tests.map((t, i) => {
              const r = results[i];
              return (
                <li key={t.id} className="rl-wb-test" data-test={t.id} data-status={r?.status ?? 'not-run'}>
                  <span className="rl-wb-badge" data-status={r?.status ?? 'pending'}>
                    {r ? statusLabel[r.status] : 'Not run'}
                  </span>{' '}
                  <span className="rl-wb-test-name">{t.name}</span> <span className="rl-wb-task">task {t.task}</span>
                  {r && r.status !== 'passed' && <p className="rl-wb-message">{r.message}</p>}
                  {r?.ms !== undefined && <span className="rl-wb-ms"> {r.ms} ms</span>}
                </li>
              );
            })}
          </ol>
        </div>
      </section>

      <section id="rl-wb-solution" className="rl-wb-solution" aria-labelledby="rl-wb-solution-title">
        <h2 id="rl-wb-solution-title">Reference solution</h2>
        {solution === null ? (
          <p className="rl-wb-no-solution">
            Not available in this course: your exercises are graded, so the reference solution is not part of these pages. If you are stuck,
            the hints under each task and your course staff can help.
          </p>
        ) : solutionShown ? (
          <>
            <p>
              {failedRuns >= solutionAfterAttempts && solutionAfterAttempts > 0
                ? `Shown after ${failedRuns} runs that did not pass every test.`
                : 'Shown on request.'}{' '}
              Compare it with yours; your own code stays in the editor.
            </p>
            <pre className="rl-wb-solution-code" tabIndex={0} aria-label="Reference solution code">
              <code>{solution}</code>
            </pre>
          </>
        ) : (
          <p>
            Appears after {solutionAfterAttempts} runs that do not pass every test ({failedRuns} so far), or when you ask for it.
          </p>
        )}
      </section>
    </div>
  );
}
