import { describe, expect, it } from 'vitest';
import { CONNECTION_POOL_RUNBOOK } from './connection-pool';
import {
  alertScenario,
  formatClock,
  lessonDecision,
  MATCHED_ALERT,
  ON_CALL_RESPONSE_SECONDS,
  runIncident,
  commonDecision,
  type AlertScenario,
} from './orchestrator';
import { applyChances } from './params';

const scenario = (id: string) => alertScenario(id)!;
const kinds = (a: AlertScenario) => [commonDecision(a).kind, lessonDecision(a).kind];
/** An alert at `day` (0 = Monday) and `hour:minute`, with a track record. */
const alert = (over: Partial<AlertScenario> & { day?: number; hour?: number; minute?: number }): AlertScenario => {
  const { day = 1, hour = 14, minute = 0, ...rest } = over;
  return {
    id: 'test',
    label: 'test',
    alertName: MATCHED_ALERT,
    severity: 'medium',
    at: day * 86_400 + hour * 3600 + minute * 60,
    target: 'payments-db',
    history: { runs: 12, successes: 11 },
    recentRunsOnTarget: 0,
    ...rest,
  };
};

describe("the common auto-run rule, replicated", () => {
  it('runs critical alerts automatically, day or night', () => {
    expect(kinds(scenario('sun-0300-critical'))).toEqual(['auto', 'auto']);
    expect(commonDecision(alert({ severity: 'critical', hour: 14 })).kind).toBe('auto');
  });

  it('asks a person for low severity during 9 <= hour <= 17, and runs everything else', () => {
    expect(commonDecision(scenario('tue-1400-low')).kind).toBe('ask-human');
    expect(commonDecision(scenario('tue-1400-high')).kind).toBe('auto');
    expect(commonDecision(alert({ severity: 'low', hour: 9, minute: 0 })).kind).toBe('ask-human');
    expect(commonDecision(alert({ severity: 'low', hour: 8, minute: 59 })).kind).toBe('auto');
    expect(commonDecision(alert({ severity: 'low', hour: 18 })).kind).toBe('auto');
  });

  it('checks the success rate only with MORE than 5 runs, and asks a person under 80%', () => {
    // 6 of 10 = 60% < 80%: ask. 8 of 10 = 80% is not under 80%: go on to the severity rule.
    expect(commonDecision(scenario('poor-record'))).toEqual({ kind: 'ask-human', reason: 'success rate 60% over 10 recent runs is under 80%' });
    expect(commonDecision(alert({ history: { runs: 10, successes: 8 } })).kind).toBe('auto');
    // 4 of 6 = 67%: ask; 5 of 6 = 83%: run.
    expect(commonDecision(alert({ history: { runs: 6, successes: 4 } })).kind).toBe('ask-human');
    expect(commonDecision(alert({ history: { runs: 6, successes: 5 } })).kind).toBe('auto');
    // 0 of 5 runs succeeded, yet 5 is not more than 5: the common rule runs it unchecked.
    const unchecked = commonDecision(alert({ history: { runs: 5, successes: 0 }, hour: 3 }));
    expect(unchecked.kind).toBe('auto');
    expect(unchecked.reason).toContain('track record not checked: 5 runs');
  });
});

describe("the lesson's corrected rule, and what it fixes", () => {
  it('a new runbook (5 runs or fewer) needs a person: trust is earned', () => {
    expect(kinds(scenario('new-runbook'))).toEqual(['auto', 'ask-human']);
    expect(lessonDecision(alert({ history: { runs: 5, successes: 0 } }))).toEqual({ kind: 'ask-human', reason: 'success rate 0% over 5 runs is under 80%' });
    expect(lessonDecision(alert({ history: { runs: 4, successes: 4 } })).reason).toBe('only 4 runs on record, under 5: trust is earned');
  });

  it('business hours end at 17:00 sharp: 17:30 is not business hours', () => {
    expect(kinds(scenario('tue-1730-low'))).toEqual(['ask-human', 'auto']);
    expect(lessonDecision(alert({ severity: 'low', hour: 16, minute: 59 })).kind).toBe('ask-human');
  });

  it('business hours are Monday to Friday: the common rule calls Sunday 14:00 business hours', () => {
    expect(kinds(scenario('sun-1400-low'))).toEqual(['ask-human', 'auto']);
    expect(lessonDecision(alert({ severity: 'low', day: 4, hour: 10 })).kind).toBe('ask-human'); // Friday
    expect(lessonDecision(alert({ severity: 'low', day: 5, hour: 10 })).kind).toBe('auto'); // Saturday
  });

  it('a loop breaker escalates the third run on the same target within the hour', () => {
    expect(kinds(scenario('loop'))).toEqual(['auto', 'escalate']);
    expect(lessonDecision(alert({ recentRunsOnTarget: 2 })).kind).toBe('auto');
  });

  it('agrees with the common rule where it is right', () => {
    expect(kinds(scenario('tue-1400-low'))).toEqual(['ask-human', 'ask-human']);
    expect(kinds(scenario('poor-record'))).toEqual(['ask-human', 'ask-human']);
    expect(kinds(scenario('tue-1400-high'))).toEqual(['auto', 'auto']);
  });
});

describe('an incident through the orchestrator', () => {
  const sure = applyChances(
    { ...CONNECTION_POOL_RUNBOOK, steps: CONNECTION_POOL_RUNBOOK.steps.map((s) => ({ ...s, stopChance: 0 })) },
    Object.fromEntries(CONNECTION_POOL_RUNBOOK.steps.map((s) => [s.id, 1])),
  );

  it('escalates an alert no runbook matches, without running anything', () => {
    const run = runIncident(sure, { seed: 1, alert: scenario('disk-full'), policy: 'lesson' });
    expect(run.outcome).toBe('escalated');
    expect(run.execution).toBeNull();
    expect(run.log.map((l) => l.message)).toContain('escalated to on-call: no runbook matches NodeDiskFull');
  });

  it('the loop breaker escalates under the lesson rule; the common rule runs the runbook again', () => {
    expect(runIncident(sure, { seed: 1, alert: scenario('loop'), policy: 'lesson' }).outcome).toBe('escalated');
    expect(runIncident(sure, { seed: 1, alert: scenario('loop'), policy: 'common' }).outcome).toBe('succeeded');
  });

  it('waits for the on-call engineer when asked: 2 minutes at a desk on Tuesday afternoon, 10 minutes woken on Sunday', () => {
    const tuesday = runIncident(sure, { seed: 1, alert: scenario('tue-1400-low'), policy: 'lesson' });
    expect(tuesday.execution!.startAt - tuesday.startAt).toBe(ON_CALL_RESPONSE_SECONDS.atDesk);
    const sunday = runIncident(sure, { seed: 1, alert: scenario('new-runbook'), policy: 'lesson' });
    expect(sunday.execution!.startAt - sunday.startAt).toBe(ON_CALL_RESPONSE_SECONDS.paged);
    expect(formatClock(sunday.execution!.startAt)).toBe('Sun 03:10:00');
  });

  it('runs at once when automatic, but the step that terminates sessions still waits for a paged person at 03:00', () => {
    const run = runIncident(sure, { seed: 1, alert: scenario('sun-0300-critical'), policy: 'lesson' });
    expect(run.execution!.startAt).toBe(run.startAt);
    expect(run.log.map((l) => l.message)).toContain('terminate_long_queries: approved after 10m');
    expect(run.log.at(-1)!.message).toBe('notified the incident channel: database_connection_recovery succeeded; watching PostgresConnectionPoolExhausted until it resolves');
  });

  it('escalates to on-call with the rollback state when the runbook fails', () => {
    const failing = applyChances(sure, { wait_for_rollout: 0 });
    const run = runIncident(failing, { seed: 1, alert: scenario('sun-0300-critical'), policy: 'lesson' });
    expect(run.outcome).toBe('rolled-back');
    expect(run.escalated).toBe(true);
    expect(run.log.at(-1)!.message).toBe(
      'escalated to on-call: wait_for_rollout failed for good after 1 attempt; rollback incomplete: terminate_long_queries (terminated sessions and their rolled-back transactions cannot be restored) was not undone',
    );
  });

  it('without an alert, a person started the runbook; the clock starts at 0', () => {
    const run = runIncident(sure, { seed: 1, alert: null, policy: 'lesson' });
    expect(run.decision).toBeNull();
    expect(run.startAt).toBe(0);
    expect(run.totalSeconds).toBe(run.execution!.endAt);
  });
});
