import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore, readArea, storageKey, writeArea } from '../../src/lib/storage';
import { SOURCE_TEAM } from './model';
import { checkDraft, cliCommand, DEFAULT_SETTINGS, parseTeamJson, settingsFromSearch, settingsToSearch, teamArea, teamToDraft, validateTeam } from './params';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const messages = (input: unknown) => {
  const checked = validateTeam(input);
  return checked.ok ? [] : checked.issues.map((i) => i.message);
};

describe('team validation', () => {
  it("accepts the source's team fixture as exactly the built-in team", () => {
    expect(parseTeamJson(fixture('source-team.json'))).toEqual({ ok: true, team: SOURCE_TEAM });
  });

  it('names the path of every problem in the bad fixture', () => {
    const checked = parseTeamJson(fixture('bad-values.json'));
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.issues.map((i) => i.message)).toEqual([
      'people[0].email is not a known field (expected name, totalWorkHours, tasks)',
      'people[1].tasks[0].hoursPerWeek must be a non-negative number, got -3',
      'people[2].totalWorkHours must be a number greater than 0 and at most 168, got "forty"',
    ]);
  });

  it('reports malformed JSON as such', () => {
    const checked = parseTeamJson(fixture('bad-syntax.json'));
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.issues[0]!.message).toMatch(/^the file is not valid JSON/);
  });

  it.each([
    [[], 'the team must be an object like {"people": [...]}, got an array'],
    [{ people: [] }, 'people must list at least one person'],
    [{ people: 'alice' }, 'people must be an array of people, got "alice"'],
    [{ people: [{ name: '', totalWorkHours: 40, tasks: [] }] }, 'people[0].name must be a non-empty text of at most 60 characters, got ""'],
    [{ people: [{ name: 'a', totalWorkHours: 0, tasks: [] }] }, 'people[0].totalWorkHours must be a number greater than 0 and at most 168, got 0'],
    [{ people: [{ name: 'a', totalWorkHours: 40 }] }, 'people[0].tasks must be an array of tasks, got nothing'],
    [{ people: [{ name: 'a', totalWorkHours: 40, tasks: [{ activity: 'manualTesting', hoursPerWeek: 200 }] }] }, 'people[0].tasks[0].hoursPerWeek must be a non-negative number of at most 168, got 200'],
    [{ people: [{ name: 'a', totalWorkHours: 40, tasks: [{ activity: '3d printing', hoursPerWeek: 1 }] }] }, 'people[0].tasks[0].activity must be an activity id'],
    [
      { people: [{ name: 'a', totalWorkHours: 40, tasks: [{ activity: 'manualTesting', hoursPerWeek: 1 }, { activity: 'manualTesting', hoursPerWeek: 2 }] }] },
      'people[0].tasks[1].activity "manualTesting" is already listed at people[0].tasks[0]',
    ],
    [
      { people: [{ name: 'a', totalWorkHours: 40, tasks: [] }, { name: 'a', totalWorkHours: 40, tasks: [] }] },
      'people[1].name "a" is already used by people[0]',
    ],
    [
      { people: [{ name: 'a', totalWorkHours: 20, tasks: [{ activity: 'manualTesting', hoursPerWeek: 15 }, { activity: 'incidentResponse', hoursPerWeek: 10 }] }] },
      'people[0].tasks add up to 25 toil hours, more than the 20 working hours of people[0].totalWorkHours',
    ],
  ])('rejects %j: %s', (input, message) => {
    expect(messages(input).some((m) => m.startsWith(message))).toBe(true);
  });

  it("checks the form's text: empty and non-numeric values are named", () => {
    const draft = teamToDraft(SOURCE_TEAM);
    draft.people[0]!.tasks[0]!.hoursPerWeek = '';
    draft.people[2]!.totalWorkHours = '4O';
    const checked = checkDraft(draft);
    expect(checked.ok ? [] : checked.issues.map((i) => i.message)).toEqual([
      'people[0].tasks[0].hoursPerWeek must be a non-negative number, got nothing',
      'people[2].totalWorkHours must be a number greater than 0 and at most 168, got "4O"',
    ]);
    expect(checkDraft(teamToDraft(SOURCE_TEAM))).toEqual({ ok: true, team: SOURCE_TEAM });
  });
});

describe('settings in the URL', () => {
  it('round-trip, keeping other parameters', () => {
    const settings = { hourlyCost: 125, order: 'fastest-payback' as const, schedule: 'back-to-back' as const };
    const search = settingsToSearch(settings, '?gs-seed=3');
    expect(search).toContain('gs-seed=3');
    expect(settingsFromSearch(search)).toEqual({ params: settings, problems: [] });
  });

  it('report bad values and keep the defaults', () => {
    const { params, problems } = settingsFromSearch('?tr-cost=-5&tr-order=random&tr-schedule=quarterly');
    expect(params).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual(['tr-cost "-5": hourly cost must be a number of dollars above 0 and at most 10000', 'tr-order "random" must be one of score, fastest-payback']);
  });

  it('give the equivalent command', () => {
    expect(cliCommand(DEFAULT_SETTINGS, SOURCE_TEAM)).toBe('npx rlab toil --hourly-cost 100 --order score --schedule quarterly');
    expect(cliCommand(DEFAULT_SETTINGS, { people: [SOURCE_TEAM.people[0]!] })).toContain('--input team.json');
  });
});

describe('the stored team', () => {
  it('is a versioned envelope that round-trips, and damaged data is backed up with a message', () => {
    const store = memoryStore();
    const team = { people: [SOURCE_TEAM.people[1]!] };
    expect(writeArea(store, teamArea, team)).toBeUndefined();
    expect(JSON.parse(store.getItem(storageKey('toil-roi-team'))!)).toEqual({ version: 1, data: team });
    expect(readArea(store, teamArea, 1)).toEqual({ value: team });

    store.setItem(storageKey('toil-roi-team'), JSON.stringify({ version: 1, data: { people: [{ name: 'x', totalWorkHours: -1, tasks: [] }] } }));
    const read = readArea(store, teamArea, 42);
    expect(read.value).toEqual(SOURCE_TEAM);
    expect(read.problem?.message).toContain('people[0].totalWorkHours must be a number greater than 0');
    expect(store.getItem('rlab:backup:toil-roi-team:42')).not.toBeNull();
  });
});
