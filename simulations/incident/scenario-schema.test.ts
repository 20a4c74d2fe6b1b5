import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from './scenario-schema';
import { builtInScenarios, scenarioIds } from './scenarios';

const read = (dir: string, name: string) => JSON.parse(readFileSync(join(import.meta.dirname, dir, name), 'utf8')) as unknown;

describe('scenario files', () => {
  it('there are six built-ins and every one passes', () => {
    expect(scenarioIds).toEqual(['database-outage', 'memory-leak', 'bad-deploy', 'certificate-expiry', 'retry-storm', 'config-push']);
    for (const id of scenarioIds) expect(validateScenario(read('scenarios', `${id}.json`))).toMatchObject({ ok: true });
  });

  it('severities follow the lesson: outage and certificate SEV-1, leak, deploy and retry storm SEV-2, config push SEV-3', () => {
    expect(Object.fromEntries(scenarioIds.map((id) => [id, builtInScenarios[id]!.expectedSeverity]))).toEqual({
      'database-outage': 1,
      'certificate-expiry': 1,
      'memory-leak': 2,
      'bad-deploy': 2,
      'retry-storm': 2,
      'config-push': 3,
    });
  });

  it('each has a second failure, an executive asking for an ETA and a misleading alert, and a lasting fix', () => {
    for (const s of Object.values(builtInScenarios)) {
      expect(s.injects.map((i) => i.kind).sort()).toEqual(['misleading-alert', 'second-failure', 'stakeholder']);
      expect(s.mitigations.some((m) => m.effect === 'fixes' && m.recursAfterMinutes === undefined)).toBe(true);
    }
    // The source's fixes: failover for the outage; restart (for a while) and rollback for the leak.
    expect(builtInScenarios['database-outage']!.mitigations.find((m) => m.mitigation === 'failover')?.effect).toBe('fixes');
    expect(builtInScenarios['memory-leak']!.mitigations.find((m) => m.mitigation === 'restart')?.recursAfterMinutes).toBe(35);
    expect(builtInScenarios['retry-storm']!.mitigations.find((m) => m.mitigation === 'restart')?.effect).toBe('worse');
  });

  it('a bad file reports every problem with its path', () => {
    const r = validateScenario(read('fixtures', 'bad-scenario.invalid.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.stringMatching(/^owner is not a known field/),
      'slo.target must be a fraction strictly between 0 and 1 (99.9% is 0.999); got 99.9',
      'expectedSeverity must be a severity 1, 2, 3 or 4 (1 is the most severe); got 0',
      'symptoms[1].id "alert-5xx" is used by an earlier symptom; ids must be unique',
      'mitigations[0].chance must be a probability above 0 and at most 1; got 1.5',
      'mitigations[2].effect must be one of fixes, partial, nothing, worse; got "maybe"',
      'injects[0].clearedBy "revert-config" is not one of this scenario\'s mitigations (failover, restart, scale-up, rollback, rate-limit)',
    ]);
  });

  it('structural problems: bad id, inverted draw, no alert, no lasting fix', () => {
    const r = validateScenario(read('fixtures', 'no-fix.invalid.json'));
    expect(r).toEqual({
      ok: false,
      errors: [
        'id must match /^[a-z0-9]+(?:-[a-z0-9]+)*$/; got "Config Push"',
        'detectionAt min (12) must not be above max (4)',
        'symptoms must include at least one "alert" (the first alert is the one that detects the incident)',
        'mitigations must include at least one "fixes" effect without recursAfterMinutes (a fix that lasts)',
      ],
    });
  });

  it('not an object, and wrong types, are reported without crashing', () => {
    expect(validateScenario(null)).toEqual({ ok: false, errors: ['the scenario must be a JSON object; got null'] });
    const r = validateScenario({ version: 2, symptoms: 'many' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toContain('version must be 1; got 2');
      expect(r.errors).toContain('symptoms must be a list; got "many"');
      expect(r.errors).toContain('slo must be { "target": 0.999, "periodDays": 30 }; got nothing');
    }
  });
});
