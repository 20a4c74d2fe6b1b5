/**
 * The team view for the projector: follows the facilitator console in another window of this
 * browser (BroadcastChannel, or storage events where that is missing) and shows only what the
 * team may see: the clock, severity, roles, visible symptoms, the golden signals and the
 * timeline. It recomputes the incident from the console's inputs with the same engine, then
 * keeps only the team's picture (`teamPicture`): no root cause, no facilitator notes.
 */
import { useEffect, useMemo, useState } from 'react';
import { withBase } from '../../lib/base-path.mjs';
import { roles } from '../../../simulations/incident/contract';
import { engine, gameDayScenarios } from '../../../simulations/game-day/engine';
import { clockText, MS_PER_MINUTE } from '../../../simulations/game-day/clock';
import { follow, initialFollower, type Follower, type LiveGame } from '../../../simulations/game-day/sync';
import { PHASE_TEXT, ROLE_TEXT, teamPicture, type TeamPicture } from '../../../simulations/game-day/team-view';
import { teamChannel } from './channel';
import SignalCharts from './SignalCharts';
import Timeline from './Timeline';

/** The team's picture of a live game, or why it cannot be drawn. */
function picture(game: LiveGame): { ok: true; picture: TeamPicture } | { ok: false; reason: string } {
  let scenario;
  if (game.scenario.kind === 'built-in') {
    const id = game.scenario.id;
    scenario = gameDayScenarios.find((s) => s.id === id);
    if (!scenario) return { ok: false, reason: `the console runs scenario "${id}", which this page does not know; reload this window` };
  } else {
    const parsed = engine.parseScenario(game.scenario.scenario);
    if (!parsed.ok) return { ok: false, reason: `the console's own scenario does not validate here: ${parsed.errors.slice(0, 2).join('; ')}` };
    scenario = parsed.scenario;
  }
  return { ok: true, picture: teamPicture(engine.stateAt(scenario, game.seed, game.actions, game.minute), game.team) };
}

/** The projector island. */
export default function TeamView({ base }: { base: string }) {
  const [follower, setFollower] = useState<Follower>(initialFollower);
  const [problem, setProblem] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const channel = teamChannel(
      (message) => setFollower((f) => follow(f, message).follower),
      (text) => setProblem(text),
    );
    setReady(true);
    return () => channel.close();
  }, []);

  const game = follower.game;
  const drawn = useMemo(() => (game ? picture(game) : null), [game]);
  const p = drawn?.ok ? drawn.picture : null;
  const lastLine = p?.timeline[p.timeline.length - 1];

  return (
    <div className="gd-team not-content" data-ready={ready} data-minute={p?.minute ?? ''}>
      {problem && (
        <p className="rl-sim-warning" role="status">
          {problem}
        </p>
      )}
      {!game && (
        <div className="gd-waiting">
          <p className="gd-big">Waiting for the facilitator console…</p>
          <p>
            Open the <a href={withBase('/game-day/', base)}>console</a> in another window of this browser and press “Open the team view”. This page follows it by
            itself.
          </p>
        </div>
      )}
      {drawn && !drawn.ok && (
        <p className="rl-sim-warning" role="alert">
          This window cannot show the game: {drawn.reason}.
        </p>
      )}
      {p && game && (
        <>
          <section className="gd-team-head" aria-label="Incident status">
            <p className="gd-team-clock">{clockText(p.minute)}</p>
            <div>
              <h2 className="gd-team-title">{p.title}</h2>
              <p className="gd-big">
                <span data-field="severity">{p.severity ? `SEV-${p.severity}` : 'No severity yet'}</span> · <span data-field="phase">{PHASE_TEXT[p.phase]}</span>
              </p>
              <p>
                {p.team ? `Team ${p.team} · ` : ''}
                {p.service} ·{' '}
                {game.ended ? 'Game day ended' : game.running ? `clock running (1 min per ${MS_PER_MINUTE[game.speed] / 1000} s)` : p.minute === 0 ? 'waiting to start' : 'clock paused'}
              </p>
            </div>
          </section>
          <p className="gd-live" aria-live="polite" role="status">
            {lastLine ? `${clockText(lastLine.at)} ${lastLine.text}` : ''}
          </p>
          {p.minute === 0 && <p className="gd-big gd-briefing">{p.briefing}</p>}
          <div className="gd-grid">
            <section aria-label="Roles" className="gd-box">
              <h2>Roles</h2>
              <dl className="gd-roles">
                {roles.map((r) => (
                  <div key={r}>
                    <dt>{ROLE_TEXT[r]}</dt>
                    <dd>{p.roleHolders[r] ?? (r === 'incident-commander' ? 'not named' : 'held by the IC')}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section aria-label="What you can see" className="gd-box">
              <h2>What you can see</h2>
              {p.symptoms.length === 0 ? (
                <p>All quiet so far.</p>
              ) : (
                <ul>
                  {p.symptoms.map((s) => (
                    <li key={s.id}>
                      {clockText(s.shownAt)} {s.text}
                    </li>
                  ))}
                </ul>
              )}
              {p.messages.length > 0 && (
                <>
                  <h3>Findings and outcomes</h3>
                  <ul>
                    {p.messages.map((m, i) => (
                      <li key={i}>
                        {clockText(m.at)} {m.text}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </div>
          <SignalCharts signals={p.signals} height={190} label="Golden signals" />
          <Timeline entries={p.timeline} heading="Timeline" empty="The timeline fills in as the incident unfolds." />
        </>
      )}
    </div>
  );
}
