/**
 * The built-in scenarios, by id. Static JSON imports, so the browser bundle and the CLI load the
 * same files; each is validated when this module loads (a broken built-in fails loudly, with paths).
 */
import type { Scenario } from './contract';
import { validateScenario } from './scenario-schema';
import badDeploy from './scenarios/bad-deploy.json';
import certificateExpiry from './scenarios/certificate-expiry.json';
import configPush from './scenarios/config-push.json';
import databaseOutage from './scenarios/database-outage.json';
import memoryLeak from './scenarios/memory-leak.json';
import retryStorm from './scenarios/retry-storm.json';

function load(file: string, value: unknown): Scenario {
  const checked = validateScenario(value);
  if (!checked.ok) throw new Error(`built-in scenario ${file} is invalid:\n${checked.errors.map((e) => `  ${e}`).join('\n')}`);
  return checked.scenario;
}

/** The built-in scenarios by id, in the order the lesson offers them. */
export const builtInScenarios: Record<string, Scenario> = Object.fromEntries(
  (
    [
      ['database-outage.json', databaseOutage],
      ['memory-leak.json', memoryLeak],
      ['bad-deploy.json', badDeploy],
      ['certificate-expiry.json', certificateExpiry],
      ['retry-storm.json', retryStorm],
      ['config-push.json', configPush],
    ] as const
  ).map(([file, json]) => {
    const scenario = load(file, json);
    return [scenario.id, scenario];
  }),
);

/** The ids of the built-in scenarios. */
export const scenarioIds: readonly string[] = Object.keys(builtInScenarios);

/** The scenario the lesson opens with. */
export const DEFAULT_SCENARIO_ID = 'database-outage';
