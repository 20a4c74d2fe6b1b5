import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor, getInitialSnapshot, getNextSnapshot, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Action, RunSpec } from './contract';
import { stateAt } from './engine';
import { incidentMachine, PLAY_TICK_MS, type ActionRequest, type IncidentEvent } from './machine';
import { builtInScenarios } from './scenarios';

type Snap = ReturnType<typeof getInitialSnapshot<typeof incidentMachine>>;
const step = (s: Snap, ...events: IncidentEvent[]) => events.reduce((acc, e) => getNextSnapshot(incidentMachine, acc, e), s);
const act = (action: ActionRequest): IncidentEvent => ({ type: 'act', action });
const advanceTo = (s: Snap, minute: number) => step(s, { type: 'time.advance', minutes: minute - s.context.minute });

/** Drives the machine through a fixture's actions, advancing the clock to each action's minute. */
function drive(spec: RunSpec): Snap {
  let s = step(getInitialSnapshot(incidentMachine, {}), { type: 'scenario.choose', scenarioId: spec.scenario }, { type: 'seed.set', seed: spec.seed });
  for (const a of spec.actions) {
    if (a.kind === 'inject') continue; // the machine adds self-paced injects itself as the clock passes them
    s = advanceTo(s, a.at);
    const { at: _at, ...request } = a;
    s = step(s, act(request as ActionRequest));
    expect(s.context.error).toBeNull();
  }
  return s;
}

describe('incident machine', () => {
  it('starts paused at minute 0 of the default scenario, with nothing detected', () => {
    const s = getInitialSnapshot(incidentMachine, {});
    expect(s.matches({ running: 'paused' })).toBe(true);
    expect(s.context.scenarioId).toBe('database-outage');
    expect(s.context.state.phase).toBe('undetected');
  });

  it('plays a fixture to the same state as the engine, adding self-paced injects on the way', () => {
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'database-outage.good.json'), 'utf8')) as RunSpec;
    const s = drive(spec);
    expect(s.matches('finished')).toBe(true);
    // The machine's log equals the fixture (whose injects are at their autoAt minutes 8 and 20).
    expect(s.context.actions).toEqual(spec.actions);
    expect(s.context.state).toEqual(stateAt(builtInScenarios['database-outage']!, 42, spec.actions, 240));
    expect(s.context.state.metrics.timeToRecover).toBe(21);
  });

  it('refuses an impossible action with the reason and keeps the log', () => {
    const s0 = step(getInitialSnapshot(incidentMachine, {}), { type: 'seed.set', seed: 42 });
    const s1 = step(s0, act({ kind: 'resolve' }));
    expect(s1.context.error).toMatch(/acknowledge the page first/);
    expect(s1.context.actions).toEqual([]);
  });

  it('one change at a time: a second mitigation during the first is refused', () => {
    let s = step(getInitialSnapshot(incidentMachine, {}), { type: 'seed.set', seed: 42 });
    s = advanceTo(s, 11);
    s = step(s, act({ kind: 'acknowledge', by: 'a' }), act({ kind: 'mitigate', mitigation: 'restart' }), act({ kind: 'mitigate', mitigation: 'failover' }));
    expect(s.context.error).toBe('one change at a time: restart is still in progress until minute 15');
  });

  it('plays one minute per tick on the actor clock and pauses', () => {
    const clock = new SimulatedClock();
    const actor = createActor(incidentMachine, { input: { seed: 42 }, clock }).start();
    actor.send({ type: 'clock.play' });
    for (let i = 0; i < 3; i++) clock.increment(PLAY_TICK_MS);
    expect(actor.getSnapshot().context.minute).toBe(3);
    actor.send({ type: 'clock.pause' });
    for (let i = 0; i < 3; i++) clock.increment(PLAY_TICK_MS);
    expect(actor.getSnapshot().context.minute).toBe(3);
    actor.stop();
  });

  it('after the end, the replay cursor shows earlier minutes and forking continues from there', () => {
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'retry-storm.good.json'), 'utf8')) as RunSpec;
    const done = drive(spec);
    const at9 = step(done, { type: 'review.set', minute: 9 });
    expect(at9.context.review?.state).toEqual(stateAt(builtInScenarios['retry-storm']!, 42, spec.actions, 9));
    const forked = step(at9, { type: 'review.fork' });
    expect(forked.matches({ running: 'paused' })).toBe(true);
    expect(forked.context.minute).toBe(9);
    expect(forked.context.actions).toEqual(spec.actions.filter((a: Action) => a.at < 9));
    const worse = step(forked, advanceEvent(1), act({ kind: 'mitigate', mitigation: 'restart' }), advanceEvent(20));
    expect(worse.context.state.restoredAt).toBeNull();
  });

  it('loads a run from a link and lands in the right state', () => {
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'config-push.good.json'), 'utf8')) as RunSpec;
    const s = step(getInitialSnapshot(incidentMachine, {}), { type: 'run.load', scenarioId: spec.scenario, seed: spec.seed, actions: spec.actions, minute: 22 });
    expect(s.matches('finished')).toBe(true);
    const partway = step(getInitialSnapshot(incidentMachine, {}), { type: 'run.load', scenarioId: spec.scenario, seed: spec.seed, actions: spec.actions.slice(0, 3), minute: 12 });
    expect(partway.matches({ running: 'paused' })).toBe(true);
    expect(partway.context.minute).toBe(12);
  });
});

function advanceEvent(minutes: number): IncidentEvent {
  return { type: 'time.advance', minutes };
}
