import { createActor, getInitialSnapshot, getNextSnapshot, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { goldenSignalsMachine, PLAY_STEP_SECONDS, PLAY_TICK_MS } from './machine';
import { cliCommand, DEFAULT_PARAMS, paramsFromSearch, paramsToSearch, RUN_SECONDS } from './params';

const firing = (snapshot: ReturnType<typeof getInitialSnapshot<typeof goldenSignalsMachine>>, rule: string) =>
  snapshot.context.run.events.some((e) => e.rule === rule && e.state === 'firing');

describe('golden-signals machine', () => {
  it('starts with the default error burst, which fires the error-rate alert', () => {
    const s = getInitialSnapshot(goldenSignalsMachine, {});
    expect(s.context.params).toEqual(DEFAULT_PARAMS);
    expect(firing(s, 'HighErrorRate')).toBe(true);
    expect(firing(s, 'HighResourceUsage')).toBe(false);
  });

  it('adds a CPU saturation fault and the CPU alert fires; removing it clears it', () => {
    const s0 = getInitialSnapshot(goldenSignalsMachine, { faults: [] });
    const s1 = getNextSnapshot(goldenSignalsMachine, s0, {
      type: 'fault.add',
      fault: { kind: 'cpu-saturation', startSeconds: 900, endSeconds: 2700, value: 70 },
    });
    expect(firing(s1, 'HighResourceUsage')).toBe(true);
    const s2 = getNextSnapshot(goldenSignalsMachine, s1, { type: 'fault.remove', index: 0 });
    expect(firing(s2, 'HighResourceUsage')).toBe(false);
  });

  it('refuses a bad fault with a reason and keeps the run', () => {
    const s0 = getInitialSnapshot(goldenSignalsMachine, {});
    const s1 = getNextSnapshot(goldenSignalsMachine, s0, {
      type: 'fault.add',
      fault: { kind: 'error-burst', startSeconds: 600, endSeconds: 300, value: 0.2 },
    });
    expect(s1.context.error).toBeTruthy();
    expect(s1.context.params).toEqual(s0.context.params);
  });

  it('plays the hour on the actor clock, one minute per tick, then pauses', () => {
    const clock = new SimulatedClock();
    const actor = createActor(goldenSignalsMachine, { input: {}, clock }).start();
    const ticks = (n: number) => {
      for (let i = 0; i < n; i++) clock.increment(PLAY_TICK_MS);
    };
    actor.send({ type: 'sim.play' });
    expect(actor.getSnapshot().context.cursor).toBe(0);
    ticks(10);
    expect(actor.getSnapshot().context.cursor).toBe(10 * PLAY_STEP_SECONDS);
    actor.send({ type: 'sim.pause' });
    ticks(10);
    expect(actor.getSnapshot().context.cursor).toBe(10 * PLAY_STEP_SECONDS);
    actor.send({ type: 'sim.play' });
    ticks(100);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.cursor).toBe(RUN_SECONDS);
  });

  it('gives the same run for the same seed and faults', () => {
    const a = getInitialSnapshot(goldenSignalsMachine, { seed: 9 }).context.run;
    const b = getInitialSnapshot(goldenSignalsMachine, { seed: 9 }).context.run;
    const c = getInitialSnapshot(goldenSignalsMachine, { seed: 10 }).context.run;
    expect(a.signals).toEqual(b.signals);
    expect(a.signals).not.toEqual(c.signals);
  });
});

describe('golden-signals URL parameters', () => {
  it('round-trip faults in the CLI notation', () => {
    const params = { seed: 5, faults: [{ kind: 'latency-regression' as const, startSeconds: 300, endSeconds: 1500, value: 4 }] };
    expect(paramsFromSearch(paramsToSearch(params))).toEqual({ params, problems: [] });
    expect(cliCommand(params)).toBe('npx rlab golden-signals --seed 5 --duration 60m --fault latency-regression:300-1500:4');
  });

  it('reports bad faults and keeps the good ones', () => {
    const { params, problems } = paramsFromSearch('?gs-faults=meteor:1-2:3,cpu-saturation:60-600:50,error-burst:0-7200:0.5');
    expect(params.faults).toEqual([{ kind: 'cpu-saturation', startSeconds: 60, endSeconds: 600, value: 50 }]);
    expect(problems).toHaveLength(2);
  });
});

describe('predict, then see', () => {
  it('opens at minute 0, before the outcome, and keeps a prediction through play until reset', () => {
    const clock = new SimulatedClock();
    const actor = createActor(goldenSignalsMachine, { input: {}, clock }).start();
    expect(actor.getSnapshot().context.cursor).toBe(0);
    actor.send({ type: 'prediction.set', prediction: { minute: 14 } });
    actor.send({ type: 'sim.play' });
    for (let i = 0; i < RUN_SECONDS / PLAY_STEP_SECONDS + 2; i++) clock.increment(PLAY_TICK_MS);
    expect(actor.getSnapshot().context.cursor).toBe(RUN_SECONDS);
    expect(actor.getSnapshot().context.prediction).toEqual({ minute: 14 });
    actor.send({ type: 'sim.reset' });
    expect(actor.getSnapshot().context).toMatchObject({ cursor: 0, prediction: null });
    actor.stop();
  });
});
