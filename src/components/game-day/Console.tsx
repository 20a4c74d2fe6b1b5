/**
 * The game-day facilitator console: set up a seeded scenario (built-in or the instructor's own
 * file), run the simulated clock, fire injects, record the team's actions, and debrief with the
 * metrics, the timeline and the exports. The machine (`simulations/game-day/machine.ts`) holds the
 * inputs; the incident is always `engine.stateAt(scenario, seed, actions, minute)`. Every change
 * is broadcast to the team view (`/game-day/team/`).
 */
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { withBase } from '../../lib/base-path.mjs';
import type { RunResult, Scenario } from '../../../simulations/incident/contract';
import { engine, gameDayScenarios } from '../../../simulations/game-day/engine';
import { gameDayMachine, liveGame, type ActionInput, type RestoredGame } from '../../../simulations/game-day/machine';
import { clockText, faster, SPEEDS, speedLabel, type Speed } from '../../../simulations/game-day/clock';
import { STRESS_LEVELS, STRESS_PACE, type StressLevel } from '../../../simulations/game-day/stress';
import { MAX_SEED, setupFromSearch, setupToSearch, type GameDaySetup } from '../../../simulations/game-day/params';
import { liveGameArea, type StateMessage } from '../../../simulations/game-day/sync';
import { lastGameDayResultArea, resultFileName } from '../../../simulations/game-day/results';
import { PHASE_TEXT, ROLE_TEXT } from '../../../simulations/game-day/team-view';
import { nextSeed } from '../../../simulations/burn-rate/params';
import { useLinkedParams, type LinkedParams } from '../../simulations/use-linked-params';
import { load, save } from '../../scripts/browser-store';
import { consoleChannel } from './channel';
import ActionPanel from './ActionPanel';
import SignalCharts from './SignalCharts';
import Timeline from './Timeline';
import { roles } from '../../../simulations/incident/contract';
import { downloadText } from '../../scripts/download';

const SCENARIO_IDS = gameDayScenarios.map((s) => s.id);
const LINK: LinkedParams<GameDaySetup> = {
  read: (search) => setupFromSearch(search, SCENARIO_IDS),
  write: (setup, existing) => setupToSearch(setup, existing),
};
const STRESS_TEXT: Record<StressLevel, string> = {
  off: 'Off: you fire injects by hand',
  low: `Low: a distraction every ${STRESS_PACE.low.minGap}-${STRESS_PACE.low.maxGap} min (at most ${STRESS_PACE.low.maxInjects})`,
  high: `High: every inject, the second failure too, every ${STRESS_PACE.high.minGap}-${STRESS_PACE.high.maxGap} min`,
};

/** Turns a stored live game back into a game the machine can resume, or says why not. */
function restorable(message: StateMessage): { ok: true; game: RestoredGame } | { ok: false; reason: string } {
  const g = message.game;
  let scenario: Scenario | undefined;
  if (g.scenario.kind === 'built-in') {
    const id = g.scenario.id;
    scenario = gameDayScenarios.find((s) => s.id === id);
    if (!scenario) return { ok: false, reason: `its scenario "${id}" is not built in any more` };
  } else {
    const parsed = engine.parseScenario(g.scenario.scenario);
    if (!parsed.ok) return { ok: false, reason: `its own scenario no longer validates: ${parsed.errors.slice(0, 2).join('; ')}` };
    scenario = parsed.scenario;
  }
  const source = g.scenario.kind === 'built-in' ? g.scenario : { kind: 'custom' as const, scenario };
  return { ok: true, game: { source, scenario, seed: g.seed, team: g.team, actions: g.actions, minute: g.minute, speed: g.speed, stress: g.stress } };
}

/** The facilitator console island. */
export default function Console({ base }: { base: string }) {
  const [snapshot, send] = useMachine(gameDayMachine, { input: { engine, scenarios: gameDayScenarios } });
  const c = snapshot.context;
  const status = snapshot.value as 'setup' | 'running' | 'paused' | 'ended';
  const setup: GameDaySetup = { scenario: c.source.kind === 'built-in' ? c.source.id : (SCENARIO_IDS[0] ?? ''), seed: c.seed, team: c.team, speed: c.speed, stress: c.stress };
  const { problems: linkProblems, ready } = useLinkedParams(setup, LINK, (p) => {
    send({ type: 'setup.scenario', id: p.scenario });
    send({ type: 'setup.seed', seed: p.seed });
    send({ type: 'setup.team', team: p.team });
    send({ type: 'speed.set', speed: p.speed });
    send({ type: 'stress.set', stress: p.stress });
  });

  // The live game, published on every change; a hello from a late team view gets the current one.
  const game = useMemo(() => liveGame(c, status), [c, status]);
  const gameRef = useRef(game);
  gameRef.current = game;
  const channelRef = useRef<ReturnType<typeof consoleChannel> | null>(null);
  const [resume, setResume] = useState<{ message: StateMessage; game: RestoredGame } | { message: StateMessage; reason: string } | null>(null);
  useEffect(() => {
    // Read what this browser was running before publishing anything over it.
    const stored = load(liveGameArea);
    if (stored && !stored.game.ended && (stored.game.minute > 0 || stored.game.actions.length > 0)) {
      const r = restorable(stored);
      setResume(r.ok ? { message: stored, game: r.game } : { message: stored, reason: r.reason });
    }
    const channel = consoleChannel(() => gameRef.current);
    channelRef.current = channel;
    return () => channel.close();
  }, []);
  useEffect(() => {
    if (ready) channelRef.current?.send(game);
  }, [game, ready]);

  // Custom scenario file.
  const [fileErrors, setFileErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const loadScenario = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    let value: unknown;
    try {
      value = JSON.parse(await file.text());
    } catch (error) {
      setFileErrors({ file: file.name, errors: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] });
      return;
    }
    const parsed = engine.parseScenario(value);
    if (!parsed.ok) {
      setFileErrors({ file: file.name, errors: parsed.errors });
      return;
    }
    setFileErrors(null);
    send({ type: 'setup.custom', scenario: parsed.scenario });
  };

  // Debrief: the result is written once when the game ends, with the wall-clock time of the export.
  const [saved, setSaved] = useState<string | null>(null);
  const result = useMemo<RunResult | null>(() => (status === 'ended' ? engine.toResult(c.state, c.team || 'Team', new Date().toISOString()) : null), [status, c.state, c.team]);
  useEffect(() => {
    if (!result) return setSaved(null);
    setSaved(save(lastGameDayResultArea, result) ? 'Saved in this browser: the post-mortem editor can start from it.' : null);
  }, [result]);

  // A named window: pressing the button again brings the same projector window back.
  const openTeamView = () => window.open(withBase('/game-day/team/', base), 'rlab-game-day-team');

  const state = c.state;
  const fired = new Set(c.actions.flatMap((a) => (a.kind === 'inject' ? [a.inject] : [])));
  const upcoming = c.schedule.filter((s) => s.at > c.minute && !fired.has(s.inject));
  const playing = status === 'running';
  const inGame = status === 'running' || status === 'paused';

  return (
    <div className="gd-console not-content" data-ready={ready} data-status={status}>
      {linkProblems.length > 0 && (
        <p className="rl-sim-warning" role="status">
          Some settings in the link were not understood and were skipped: {linkProblems.join('; ')}.
        </p>
      )}
      {resume && status === 'setup' && (
        <div className="rl-sim-warning gd-resume">
          {'game' in resume ? (
            <>
              <p>
                This browser was running a game day ({resume.game.team || 'unnamed team'}, {resume.game.scenario.title}, seed {resume.game.seed}, minute{' '}
                {resume.game.minute}, {resume.game.actions.length} actions).
              </p>
              <button
                type="button"
                className="rl-button"
                onClick={() => {
                  send({ type: 'game.restore', game: resume.game });
                  setResume(null);
                }}
              >
                Resume it (paused)
              </button>{' '}
              <button type="button" className="rl-button rl-button-quiet" onClick={() => setResume(null)}>
                Start a new one
              </button>
            </>
          ) : (
            <p>The game day this browser was running cannot be resumed: {resume.reason}.</p>
          )}
        </div>
      )}

      <section className="gd-bar" aria-label="Clock and status">
        <p className="gd-clock" aria-label={`Simulated time ${clockText(c.minute)}`}>
          {clockText(c.minute)}
        </p>
        <p className="gd-status">
          <strong>{status === 'setup' ? 'Setting up' : status === 'running' ? 'Running' : status === 'paused' ? 'Paused' : 'Ended'}</strong> · {PHASE_TEXT[state.phase]}
          {state.severity && ` · SEV-${state.severity}`}
        </p>
        <p className="gd-live" aria-live="polite" role="status">
          {c.announcement}
        </p>
        <div className="rl-sim-buttons gd-wrap">
          {/* One button for start, pause and run, so focus stays on it when its job changes. */}
          {(status === 'setup' || inGame) && (
            <button
              type="button"
              className="rl-button"
              onClick={() => send(status === 'setup' ? { type: 'game.start' } : { type: playing ? 'game.pause' : 'game.resume' })}
            >
              {status === 'setup' ? 'Start the game day' : playing ? 'Pause the clock' : 'Run the clock'}
            </button>
          )}
          {inGame && (
            <button
              type="button"
              className="rl-button rl-button-quiet"
              aria-disabled={c.speed === '1s'}
              onClick={() => c.speed !== '1s' && send({ type: 'speed.set', speed: faster(c.speed) })}
            >
              Faster
            </button>
          )}
          <button type="button" className="rl-button rl-button-quiet" onClick={openTeamView}>
            Open the team view
          </button>
          {/* End and New share one button, so focus is not dropped when the game day ends. */}
          {(inGame || status === 'ended') && (
            <button type="button" className="rl-button rl-button-quiet" onClick={() => send({ type: inGame ? 'game.end' : 'game.reset' })}>
              {inGame ? 'End the game day' : 'New game day'}
            </button>
          )}
        </div>
        {c.error && (
          <p className="rl-sim-warning" role="alert">
            {c.error}
          </p>
        )}
      </section>

      <div className="rl-sim-controls gd-setup">
        <label>
          Scenario
          <select
            value={c.source.kind === 'built-in' ? c.source.id : 'custom'}
            disabled={status !== 'setup'}
            onChange={(e) => (e.target.value === 'custom' ? undefined : send({ type: 'setup.scenario', id: e.target.value }))}
          >
            {gameDayScenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
            {c.source.kind === 'custom' && <option value="custom">Your file: {c.scenario.title}</option>}
          </select>
        </label>
        <label>
          Or your own scenario (JSON)
          <input type="file" accept=".json,application/json" disabled={status !== 'setup'} onChange={loadScenario} />
        </label>
        <label>
          Seed
          <input
            type="number"
            min={0}
            max={MAX_SEED}
            value={c.seed}
            disabled={status !== 'setup'}
            onChange={(e) => e.target.value !== '' && send({ type: 'setup.seed', seed: Number(e.target.value) })}
          />
        </label>
        <button type="button" className="rl-button rl-button-quiet" disabled={status !== 'setup'} onClick={() => send({ type: 'setup.seed', seed: nextSeed(c.seed) })}>
          New seed
        </button>
        <label>
          Team name
          <input type="text" value={c.team} maxLength={80} onChange={(e) => send({ type: 'setup.team', team: e.target.value })} autoComplete="off" />
        </label>
        <label>
          Clock speed
          <select value={c.speed} onChange={(e) => send({ type: 'speed.set', speed: e.target.value as Speed })}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stress dial
          <select value={c.stress} onChange={(e) => send({ type: 'stress.set', stress: e.target.value as StressLevel })}>
            {STRESS_LEVELS.map((s) => (
              <option key={s} value={s}>
                {STRESS_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fileErrors && (
        <div className="rl-sim-warning" role="alert">
          <p>
            {fileErrors.file} is not a usable scenario ({fileErrors.errors.length} problem{fileErrors.errors.length === 1 ? '' : 's'}):
          </p>
          <ul>
            {fileErrors.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}

      <details className="gd-secret" open={status === 'setup' || status === 'ended'}>
        <summary>Facilitator only: root cause and notes (do not project)</summary>
        <p>
          <strong>Root cause:</strong> <span data-secret="root-cause">{c.scenario.rootCause}</span>
        </p>
        <p>
          <strong>Expected severity:</strong> SEV-{c.scenario.expectedSeverity}. {c.scenario.severityReason}
        </p>
        <ul>
          {c.scenario.facilitatorNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <p>
          <strong>What fixes it:</strong>{' '}
          {c.scenario.mitigations
            .filter((m) => m.effect === 'fixes')
            .map((m) => m.mitigation)
            .join(', ') || 'no single mitigation'}
          .
        </p>
        {c.stress !== 'off' && (
          <p>
            <strong>Automatic injects still to come:</strong>{' '}
            {upcoming.length ? upcoming.map((u) => `${c.scenario.injects.find((i) => i.id === u.inject)?.title ?? u.inject} at ${clockText(u.at)}`).join('; ') : 'none'}.
          </p>
        )}
      </details>

      <section className="gd-briefing" aria-label="Briefing">
        <h2>
          {c.scenario.title} <span className="gd-muted">({c.scenario.service}, seed {c.seed})</span>
        </h2>
        <p>{c.scenario.briefing}</p>
      </section>

      <section aria-label="Injects" className="gd-injects">
        <h2>Injects</h2>
        <div className="rl-sim-buttons gd-wrap">
          {c.scenario.injects.map((inject) => (
            <button
              key={inject.id}
              type="button"
              className="rl-button rl-button-quiet"
              // aria-disabled, not disabled: a fired inject keeps the focus instead of dropping it to the page.
              aria-disabled={!inGame || fired.has(inject.id)}
              onClick={() => inGame && !fired.has(inject.id) && send({ type: 'inject.fire', inject: inject.id })}
            >
              Fire: {inject.title}
              {fired.has(inject.id) ? ' (fired)' : ''}
            </button>
          ))}
        </div>
      </section>

      <ActionPanel scenario={c.scenario} disabled={!inGame} onRecord={(action: ActionInput) => send({ type: 'action.record', action })} />

      <div className="gd-grid">
        <section aria-label="Roles" className="gd-box">
          <h2>Roles</h2>
          <dl className="gd-roles">
            {roles.map((r) => (
              <div key={r}>
                <dt>{ROLE_TEXT[r]}</dt>
                <dd>{state.roleHolders[r] ?? (r === 'incident-commander' ? 'not named' : 'held by the IC')}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-label="Symptoms" className="gd-box">
          <h2>Symptoms</h2>
          {state.symptoms.length === 0 ? (
            <p>None visible yet.</p>
          ) : (
            <ul>
              {state.symptoms.map((s) => (
                <li key={s.id}>
                  {clockText(s.shownAt)} {s.text}
                  {s.visibleToTeam === false && <em> (facilitator only)</em>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Findings and outcomes" className="gd-box">
          <h2>Findings and outcomes</h2>
          {state.messages.length === 0 ? (
            <p>No results yet.</p>
          ) : (
            <ul>
              {state.messages.map((m, i) => (
                <li key={i}>
                  {clockText(m.at)} {m.text}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <SignalCharts signals={state.signals} label="Golden signals" />
      <Timeline entries={state.timeline} heading="Timeline (the scribe's log)" empty="The timeline fills in as the incident unfolds." />

      {status === 'ended' && result && (
        <section className="gd-debrief" aria-label="Debrief">
          <h2>Debrief</h2>
          <p>{c.scenario.debrief}</p>
          <div className="rl-table-scroll" tabIndex={0} role="region" aria-label="Metrics">
            <table className="rl-sim-table">
              <caption>
                {result.team}: {result.scenarioTitle}, seed {result.run.seed}, ended at {clockText(result.endedAt)}
              </caption>
              <tbody>
                {(
                  [
                    ['Time to detect', result.metrics.timeToDetect],
                    ['Time to acknowledge', result.metrics.timeToAcknowledge],
                    ['Time to mitigate', result.metrics.timeToMitigate],
                    ['Time to recover (MTTR, impact start to service restored)', result.metrics.timeToRecover],
                    ['Time to resolve', result.metrics.timeToResolve],
                  ] as const
                ).map(([label, v]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{v === null ? 'not reached' : `${v} min`}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Customer impact (full-outage minutes)</th>
                  <td>{Math.round(result.metrics.customerImpactMinutes * 10) / 10}</td>
                </tr>
                <tr>
                  <th scope="row">Failed requests</th>
                  <td>{Math.round(result.metrics.failedRequests).toLocaleString('en-US')}</td>
                </tr>
                <tr>
                  <th scope="row">Error budget spent</th>
                  <td data-metric="budget">{Math.round(result.metrics.errorBudgetSpent * 1000) / 10}%</td>
                </tr>
                <tr>
                  <th scope="row">Severity declared (expected)</th>
                  <td>
                    {result.metrics.severity.declared === null ? 'none' : `SEV-${result.metrics.severity.declared}`} (SEV-{result.metrics.severity.expected})
                  </td>
                </tr>
                <tr>
                  <th scope="row">Practice score</th>
                  <td data-metric="practice">{result.metrics.practice.score}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <ul className="gd-checks">
            {result.metrics.practice.checks.map((check) => (
              <li key={check.name} data-passed={check.passed}>
                {check.passed ? '✓' : '✗'} <strong>{check.name}</strong>: {check.detail}
              </li>
            ))}
          </ul>
          <div className="rl-sim-buttons gd-wrap">
            <button type="button" className="rl-button" onClick={() => downloadText(resultFileName(result, 'json'), 'application/json', `${JSON.stringify(result, null, 2)}\n`)}>
              Download the result (JSON)
            </button>
            <button type="button" className="rl-button" onClick={() => downloadText(resultFileName(result, 'md'), 'text/markdown', engine.postmortemMarkdown(result))}>
              Download the post-mortem draft (Markdown)
            </button>
          </div>
          {saved && <p>{saved}</p>}
          <p>
            Compare teams that ran the same scenario and seed on the <a href={withBase('/game-day/compare/', base)}>comparison page</a>, and write the post-mortem
            in the <a href={withBase('/lessons/post-mortems/', base)}>post-mortems lesson</a>.
          </p>
        </section>
      )}
    </div>
  );
}
