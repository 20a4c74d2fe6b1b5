/**
 * The post-mortem editor and action tracker of the post-mortems lesson. Thin: the review, the
 * deadlines, the tracker and the Markdown all come from the pure model; the machine holds the
 * documents; this file draws the form and talks to the browser (storage, files, clipboard, today).
 */
import { useMachine } from '@xstate/react';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { readArea, writeArea } from '../../src/lib/storage';
import { areaNotice, browserStore, problemMessage, wallClock } from '../../src/scripts/browser-store';
import {
  clipWords,
  FACTOR_CATEGORIES,
  issueCounts,
  LIMITS,
  PRIORITIES,
  PRIORITY_LABELS,
  priorityDeadline,
  reviewPostMortem,
  TARGET_PERCENT,
  type Impact,
  type Issue,
  type PostMortem,
  type Priority,
  type FactorCategory,
} from './document';
import type { Edit } from './editor';
import { lastResultArea } from '../incident/result-store';
import { currentDocument, postmortemMachine, type TrackerScope } from './machine';
import { markdownFileName, toMarkdown } from './markdown';
import { mergeForSave, parseImportedFile, postMortemFile, postmortemsArea } from './storage-area';
import { formatRate, trackPostMortems, type TrackerGroup } from './tracker';
import type { Severity } from '../incident/contract';
// The editor's styles travel with its lazily loaded code, so only a learner who reaches it downloads
// them (the site-wide CSS has a byte budget, and Astro would otherwise inline them in every lesson).
import styles from '../../src/styles/postmortem.css?inline';
import { downloadText } from '../../src/scripts/download';

/** Today's date in the learner's time zone: the one place the editor reads the clock. */
function realToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A problem's text without its field, which the field's label already gives. */
function withoutPath(issue: Issue): string {
  return issue.text.charAt(0).toUpperCase() + issue.text.slice(1);
}

const IMPACT_FIELDS: { field: keyof Impact; label: string }[] = [
  { field: 'detectionMinutes', label: 'Time to detect (min)' },
  { field: 'recoveryMinutes', label: 'Time to recover (min)' },
  { field: 'resolutionMinutes', label: 'Time to resolve (min)' },
  { field: 'usersAffected', label: 'Users affected' },
  { field: 'failedRequests', label: 'Failed requests' },
  { field: 'errorBudgetSpentPercent', label: 'Error budget spent (%)' },
];

/** The post-mortem editor and action tracker. Post-mortems are kept in this browser. */
export default function PostmortemView() {
  const [snapshot, send] = useMachine(postmortemMachine, { input: {} });
  const ctx = snapshot.context;
  const ready = !snapshot.matches('loading');
  const confirming = snapshot.matches({ ready: 'confirmingDelete' });
  const doc = currentDocument(ctx);
  const base = useId().replace(/:/g, '');
  const [fileMessage, setFileMessage] = useState<string | null>(null);
  const [copyMessage, setCopyMessage] = useState<string | null>(null);
  const [todayText, setTodayText] = useState('');
  const loaded = useRef(false);

  // Read the saved list once mounted (the server renders the loading state, so no hydration mismatch).
  useEffect(() => {
    const store = browserStore();
    const read = readArea(store, postmortemsArea, wallClock());
    if (read.problem) {
      areaNotice(postmortemsArea, `${problemMessage(read.problem, postmortemsArea.area)}${read.value.documents.length > 0 ? ' The readable post-mortems were kept.' : ''}`);
      // Backed up: replace the damaged copy with what could be read (writeArea refuses while no copy exists).
      if (read.problem.backupKey !== null) writeArea(store, postmortemsArea, read.value, wallClock());
    }
    const today = realToday();
    setTodayText(today);
    send({ type: 'documents.load', documents: read.value.documents, today });
    loaded.current = true;
  }, [send]);

  // Save on every change: re-read what is stored (another tab may have written) and merge by id.
  useEffect(() => {
    if (!ready || !loaded.current) return;
    const store = browserStore();
    const stored = readArea(store, postmortemsArea, wallClock());
    const documents = mergeForSave(stored.problem ? [] : stored.value.documents, ctx.documents, ctx.deletedIds);
    const error = writeArea(store, postmortemsArea, { documents }, wallClock());
    if (error) areaNotice(postmortemsArea, `${error}.`);
  }, [ready, ctx.documents, ctx.deletedIds]);

  const issues = useMemo(() => (doc ? reviewPostMortem(doc) : []), [doc]);
  const byPath = useMemo(() => {
    const map = new Map<string, Issue[]>();
    for (const issue of issues) map.set(issue.path, [...(map.get(issue.path) ?? []), issue]);
    return map;
  }, [issues]);
  const tracked = useMemo(() => (ctx.scope === 'all' ? ctx.documents : doc ? [doc] : []), [ctx.scope, ctx.documents, doc]);
  const report = useMemo(() => trackPostMortems(tracked, ctx.today), [tracked, ctx.today]);
  const markdown = useMemo(() => (doc ? toMarkdown(doc, ctx.today) : ''), [doc, ctx.today]);
  const counts = issueCounts(issues);

  const edit = (e: Edit) => send({ type: 'edit', edit: e });
  const fieldId = (path: string) => `${base}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
  const describedBy = (path: string, extra?: string) => {
    const ids = [byPath.has(path) ? `${fieldId(path)}-issues` : '', extra ?? ''].filter(Boolean).join(' ');
    return {
      id: fieldId(path),
      'aria-invalid': byPath.get(path)?.some((i) => i.level === 'error') ? (true as const) : undefined,
      'aria-describedby': ids || undefined,
    };
  };
  const fieldIssues = (path: string) => {
    const found = byPath.get(path);
    if (!found) return null;
    return (
      <span className="rl-pm-issues" id={`${fieldId(path)}-issues`}>
        {found.map((i) => (
          <span key={i.message} className={i.level === 'error' ? 'rl-pm-error' : 'rl-pm-warning'}>
            {i.level === 'error' ? 'Error: ' : 'Warning: '}
            {withoutPath(i)}
          </span>
        ))}
      </span>
    );
  };
  /** A labelled text field (or textarea) with its review notes under it. */
  const text = (label: ReactNode, path: string, value: string, onChange: (v: string) => void, opts: { multiline?: boolean; rows?: number; type?: string; hint?: ReactNode; className?: string; inputMode?: 'numeric' | 'decimal' } = {}) => (
    <div className={`rl-pm-field ${opts.className ?? ''}`}>
      <label className="rl-pm-label" htmlFor={fieldId(path)}>
        {label}
      </label>
      {opts.multiline ? (
        <textarea rows={opts.rows ?? 3} value={value} onChange={(e) => onChange(e.target.value)} {...describedBy(path, opts.hint ? `${fieldId(path)}-hint` : undefined)} />
      ) : (
        <input type={opts.type ?? 'text'} inputMode={opts.inputMode} value={value} onChange={(e) => onChange(e.target.value)} {...describedBy(path, opts.hint ? `${fieldId(path)}-hint` : undefined)} />
      )}
      {opts.hint && (
        <span className="rl-pm-hint" id={`${fieldId(path)}-hint`}>
          {opts.hint}
        </span>
      )}
      {fieldIssues(path)}
    </div>
  );
  const sectionIssues = (path: string) => {
    const found = byPath.get(path);
    return found ? (
      <ul className="rl-pm-section-issues" id={`${fieldId(path)}-issues`}>
        {found.map((i) => (
          <li key={i.message} className={i.level === 'error' ? 'rl-pm-error' : 'rl-pm-warning'}>
            {i.level === 'error' ? 'Error: ' : 'Warning: '}
            {withoutPath(i)}
          </li>
        ))}
      </ul>
    ) : null;
  };
  const button = (label: ReactNode, onClick: () => void, quiet = true, extra: { disabled?: boolean; className?: string } = {}) => (
    // aria-disabled, not disabled: a button at its limit keeps focus (a disabled one drops it to <body>).
    <button
      type="button"
      className={`rl-button ${quiet ? 'rl-button-quiet' : ''} ${extra.className ?? ''}`}
      onClick={extra.disabled ? undefined : onClick}
      aria-disabled={extra.disabled ? true : undefined}
    >
      {label}
    </button>
  );

  const prefillFromLastRun = () => {
    const read = readArea(browserStore(), lastResultArea, wallClock());
    if (read.problem) {
      setFileMessage(`Your last incident run could not be read: ${read.problem.message}. ${read.problem.backupKey ? `It was kept under "${read.problem.backupKey}".` : 'Storage is full, so it was left in place and is not written over.'}`);
      return;
    }
    if (!read.value) {
      setFileMessage('No incident run is saved in this browser yet: finish a run in the incident-response lesson, or import its result file below.');
      return;
    }
    setFileMessage(null);
    send({ type: 'prefill', result: read.value, from: 'your last incident run' });
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileMessage(null);
    if (file.size > 2_000_000) {
      send({ type: 'import.failed', file: file.name, errors: [`the file is ${Math.round(file.size / 1000)} kB; result files are far smaller (limit 2,000 kB)`] });
      return;
    }
    const parsed = parseImportedFile(await file.text());
    if (!parsed.ok) send({ type: 'import.failed', file: file.name, errors: parsed.errors });
    else if (parsed.value.kind === 'run-result') send({ type: 'prefill', result: parsed.value.result, from: file.name });
    else send({ type: 'import.postmortem', postmortem: parsed.value.postmortem, file: file.name });
  };

  const copyMarkdown = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setCopyMessage('Markdown copied.');
    } catch {
      setCopyMessage('The browser did not allow copying: select the text in "Preview the Markdown" and copy it yourself.');
    }
  };

  // Edits that add or remove a part of the document are announced too, until the next notice.
  const [editNotice, setEditNotice] = useState<string | null>(null);
  useEffect(() => setEditNotice(null), [ctx.notice]);
  const announce = ctx.refusal ? `Not changed: ${ctx.refusal}.` : (editNotice ?? ctx.notice ?? '');

  return (
    <div className="rl-sim rl-pm" data-sim="postmortem" data-ready={ready} data-state={confirming ? 'confirming-delete' : ready ? 'ready' : 'loading'}>
      <style href="rl-postmortem-styles" precedence="default">
        {styles}
      </style>
      {!ready && <p>Loading your post-mortems…</p>}
      {ready && (
        <>
          <section className="rl-pm-files" aria-labelledby={`${base}-files`}>
            <h3 id={`${base}-files`}>Your post-mortems</h3>
            <p className="rl-pm-note">Kept in this browser only. Start from the incident you commanded, from a result file, or from an empty page.</p>
            <div className="rl-pm-row">
              {ctx.documents.length > 0 && (
                <label className="rl-pm-field">
                  <span className="rl-pm-label">Open a post-mortem</span>
                  <select value={ctx.currentId ?? ''} onChange={(e) => send({ type: 'open', id: e.target.value })}>
                    {ctx.documents.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.title.trim() || d.incidentId.trim() || 'Untitled'} ({d.date || 'no date'})
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <div className="rl-sim-buttons rl-pm-wrap">
                {button('Prefill from my last incident run', prefillFromLastRun, false)}
                {button('New empty post-mortem', () => send({ type: 'new' }))}
                {doc && !confirming && button('Delete this post-mortem', () => send({ type: 'delete.request' }))}
              </div>
            </div>
            <label className="rl-pm-field rl-pm-file">
              <span className="rl-pm-label">Import a result file (an incident run's result, or a post-mortem saved as JSON)</span>
              <input type="file" accept=".json,application/json" onChange={importFile} />
            </label>
            {confirming && doc && (
              <div className="rl-sim-warning rl-pm-confirm" role="alertdialog" aria-labelledby={`${base}-confirm`}>
                <p id={`${base}-confirm`}>Delete “{doc.title.trim() || 'Untitled'}” from this browser? Download it as JSON first if you may want it back.</p>
                <div className="rl-sim-buttons">
                  {button('Yes, delete it', () => send({ type: 'delete.confirm' }), false)}
                  {button('Keep it', () => send({ type: 'delete.cancel' }))}
                </div>
              </div>
            )}
            {fileMessage && (
              <p className="rl-sim-warning" role="alert">
                {fileMessage}
              </p>
            )}
            {ctx.importErrors && (
              <div className="rl-sim-warning" role="alert" data-import-errors>
                <p>{ctx.importErrors.file} was not imported:</p>
                <ul>
                  {ctx.importErrors.errors.slice(0, 10).map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
                {ctx.importErrors.errors.length > 10 && <p>…and {ctx.importErrors.errors.length - 10} more.</p>}
              </div>
            )}
            <p className="rl-pm-live" aria-live="polite" data-notice>
              {announce}
            </p>
          </section>

          {!doc && <p className="rl-pm-note">No post-mortem open. Prefill one from your last incident run, import a result file, or start an empty one.</p>}

          {doc && (
            <>
              <form className="rl-pm-form" aria-labelledby={`${base}-doc`} onSubmit={(e) => e.preventDefault()}>
                <h3 id={`${base}-doc`}>Post-mortem: {doc.title.trim() || 'untitled'}</h3>
                {doc.fromRun && (
                  <p className="rl-pm-note">
                    Prefilled from incident run <code>{doc.fromRun.scenario}</code>, seed {doc.fromRun.seed}, team {doc.fromRun.team || 'unnamed'}. Check each timeline entry
                    against its source; the factors and action items are yours to write.
                  </p>
                )}

                <fieldset className="rl-pm-group">
                  <legend>Incident</legend>
                  <div className="rl-pm-grid">
                    {text('Title', 'title', doc.title, (v) => edit({ type: 'text', field: 'title', value: v }))}
                    {text('Incident id', 'incidentId', doc.incidentId, (v) => edit({ type: 'text', field: 'incidentId', value: v }))}
                    {text('Incident date', 'date', doc.date, (v) => edit({ type: 'text', field: 'date', value: v }), { type: 'date', hint: 'Action item deadlines count from this day.' })}
                    <label className="rl-pm-field">
                      <span className="rl-pm-label">Severity</span>
                      <select value={doc.severity} onChange={(e) => edit({ type: 'severity', value: Number(e.target.value) as Severity })} {...describedBy('severity')}>
                        {[1, 2, 3, 4].map((s) => (
                          <option key={s} value={s}>
                            SEV-{s}
                            {s <= 2 ? ' (major incident)' : ''}
                          </option>
                        ))}
                      </select>
                    </label>
                    {text('Facilitator (not the incident commander)', 'facilitator', doc.facilitator, (v) => edit({ type: 'text', field: 'facilitator', value: v }))}
                    {text('Participants (comma-separated)', 'participants', doc.participants, (v) => edit({ type: 'text', field: 'participants', value: v }))}
                  </div>
                  {text('Summary (for a reader who was not there: impact, duration, cause, fix)', 'summary', doc.summary, (v) => edit({ type: 'text', field: 'summary', value: v }), {
                    multiline: true,
                  })}
                </fieldset>

                <fieldset className="rl-pm-group">
                  <legend>Impact (minutes from impact start)</legend>
                  <div className="rl-pm-grid rl-pm-grid-narrow">
                    {IMPACT_FIELDS.map(({ field, label }) => (
                      <div key={field}>{text(label, `impact.${field}`, doc.impact[field], (v) => edit({ type: 'impact', field, value: v }), { inputMode: 'decimal' })}</div>
                    ))}
                  </div>
                </fieldset>

                <fieldset className="rl-pm-group">
                  <legend>Timeline</legend>
                  {sectionIssues('timeline')}
                  <ol className="rl-pm-list">
                    {doc.timeline.map((line, i) => (
                      <li key={i} className="rl-pm-row rl-pm-timeline">
                        {text(
                          <>
                            Minute<span className="sr-only"> of timeline entry {i + 1}</span>
                          </>,
                          `timeline[${i}].minute`,
                          line.minute,
                          (v) => edit({ type: 'timeline.edit', index: i, field: 'minute', value: v }),
                          { inputMode: 'numeric', className: 'rl-pm-minute' },
                        )}
                        {text(
                          <>
                            Event<span className="sr-only"> of timeline entry {i + 1}</span>
                          </>,
                          `timeline[${i}].event`,
                          line.event,
                          (v) => edit({ type: 'timeline.edit', index: i, field: 'event', value: v }),
                          // A textarea that grows with its text: an entry is read in full, never cut.
                          { className: 'rl-pm-grow rl-pm-event', multiline: true, rows: 1 },
                        )}
                        {text(
                          <>
                            Source<span className="sr-only"> of timeline entry {i + 1}</span>
                          </>,
                          `timeline[${i}].source`,
                          line.source,
                          (v) => edit({ type: 'timeline.edit', index: i, field: 'source', value: v }),
                          { multiline: true, rows: 1 },
                        )}
                        {button(
                          <>
                            Remove<span className="sr-only"> timeline entry {i + 1}</span>
                          </>,
                          () => edit({ type: 'timeline.remove', index: i }),
                        )}
                      </li>
                    ))}
                  </ol>
                  {button('Add timeline entry', () => edit({ type: 'timeline.add' }), true, { disabled: doc.timeline.length >= LIMITS.timeline })}
                </fieldset>

                <fieldset className="rl-pm-group">
                  <legend>Contributing factors and their 5 Whys</legend>
                  <p className="rl-pm-note">
                    One branch per factor: walk from the symptom towards something you can change. Name system conditions, not people; "human" may start an analysis,
                    never end it.
                  </p>
                  {sectionIssues('factors')}
                  {doc.factors.map((factor, f) => (
                    <fieldset key={factor.id} className="rl-pm-item" data-factor={factor.id}>
                      <legend>
                        Factor {factor.id}
                        {factor.description.trim() ? `: ${clipWords(factor.description, 60)}` : ''}
                      </legend>
                      <div className="rl-pm-grid">
                        {text(
                          <>
                            Description<span className="sr-only"> of {factor.id}</span>
                          </>,
                          `factors[${f}].description`,
                          factor.description,
                          (v) => edit({ type: 'factor.edit', index: f, field: 'description', value: v }),
                        )}
                        <div className="rl-pm-field">
                          <label className="rl-pm-label" htmlFor={fieldId(`factors[${f}].category`)}>
                            Category<span className="sr-only"> of {factor.id}</span>
                          </label>
                          <select value={factor.category} onChange={(e) => edit({ type: 'factor.category', index: f, value: e.target.value as FactorCategory })} {...describedBy(`factors[${f}].category`)}>
                            {FACTOR_CATEGORIES.map((c) => (
                              <option key={c} value={c}>
                                {c}
                              </option>
                            ))}
                          </select>
                          {fieldIssues(`factors[${f}].category`)}
                        </div>
                      </div>
                      {sectionIssues(`factors[${f}].whys`)}
                      <ol className="rl-pm-list">
                        {factor.whys.map((step, w) => (
                          <li key={w} className="rl-pm-row rl-pm-why">
                            {text(
                              <>
                                Why {w + 1}?<span className="sr-only"> ({factor.id})</span>
                              </>,
                              `factors[${f}].whys[${w}].why`,
                              step.why,
                              (v) => edit({ type: 'why.edit', factor: f, index: w, field: 'why', value: v }),
                              { className: 'rl-pm-grow' },
                            )}
                            {text(
                              <>
                                Because {w + 1}
                                <span className="sr-only"> ({factor.id})</span>
                              </>,
                              `factors[${f}].whys[${w}].because`,
                              step.because,
                              (v) => edit({ type: 'why.edit', factor: f, index: w, field: 'because', value: v }),
                              { className: 'rl-pm-grow' },
                            )}
                            {button(
                              <>
                                Remove<span className="sr-only"> why {w + 1} of {factor.id}</span>
                              </>,
                              () => edit({ type: 'why.remove', factor: f, index: w }),
                            )}
                          </li>
                        ))}
                      </ol>
                      {text(
                        <>
                          Evidence<span className="sr-only"> for {factor.id}</span> (links to graphs, logs, chat)
                        </>,
                        `factors[${f}].evidence`,
                        factor.evidence,
                        (v) => edit({ type: 'factor.edit', index: f, field: 'evidence', value: v }),
                      )}
                      <div className="rl-sim-buttons rl-pm-wrap">
                        {button(
                          <>
                            Ask why again<span className="sr-only"> ({factor.id})</span>
                          </>,
                          () => edit({ type: 'why.add', factor: f }),
                          true,
                          { disabled: factor.whys.length >= LIMITS.whys },
                        )}
                        {button(
                          <>
                            Remove factor<span className="sr-only"> {factor.id}</span>
                          </>,
                          () => edit({ type: 'factor.remove', index: f }),
                        )}
                      </div>
                    </fieldset>
                  ))}
                  {button('Add a contributing factor (another branch)', () => edit({ type: 'factor.add' }), true, { disabled: doc.factors.length >= LIMITS.factors })}
                </fieldset>

                <fieldset className="rl-pm-group">
                  <legend>What went well, what went wrong, where we got lucky</legend>
                  {(['wentWell', 'lucky'] as const).map((list) => (
                    <div key={list} className="rl-pm-sublist">
                      <h4>{list === 'wentWell' ? 'What went well (protect it)' : 'Where we got lucky'}</h4>
                      {sectionIssues(list)}
                      <ul className="rl-pm-list">
                        {doc[list].map((entry, i) => (
                          <li key={i} className="rl-pm-row">
                            {text(
                              <>
                                {list === 'wentWell' ? 'Went well' : 'Lucky'} {i + 1}
                              </>,
                              `${list}[${i}]`,
                              entry,
                              (v) => edit({ type: 'list.edit', list, index: i, value: v }),
                              { className: 'rl-pm-grow' },
                            )}
                            {button(
                              <>
                                Remove<span className="sr-only"> {list === 'wentWell' ? 'went well' : 'lucky'} {i + 1}</span>
                              </>,
                              () => edit({ type: 'list.remove', list, index: i }),
                            )}
                          </li>
                        ))}
                      </ul>
                      {button(list === 'wentWell' ? 'Add what went well' : 'Add where we got lucky', () => edit({ type: 'list.add', list }))}
                    </div>
                  ))}
                  <div className="rl-pm-sublist">
                    <h4>What went wrong (each needs an action item)</h4>
                    <ul className="rl-pm-list">
                      {doc.wentWrong.map((w, i) => (
                        <li key={w.id} className="rl-pm-row">
                          {text(`Went wrong ${w.id}`, `wentWrong[${i}]`, w.text, (v) => edit({ type: 'wrong.edit', index: i, value: v }), { className: 'rl-pm-grow' })}
                          {button(
                            <>
                              Remove<span className="sr-only"> went wrong {w.id}</span>
                            </>,
                            () => edit({ type: 'wrong.remove', index: i }),
                          )}
                        </li>
                      ))}
                    </ul>
                    {button('Add what went wrong', () => edit({ type: 'wrong.add' }))}
                  </div>
                </fieldset>

                <fieldset className="rl-pm-group">
                  <legend>Action items</legend>
                  <p className="rl-pm-note">
                    Deadlines follow the priority, counted from the incident date: P0 within 3 days, P1 within 7, P2 within 31, P3 when possible. If the work does not fit, change
                    the priority openly.
                  </p>
                  {sectionIssues('actionItems')}
                  {doc.actionItems.map((item, i) => {
                    const deadline = priorityDeadline(doc.date, item.priority);
                    const p = `actionItems[${i}]`;
                    const targets = [...doc.factors.map((f) => ({ id: f.id, text: f.description })), ...doc.wentWrong.map((w) => ({ id: w.id, text: w.text }))];
                    return (
                      <fieldset key={item.id} className="rl-pm-item" data-action={item.id} data-status={item.status}>
                        <legend>
                          Action item {item.id}
                          {item.description.trim() ? `: ${clipWords(item.description, 60)}` : ''}
                        </legend>
                        <div className="rl-pm-grid">
                          {text(
                            <>
                              Description<span className="sr-only"> of {item.id}</span>
                            </>,
                            `${p}.description`,
                            item.description,
                            (v) => edit({ type: 'action.edit', index: i, field: 'description', value: v }),
                          )}
                          {text(
                            <>
                              Owner<span className="sr-only"> of {item.id}</span>
                            </>,
                            `${p}.owner`,
                            item.owner,
                            (v) => edit({ type: 'action.edit', index: i, field: 'owner', value: v }),
                          )}
                          <label className="rl-pm-field">
                            <span className="rl-pm-label">
                              Priority<span className="sr-only"> of {item.id}</span>
                            </span>
                            <select value={item.priority} onChange={(e) => edit({ type: 'action.priority', index: i, value: e.target.value as Priority })} {...describedBy(`${p}.priority`)}>
                              {PRIORITIES.map((pr) => (
                                <option key={pr} value={pr}>
                                  {PRIORITY_LABELS[pr]}
                                </option>
                              ))}
                            </select>
                          </label>
                          {text(
                            <>
                              Due date<span className="sr-only"> of {item.id}</span>
                            </>,
                            `${p}.dueDate`,
                            item.dueDate,
                            (v) => edit({ type: 'action.edit', index: i, field: 'dueDate', value: v }),
                            {
                              type: 'date',
                              hint: deadline ? `Empty: the ${item.priority} deadline, ${deadline}.` : `Empty: no deadline (${item.priority}).`,
                            },
                          )}
                          {text(
                            <>
                              Success criteria<span className="sr-only"> of {item.id}</span>
                            </>,
                            `${p}.successCriteria`,
                            item.successCriteria,
                            (v) => edit({ type: 'action.edit', index: i, field: 'successCriteria', value: v }),
                          )}
                        </div>
                        <fieldset className="rl-pm-answers" aria-describedby={byPath.has(`${p}.addresses`) ? `${fieldId(`${p}.addresses`)}-issues` : undefined}>
                          <legend>
                            {item.id} answers<span className="sr-only"> (factors and things that went wrong)</span>
                          </legend>
                          {targets.length === 0 && <span className="rl-pm-note">Add a factor or something that went wrong first.</span>}
                          {targets.map((t) => (
                            <label key={t.id} className="rl-pm-check">
                              <input
                                type="checkbox"
                                checked={item.addresses.includes(t.id)}
                                onChange={(e) => edit({ type: 'action.addresses', index: i, id: t.id, answers: e.target.checked })}
                              />
                              {t.id}
                              <span className="sr-only"> for {item.id}</span>: {clipWords(t.text, 50) || '(empty)'}
                            </label>
                          ))}
                          {fieldIssues(`${p}.addresses`)}
                        </fieldset>
                        <div className="rl-pm-row">
                          <label className="rl-pm-check">
                            <input type="checkbox" checked={item.status === 'done'} onChange={(e) => edit({ type: 'action.status', index: i, done: e.target.checked, today: ctx.today })} />
                            Done<span className="sr-only"> ({item.id})</span>
                          </label>
                          {item.status === 'done' &&
                            text(
                              <>
                                Done on<span className="sr-only"> ({item.id})</span>
                              </>,
                              `${p}.doneDate`,
                              item.doneDate,
                              (v) => edit({ type: 'action.edit', index: i, field: 'doneDate', value: v }),
                              { type: 'date' },
                            )}
                          {button(
                            <>
                              Remove action item<span className="sr-only"> {item.id}</span>
                            </>,
                            () => edit({ type: 'action.remove', index: i }),
                          )}
                        </div>
                      </fieldset>
                    );
                  })}
                  {button(
                    'Add action item',
                    () => {
                      edit({ type: 'action.add' });
                      setEditNotice(`Added action item ${doc.actionItems.length + 1}; fill in its description, owner and priority.`);
                    },
                    false,
                    { disabled: doc.actionItems.length >= LIMITS.actionItems },
                  )}
                </fieldset>
              </form>

              <section className="rl-pm-review" aria-labelledby={`${base}-review`} data-errors={counts.errors} data-warnings={counts.warnings}>
                <h3 id={`${base}-review`}>Review: {counts.text}</h3>
                {issues.length === 0 ? (
                  <p>The review found nothing to fix.</p>
                ) : (
                  <ul>
                    {issues.map((i) => (
                      <li key={i.message} className={i.level === 'error' ? 'rl-pm-error' : 'rl-pm-warning'}>
                        <a
                          href={`#${fieldId(i.path)}`}
                          onClick={(e) => {
                            const target = document.getElementById(fieldId(i.path));
                            if (!target) return;
                            e.preventDefault();
                            target.focus();
                          }}
                        >
                          {i.level === 'error' ? 'Error' : 'Warning'}: {i.message}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          )}

          <section className="rl-pm-tracker" aria-labelledby={`${base}-tracker`} data-on-track={report.onTrack}>
            <h3 id={`${base}-tracker`}>Action tracker</h3>
            <div className="rl-pm-row">
              <div className="rl-pm-field">
                <label className="rl-pm-label" htmlFor={`${base}-today`}>
                  Today (move it to see items go overdue)
                </label>
                <input
                  id={`${base}-today`}
                  type="date"
                  value={todayText}
                  onChange={(e) => {
                    setTodayText(e.target.value);
                    send({ type: 'today.set', value: e.target.value });
                  }}
                  aria-invalid={ctx.todayError ? true : undefined}
                  aria-describedby={ctx.todayError ? `${base}-today-error` : undefined}
                />
                {ctx.todayError && (
                  <span className="rl-pm-error" id={`${base}-today-error`}>
                    {ctx.todayError}
                  </span>
                )}
              </div>
              <label className="rl-pm-field">
                <span className="rl-pm-label">Track</span>
                <select value={ctx.scope} onChange={(e) => send({ type: 'scope.set', scope: e.target.value as TrackerScope })}>
                  <option value="this">This post-mortem</option>
                  <option value="all">All {ctx.documents.length} post-mortems in this browser</option>
                </select>
              </label>
            </div>
            <dl className="rl-pm-figures">
              <div>
                <dt>Completion</dt>
                <dd data-figure="completion">
                  {formatRate(report.completionRate)} ({report.completed} of {report.total})
                </dd>
              </div>
              <div>
                <dt>Overdue</dt>
                <dd data-figure="overdue">{report.overdue.length}</dd>
              </div>
              <div>
                <dt>Closed late</dt>
                <dd data-figure="closed-late">{report.closedLate}</dd>
              </div>
              <div>
                <dt>Target</dt>
                <dd>{TARGET_PERCENT}% done, nothing overdue</dd>
              </div>
            </dl>
            <p className="rl-pm-verdict" aria-live="polite">
              <span className={`rl-pm-badge ${report.onTrack ? 'rl-pm-badge-ok' : 'rl-pm-badge-off'}`} data-badge>
                {report.onTrack ? 'On track' : 'Not on track'}
              </span>{' '}
              <span data-verdict>{report.verdict}</span>
            </p>
            {report.overdue.length > 0 && (
              <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Overdue action items">
                <table className="rl-sim-table" data-table="overdue">
                  <caption>Overdue on {report.today}, oldest due first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Priority</th>
                      <th scope="col">Due</th>
                      {ctx.scope === 'all' && <th scope="col">Post-mortem</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {report.overdue.map((o) => (
                      <tr key={`${o.postmortemId}/${o.id}`}>
                        <th scope="row">
                          {o.id}: {o.description.trim() || '(no description)'}
                        </th>
                        <td>{o.owner.trim() || '(no owner)'}</td>
                        <td>{o.priority}</td>
                        <td>{o.due}</td>
                        {ctx.scope === 'all' && <td>{o.postmortemTitle}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {report.total > 0 && (
              <div className="rl-pm-grid">
                <GroupTable caption="By owner" groups={report.byOwner} name="owner" />
                <GroupTable caption="By priority" groups={report.byPriority} name="priority" />
              </div>
            )}
          </section>

          {doc && (
            <section className="rl-pm-export" aria-labelledby={`${base}-export`}>
              <h3 id={`${base}-export`}>Export</h3>
              <div className="rl-sim-buttons rl-pm-wrap">
                {button('Download Markdown', () => downloadText(markdownFileName(doc), 'text/markdown', markdown), false)}
                {button('Copy Markdown', () => void copyMarkdown())}
                {button('Download JSON (to import elsewhere)', () => downloadText(markdownFileName(doc).replace(/\.md$/, '.json'), 'application/json', postMortemFile(doc)))}
              </div>
              <p className="rl-pm-live" role="status">
                {copyMessage}
              </p>
              <details>
                <summary>Preview the Markdown</summary>
                <label className="rl-pm-field">
                  <span className="rl-pm-label">Markdown of this post-mortem</span>
                  <textarea readOnly rows={14} value={markdown} />
                </label>
              </details>
            </section>
          )}
        </>
      )}
    </div>
  );
}

/** Completion per owner or priority, as a table. */
function GroupTable({ caption, groups, name }: { caption: string; groups: TrackerGroup[]; name: string }) {
  return (
    <div className="rl-table-scroll" tabIndex={0} role="region" aria-label={`Completion ${caption.toLowerCase()}`}>
      <table className="rl-sim-table" data-table={`by-${name}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{name === 'owner' ? 'Owner' : 'Priority'}</th>
            <th scope="col">Done</th>
            <th scope="col">Rate</th>
            <th scope="col">Overdue</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-key={g.key}>
              <th scope="row">{g.key}</th>
              <td>
                {g.completed} of {g.total}
              </td>
              <td>{g.total === 0 ? '—' : formatRate(g.completionRate)}</td>
              <td>{g.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
