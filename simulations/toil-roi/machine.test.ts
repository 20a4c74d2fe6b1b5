import { createActor, getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { toilMachine } from './machine';
import { SOURCE_TEAM } from './model';

const start = () => getInitialSnapshot(toilMachine, {});
type Snapshot = ReturnType<typeof start>;
const percents = (s: Snapshot) => s.context.analysis.toil.people.map((p) => p.toilPercent.toFixed(1));

describe('toil-roi machine', () => {
  it("starts valid, with the source's team and its ranking", () => {
    const s = start();
    expect(s.value).toBe('valid');
    expect(s.context.team).toEqual(SOURCE_TEAM);
    expect(percents(s)).toEqual(['57.5', '57.5', '55.0']);
    expect(s.context.analysis.ranked.map((r) => r.combinedScore.toFixed(1))).toEqual(['8.2', '8.0', '7.4']);
  });

  it("editing a person's hours moves their percentage across the 50% line", () => {
    // Alice's deployments 8 -> 2: 17 of 40 h = 42.5%, below the line; team 62 of 120 = 51.7%.
    const s = getNextSnapshot(toilMachine, start(), { type: 'task.edit', person: 0, task: 0, field: 'hoursPerWeek', value: '2' });
    expect(percents(s)[0]).toBe('42.5');
    expect(s.context.analysis.toil.people[0]!.belowLimit).toBe(true);
    expect(s.context.analysis.toil.toilPercent.toFixed(1)).toBe('51.7');
    // Team deployments 18 h: int(18 * 4 * 0.8) = int(57.6) = 57 h a month saved.
    expect(s.context.analysis.scan.opportunities[0]!.savedHoursPerMonth).toBe(57);
  });

  it('an invalid value is reported by path and the analysis stays on the last valid team', () => {
    const s1 = getNextSnapshot(toilMachine, start(), { type: 'task.edit', person: 1, task: 0, field: 'hoursPerWeek', value: '-3' });
    expect(s1.value).toBe('invalid');
    expect(s1.context.issues.map((i) => i.message)).toEqual(['people[1].tasks[0].hoursPerWeek must be a non-negative number, got -3']);
    expect(s1.context.draft.people[1]!.tasks[0]!.hoursPerWeek).toBe('-3');
    expect(s1.context.team).toEqual(SOURCE_TEAM);
    const s2 = getNextSnapshot(toilMachine, s1, { type: 'task.edit', person: 1, task: 0, field: 'hoursPerWeek', value: '6' });
    expect(s2.value).toBe('valid');
    expect(s2.context.issues).toEqual([]);
  });

  it('adds and removes people and tasks', () => {
    const actor = createActor(toilMachine, { input: {} }).start();
    actor.send({ type: 'person.add' });
    let c = actor.getSnapshot().context;
    expect(c.team.people.map((p) => p.name)).toEqual(['alice@company.example', 'bob@company.example', 'charlie@company.example', 'person 4']);
    // 68 toil hours over 160 working hours = 42.5%: the team drops below the line.
    expect(c.analysis.toil.toilPercent).toBe(42.5);
    actor.send({ type: 'task.add', person: 3 });
    actor.send({ type: 'task.edit', person: 3, task: 0, field: 'hoursPerWeek', value: '30' });
    c = actor.getSnapshot().context;
    expect(c.team.people[3]!.tasks).toEqual([{ activity: 'manualDeployments', hoursPerWeek: 30 }]);
    expect(c.analysis.toil.people[3]!.toilPercent).toBe(75);
    actor.send({ type: 'task.remove', person: 3, task: 0 });
    actor.send({ type: 'person.remove', index: 3 });
    expect(actor.getSnapshot().context.team).toEqual(SOURCE_TEAM);
    // The last person cannot be removed.
    actor.send({ type: 'person.remove', index: 0 });
    actor.send({ type: 'person.remove', index: 0 });
    actor.send({ type: 'person.remove', index: 0 });
    expect(actor.getSnapshot().context.team.people).toHaveLength(1);
    expect(actor.getSnapshot().context.editError).toBe('the team needs at least one person');
    actor.send({ type: 'team.reset' });
    expect(actor.getSnapshot().context.team).toEqual(SOURCE_TEAM);
  });

  it('a new task takes the first activity the person does not have yet', () => {
    const s = getNextSnapshot(toilMachine, start(), { type: 'task.add', person: 0 });
    // Alice has all five of the source's activities, so the sixth is "other".
    expect(s.context.team.people[0]!.tasks.at(-1)).toEqual({ activity: 'other', hoursPerWeek: 0 });
  });

  it('refuses a bad hourly cost and keeps the last good one', () => {
    const s1 = getNextSnapshot(toilMachine, start(), { type: 'settings.change', settings: { hourlyCost: 150 } });
    expect(s1.context.analysis.ranked[0]!.roi.implementationCost).toBe(12_000);
    const s2 = getNextSnapshot(toilMachine, s1, { type: 'settings.change', settings: { hourlyCost: -1 } });
    expect(s2.context.settingsError).toMatch(/hourly cost must be/);
    expect(s2.context.settings.hourlyCost).toBe(150);
  });

  it('changing the plan order recomputes the timeline', () => {
    const s = getNextSnapshot(toilMachine, start(), { type: 'settings.change', settings: { order: 'fastest-payback' } });
    expect(s.context.timeline.projects[0]!.title).toBe('Implement proactive alerting');
  });

  it('loads a valid team and refuses an invalid one with its reasons', () => {
    const one = { people: [{ name: 'dana', totalWorkHours: 40, tasks: [{ activity: 'manualDeployments', hoursPerWeek: 12 }] }] };
    const s1 = getNextSnapshot(toilMachine, start(), { type: 'team.load', team: one });
    expect(s1.context.team).toEqual(one);
    const s2 = getNextSnapshot(toilMachine, s1, { type: 'team.load', team: { people: [] } });
    expect(s2.context.team).toEqual(one);
    expect(s2.context.editError).toContain('people must list at least one person');
  });

  it('keeps an xkcd pick while its task exists and drops it when it goes', () => {
    const s1 = getNextSnapshot(toilMachine, start(), { type: 'xkcd.pick', task: '0:manualTesting', frequency: 'weekly' });
    expect(s1.context.xkcd).toEqual({ task: '0:manualTesting', frequency: 'weekly' });
    const s2 = getNextSnapshot(toilMachine, s1, { type: 'task.remove', person: 0, task: 4 });
    expect(s2.context.xkcd.task).toBeNull();
  });
});
