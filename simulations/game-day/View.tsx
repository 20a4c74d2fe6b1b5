/**
 * The game-day launcher embedded in the integration challenge (`simulation:game-day`): what a
 * game day is, how to run one, and links to the facilitator console, the team view and the
 * comparison page (which are full pages: a game day needs the whole screen and a projector).
 */
import { builtInScenarios } from '../incident/scenarios';
import { withBase } from '../../src/lib/base-path.mjs';

/** The launcher view. */
export default function GameDayLauncher() {
  return (
    <div className="rl-sim" data-sim="game-day" data-ready="true">
      <ol>
        <li>
          Open the <a href={withBase('/game-day/')}>facilitator console</a>, pick a scenario ({Object.values(builtInScenarios).map((s) => s.title).join('; ')}) and a seed,
          and name the team. The console shows you the root cause and the facilitator notes; keep it off the projector.
        </li>
        <li>Press “Open the team view” and move that window to the projector: it shows the clock, severity, roles, symptoms, charts and timeline, never the root cause.</li>
        <li>
          Start the clock (one simulated minute per 10, 5, 2 or 1 seconds). Record what the team does: acknowledge, declare a severity, assign the
          commander, operations, communications and scribe roles, post updates, run checks, mitigate, escalate, resolve. Fire injects (a second failure,
          an executive asking for an ETA, a misleading alert) or set the stress dial to fire them by themselves.
        </li>
        <li>
          At the end, the debrief shows time to detect, acknowledge, mitigate and recover, the error budget spent and the timeline; download the result
          and a post-mortem draft. Several teams on the same scenario and seed? Put their results side by side on the{' '}
          <a href={withBase('/game-day/compare/')}>comparison page</a>.
        </li>
      </ol>
      <p>
        <a className="rl-button" href={withBase('/game-day/')}>
          Open the facilitator console
        </a>
      </p>
    </div>
  );
}
