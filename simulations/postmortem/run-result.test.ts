import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewPostMortem } from './document';
import { MAX_MINUTES, stateAt, toResult } from '../incident/engine';
import { builtInScenarios } from '../incident/scenarios';
import { fromRunResult, parseRunResult, parseRunResultText, runParticipants } from './run-result';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const good = () => {
  const parsed = parseRunResultText(fixture('run-result.json'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
};

describe('reading an incident result file', () => {
  it('accepts the fixture', () => {
    expect(good().run.seed).toBe(42);
  });

  it('names each bad field with its path', () => {
    const parsed = parseRunResultText(fixture('bad-result.json'));
    // The incident simulator's validator words the messages; each starts with the path.
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([expect.stringMatching(/^run\.seed .*"forty-two"/), expect.stringMatching(/^metrics\.timeToRecover .*"21"/)]);
  });

  it('says what is wrong with files that are not results at all', () => {
    expect(parseRunResultText('{"format": "reliability-lab-incident-result",')).toEqual({ ok: false, errors: [expect.stringMatching(/^not valid JSON: /)] });
    expect(parseRunResult([])).toEqual({ ok: false, errors: ['the file must hold a JSON object (an incident result), got []'] });
    expect(parseRunResult({ format: 'something-else' })).toEqual({
      ok: false,
      errors: ['format must be "reliability-lab-incident-result", got "something-else": this is not an incident result file'],
    });
    expect(parseRunResult({ format: 'reliability-lab-incident-result', version: 2 })).toEqual({ ok: false, errors: ['version 2 is not supported (this course reads version 1)'] });
  });
});

describe('prefilling a post-mortem from a run', () => {
  it('maps severity, summary, impact, timeline, participants and the practice checks', () => {
    const doc = fromRunResult(good(), 'pm-1', '2030-01-01');
    expect(doc.id).toBe('pm-1');
    expect(doc.title).toBe('Primary database outage');
    expect(doc.incidentId).toBe('database-outage-seed-42');
    expect(doc.date).toBe('2024-02-27'); // the day the result was exported
    expect(doc.severity).toBe(2);
    expect(doc.summary).toBe(
      'Primary database outage. Customers were affected for 21 minutes until service was restored; the first alert fired after 3 minutes. ' +
        "175,200 requests failed, spending 34.7% of the error budget. What broke: The primary database's disk filled with write-ahead logs after archiving stalled",
    );
    expect(doc.impact).toEqual({ detectionMinutes: '3', recoveryMinutes: '21', resolutionMinutes: '30', usersAffected: '', failedRequests: '175200', errorBudgetSpentPercent: '34.7' });
    // 8 lines in the run; the facilitator-only "impact" line at minute 0 is left out.
    expect(doc.timeline).toHaveLength(7);
    expect(doc.timeline[0]).toEqual({ minute: '3', event: 'HighErrorRate firing: checkout 5xx at 62%', source: 'monitoring: alert' });
    expect(doc.timeline[1]).toEqual({ minute: '4', event: 'dana acknowledged the page', source: 'incident log: acknowledge' });
    expect(doc.participants).toBe('dana (incident commander), lee (operations), sam (communications)');
    expect(doc.wentWell).toEqual([
      'Commander named: dana took command at minute 5',
      'Operations delegated: lee ran operations from minute 6',
      'Commander hands off the keyboard: the commander ran no mitigation',
      'Severity declared as SEV-2, as the facts justified',
    ]);
    expect(doc.wentWrong).toEqual([{ id: 'W1', text: 'Status updates on cadence: no public update in the first 20 minutes' }]);
    expect(doc.factors).toEqual([{ id: 'F1', description: "The primary database's disk filled with write-ahead logs after archiving stalled", category: 'technology', whys: [], evidence: '' }]);
    expect(doc.actionItems).toEqual([]);
    expect(doc.fromRun).toEqual({ scenario: 'database-outage', seed: 42, team: 'blue' });
  });

  it('leaves the analysis to the learner: the prefilled draft still needs action items', () => {
    const errors = reviewPostMortem(fromRunResult(good(), 'pm-1', '2030-01-01')).filter((i) => i.level === 'error');
    expect(errors.map((e) => e.path)).toEqual(['actionItems']);
  });

  it('uses the declared severity, or the expected one when none was declared, and notes the mismatch', () => {
    const result = good();
    const undeclared = { ...result, metrics: { ...result.metrics, severity: { declared: null, expected: 1 as const, matches: false } } };
    const doc = fromRunResult(undeclared, 'pm-2', '2030-01-01');
    expect(doc.severity).toBe(1);
    expect(doc.wentWrong.at(-1)).toEqual({ id: 'W2', text: 'No severity was declared (the facts justified SEV-1)' });
  });

  it('falls back to the given date, and counts an unrecovered run as impact for the whole run', () => {
    const result = good();
    const odd = { ...result, exportedAt: 'yesterday', metrics: { ...result.metrics, timeToRecover: null, timeToResolve: null } };
    const doc = fromRunResult(odd, 'pm-3', '2030-01-01');
    expect(doc.date).toBe('2030-01-01');
    expect(doc.impact.recoveryMinutes).toBe('30');
    expect(doc.summary).toContain('Service was not restored within the 30 minutes of the run');
  });

  it('lists a person once with all their roles', () => {
    const result = good();
    result.run.actions.push({ at: 20, kind: 'assign-role', role: 'scribe', person: 'dana' });
    expect(runParticipants(result)[0]).toBe('dana (incident commander, scribe)');
  });
});

describe('with a run of the real incident engine', () => {
  it("prefills from the engine's own result of the database-outage fixture run", () => {
    const spec = JSON.parse(fixture('../../incident/fixtures/database-outage.good.json'));
    const scenario = builtInScenarios[spec.scenario]!;
    const state = stateAt(scenario, spec.seed, spec.actions, MAX_MINUTES);
    const result = toResult(state, 'red', '2024-01-31T09:00:00.000Z');
    // What the engine writes, the editor reads back (through the file format).
    const parsed = parseRunResultText(JSON.stringify(result));
    expect(parsed.ok).toBe(true);
    const doc = fromRunResult(result, 'pm-1', '2030-01-01');
    const m = result.metrics;
    expect(doc.date).toBe('2024-01-31');
    expect(doc.severity).toBe(m.severity.declared ?? m.severity.expected);
    expect(doc.impact.recoveryMinutes).toBe(String(m.timeToRecover ?? result.endedAt));
    expect(doc.impact.failedRequests).toBe(String(Math.round(m.failedRequests)));
    expect(doc.timeline).toHaveLength(result.timeline.filter((e) => e.visibleToTeam).length);
    expect(doc.wentWell.length + doc.wentWrong.length).toBe(m.practice.checks.length + 1);
    expect(doc.factors[0]!.description).toBe(scenario.rootCause);
  });
});
