import { createActor, getInitialSnapshot, getNextSnapshot, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { canaryCommand } from './command';
import { canaryMachine, PLAY_TICK_MS } from './machine';
import { cliCommand, configFromParams, DEFAULT_PARAMS, paramsFromSearch, paramsToSearch, type CanaryParams } from './params';

const bad: Partial<CanaryParams> = { policy: 'flagger', newVersion: { fault: 'error-ratio', value: 0.02 } };

describe('canary machine', () => {
  it('starts before the rollout, with the default run computed', () => {
    const s = getInitialSnapshot(canaryMachine, {});
    expect(s.context.params).toEqual(DEFAULT_PARAMS);
    expect(s.context.cursor).toBe(0);
    expect(s.value).toBe('paused');
    expect(s.context.run.intervals.length).toBeGreaterThan(0);
  });

  it('reveals one interval per "Next interval", never past the end, and rewinds on reset', () => {
    // Flagger, threshold 3, a 2% version: three failing intervals, then rollback.
    let s = getInitialSnapshot(canaryMachine, bad);
    expect(s.context.run.intervals).toHaveLength(3);
    for (let i = 1; i <= 5; i++) {
      s = getNextSnapshot(canaryMachine, s, { type: 'sim.step' });
      expect(s.context.cursor).toBe(Math.min(i, 3));
    }
    expect(s.context.run.outcome.result).toBe('rolled-back');
    s = getNextSnapshot(canaryMachine, s, { type: 'sim.reset' });
    expect(s.context.cursor).toBe(0);
    expect(s.context.params).toEqual({ ...DEFAULT_PARAMS, ...bad });
  });

  it('re-runs on a parameter change and starts over; refuses a bad change with a reason', () => {
    let s = getInitialSnapshot(canaryMachine, {});
    s = getNextSnapshot(canaryMachine, s, { type: 'sim.step' });
    s = getNextSnapshot(canaryMachine, s, { type: 'param.change', params: bad });
    expect(s.context.cursor).toBe(0);
    expect(s.context.run.config.policy).toBe('flagger');
    const refused = getNextSnapshot(canaryMachine, s, { type: 'param.change', params: { steps: [{ weight: 50, pauseSeconds: 300 }, { weight: 5, pauseSeconds: 300 }], seed: -1 } });
    expect(refused.context.error).toContain('steps[1].weight must be larger than the step before (50), got 5');
    expect(refused.context.error).toContain('seed must be a whole number');
    expect(refused.context.params).toEqual(s.context.params);
  });

  it('plays one interval per tick on the actor clock, pauses on request, and stops at the outcome', () => {
    const clock = new SimulatedClock();
    const actor = createActor(canaryMachine, { input: {}, clock }).start();
    const ticks = (n: number) => {
      for (let i = 0; i < n; i++) clock.increment(PLAY_TICK_MS);
    };
    const total = actor.getSnapshot().context.run.intervals.length; // the healthy default: 15 intervals
    expect(total).toBe(15);
    actor.send({ type: 'sim.play' });
    ticks(4);
    expect(actor.getSnapshot().context.cursor).toBe(4);
    actor.send({ type: 'sim.pause' });
    ticks(4);
    expect(actor.getSnapshot().context.cursor).toBe(4);
    actor.send({ type: 'sim.play' });
    ticks(30);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.cursor).toBe(total);
    // Play at the end replays from the start.
    actor.send({ type: 'sim.play' });
    ticks(1);
    expect(actor.getSnapshot().context.cursor).toBe(1);
    actor.send({ type: 'sim.reset' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.cursor).toBe(0);
  });
});

describe('canary URL parameters and the equivalent command', () => {
  const params: CanaryParams = { policy: 'kayenta', newVersion: { fault: 'latency-shift', value: 250 }, steps: [{ weight: 10, pauseSeconds: 120 }, { weight: 40, pauseSeconds: 180 }], rps: 80, seed: 9 };

  it('round-trip through the query string, keeping other parameters', () => {
    const search = paramsToSearch(params, '?gs-seed=3');
    expect(search).toContain('gs-seed=3');
    expect(paramsFromSearch(search)).toEqual({ params, problems: [] });
  });

  it('report bad values by key and keep the defaults for them', () => {
    const { params: p, problems } = paramsFromSearch('?cn-policy=spinnaker&cn-fault=error-ratio:3&cn-steps=5:5m,2:5m&cn-seed=x&cn-rps=0&cn-fault-extra=1');
    expect(p).toEqual(DEFAULT_PARAMS);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('cn-steps "5:5m,2:5m": steps[1].weight must be larger than the step before (5), got 2');
  });

  it('give a CLI command that prints the run the view shows', () => {
    const command = cliCommand(params);
    expect(command).toBe('npx rlab canary --policy kayenta --fault latency-shift:250 --steps 10:2m,40:3m --interval 1m --rps 80 --seed 9');
    let out = '';
    const code = canaryCommand.run([...command.split(' ').slice(3), '--json'], { stdout: (t) => void (out += t), stderr: () => {}, readFile: () => '' });
    expect(code).toBe(0);
    const view = getInitialSnapshot(canaryMachine, params).context.run;
    const cli = JSON.parse(out) as { outcome: unknown; intervals: unknown };
    expect(cli.outcome).toEqual(view.outcome);
    expect(cli.intervals).toEqual(JSON.parse(JSON.stringify(view.intervals)));
    expect(configFromParams(params).traffic.requestsPerSecond).toBe(80);
  });
});
