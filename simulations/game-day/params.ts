/**
 * The console's setup in the page URL (`?gd-scenario=database-outage&gd-seed=7&gd-team=Blue`),
 * so a facilitator can prepare a link per team. Bad values are reported and replaced by defaults.
 */
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import { DEFAULT_SPEED, isSpeed, SPEEDS, type Speed } from './clock';
import { isStressLevel, STRESS_LEVELS, type StressLevel } from './stress';

export { MAX_SEED };

/** The console's setup. `scenario` is a built-in id. */
export interface GameDaySetup {
  scenario: string;
  seed: number;
  team: string;
  speed: Speed;
  stress: StressLevel;
}

/** The setup a console starts with. */
export function defaultSetup(scenario: string): GameDaySetup {
  return { scenario, seed: 1, team: '', speed: DEFAULT_SPEED, stress: 'off' };
}

const PREFIX = 'gd-';

/** Reads the setup from a query string; `scenarioIds` are the built-ins a link may name. */
export function setupFromSearch(search: string, scenarioIds: readonly string[]): { params: GameDaySetup; problems: string[] } {
  const query = new URLSearchParams(search);
  const params = defaultSetup(scenarioIds[0] ?? '');
  const problems: string[] = [];
  const scenario = query.get(`${PREFIX}scenario`);
  if (scenario !== null) {
    if (scenarioIds.includes(scenario)) params.scenario = scenario;
    else problems.push(`${PREFIX}scenario "${scenario}" is not a built-in scenario (${scenarioIds.join(', ')})`);
  }
  const seed = query.get(`${PREFIX}seed`);
  if (seed !== null) {
    const n = parseSeed(seed);
    if (n !== null) params.seed = n;
    else problems.push(`${PREFIX}seed "${seed.slice(0, 80)}" must be ${SEED_RULE}`);
  }
  const team = query.get(`${PREFIX}team`);
  if (team !== null) params.team = team.slice(0, 80);
  const speed = query.get(`${PREFIX}speed`);
  if (speed !== null) {
    if (isSpeed(speed)) params.speed = speed;
    else problems.push(`${PREFIX}speed "${speed}" must be one of ${SPEEDS.join(', ')}`);
  }
  const stress = query.get(`${PREFIX}stress`);
  if (stress !== null) {
    if (isStressLevel(stress)) params.stress = stress;
    else problems.push(`${PREFIX}stress "${stress}" must be one of ${STRESS_LEVELS.join(', ')}`);
  }
  return { params, problems };
}

/** Writes the setup into a query string, keeping other parameters. */
export function setupToSearch(setup: GameDaySetup, existing = ''): string {
  const query = new URLSearchParams(existing);
  query.set(`${PREFIX}scenario`, setup.scenario);
  query.set(`${PREFIX}seed`, String(setup.seed));
  if (setup.team) query.set(`${PREFIX}team`, setup.team);
  else query.delete(`${PREFIX}team`);
  query.set(`${PREFIX}speed`, setup.speed);
  query.set(`${PREFIX}stress`, setup.stress);
  const text = query.toString();
  return text ? `?${text}` : '';
}
