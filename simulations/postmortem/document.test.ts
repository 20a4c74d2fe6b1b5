import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isDate } from './dates';
import { blankPostMortem, clipWords, effectiveDue, issueCounts, nextId, participantNames, priorityDeadline, reviewPostMortem, type ActionItem, type PostMortem } from './document';

const item = (over: Partial<ActionItem> = {}): ActionItem => ({
  id: 'A1',
  description: 'Alert when pool use exceeds 80% for 5 minutes',
  owner: 'platform-team',
  priority: 'P1',
  dueDate: '',
  status: 'open',
  doneDate: '',
  successCriteria: 'Alert fires in staging',
  addresses: ['F1', 'W1'],
  ...over,
});

/** A document the review passes without a single note: the base the tests break one field at a time. */
function complete(): PostMortem {
  return {
    ...blankPostMortem('pm-1', '2024-01-15'),
    title: 'Payment service degradation',
    incidentId: 'INC-2024-001',
    severity: 2,
    facilitator: 'senior-engineer',
    participants: 'alice@company.example (incident commander), bob',
    summary: 'Payments failed for 95 minutes because the database connection pool was exhausted; a bigger pool restored service.',
    impact: { detectionMinutes: '15', recoveryMinutes: '95', resolutionMinutes: '110', usersAffected: '15000', failedRequests: '', errorBudgetSpentPercent: '12' },
    timeline: [
      { minute: '0', event: 'Pool exhausted', source: 'pool metrics' },
      { minute: '15', event: 'HighErrorRate fired', source: 'alertmanager' },
    ],
    factors: [
      {
        id: 'F1',
        description: 'Connection pool size is static',
        category: 'technology',
        whys: [
          { why: 'Why? Pool exhausted', because: 'Pool too small for the spike' },
          { why: 'Why? Pool too small', because: 'Auto-scaling adds instances but not pool size' },
          { why: 'Why? Not pool size', because: 'Pool size is a static setting' },
        ],
        evidence: 'grafana/d/pool',
      },
    ],
    wentWell: ['Detected by automated monitoring'],
    wentWrong: [{ id: 'W1', text: 'Pool exhaustion was not detected proactively' }],
    actionItems: [item()],
  };
}

const paths = (doc: PostMortem, level?: 'error' | 'warning') => reviewPostMortem(doc).filter((i) => !level || i.level === level).map((i) => i.path);
const messages = (doc: PostMortem) => reviewPostMortem(doc).map((i) => i.message);

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(isDate('2024-02-29')).toBe(true); // 2024 is a leap year
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('15/01/2024')).toBe(false);
    expect(isDate('')).toBe(false);
  });

  it('adds days across month ends, year ends and 29 February', () => {
    expect(addDays('2024-01-30', 3)).toBe('2024-02-02'); // Jan 31, Feb 1, Feb 2
    expect(addDays('2024-02-27', 3)).toBe('2024-03-01'); // Feb 28, Feb 29 (leap), Mar 1
    expect(addDays('2023-02-27', 3)).toBe('2023-03-02'); // Feb 28, Mar 1, Mar 2
    expect(addDays('2023-12-30', 7)).toBe('2024-01-06');
    expect(daysBetween('2024-01-15', '2024-02-15')).toBe(31);
  });
});

describe('deadlines from the priority (P0 3 days, P1 7, P2 31, P3 none)', () => {
  it('counts from the incident date', () => {
    expect(priorityDeadline('2024-01-15', 'P0')).toBe('2024-01-18');
    expect(priorityDeadline('2024-01-15', 'P1')).toBe('2024-01-22');
    expect(priorityDeadline('2024-01-15', 'P2')).toBe('2024-02-15');
    expect(priorityDeadline('2024-01-15', 'P3')).toBeNull();
  });

  it('crosses month boundaries and leap days', () => {
    // 2024-01-31 + 31 days: 29 days to Feb 29, 2 more to Mar 2.
    expect(priorityDeadline('2024-01-31', 'P2')).toBe('2024-03-02');
    // 2023 has no Feb 29: 28 days to Feb 28, 3 more to Mar 3.
    expect(priorityDeadline('2023-01-31', 'P2')).toBe('2023-03-03');
    expect(priorityDeadline('2024-02-27', 'P0')).toBe('2024-03-01');
    expect(priorityDeadline('2024-02-26', 'P1')).toBe('2024-03-04'); // 3 days to Feb 29, 4 more
    expect(priorityDeadline('2024-12-28', 'P1')).toBe('2025-01-04');
  });

  it('uses a typed due date when there is one, and the deadline otherwise', () => {
    expect(effectiveDue(item({ dueDate: '2024-01-20' }), '2024-01-15')).toBe('2024-01-20');
    expect(effectiveDue(item({ dueDate: '' }), '2024-01-15')).toBe('2024-01-22');
    expect(effectiveDue(item({ priority: 'P3' }), '2024-01-15')).toBeNull();
  });
});

describe('reviewing a post-mortem', () => {
  it('finds nothing in a complete, blameless document', () => {
    expect(reviewPostMortem(complete())).toEqual([]);
  });

  it('reports every missing field of an empty document, each with its path', () => {
    const found = paths(blankPostMortem('pm-1', '2024-01-15'), 'error');
    expect(found).toEqual(['title', 'incidentId', 'summary', 'impact.recoveryMinutes', 'factors', 'actionItems']);
  });

  it('words every note as the form reads, never as a field path', () => {
    const doc = complete();
    doc.timeline.push({ minute: 'soon', event: '', source: '' });
    doc.factors[0]!.whys.push({ why: '', because: '' });
    doc.factors[0]!.category = 'human';
    doc.actionItems.push(item({ id: 'A9', owner: '', dueDate: 'later', status: 'done' }));
    doc.wentWrong.push({ id: 'W9', text: '' });
    const found = [...reviewPostMortem(doc), ...reviewPostMortem(blankPostMortem('pm-1', '2024-01-15'))];
    expect(found.length).toBeGreaterThan(10);
    for (const issue of found) {
      expect(issue.message, issue.path).not.toMatch(/\w\[\d+\]|\b[a-z]+[A-Z]\w*\b|\.\w/);
      expect(issue.message).toBe(`${issue.field} ${issue.text}`);
    }
    expect(found.map((i) => i.field)).toEqual(expect.arrayContaining(['Timeline entry 3: minute', 'Action item 2: owner', 'Contributing factor 1, why 4: answer', 'Contributing factor 1: category']));
  });

  it('names the action item and field that lack an owner, and refuses placeholder owners', () => {
    const doc = complete();
    doc.actionItems = [item(), item({ id: 'A2' }), item({ id: 'A3', owner: ' ' }), item({ id: 'A4', owner: 'TBD' })];
    const errors = reviewPostMortem(doc).filter((i) => i.level === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      'Action item 3: owner is required: no item leaves the meeting without an owner',
      'Action item 4: owner "TBD" is a placeholder: name a person or a team',
    ]);
  });

  it('flags a due date later than its priority allows, with the days counted', () => {
    const doc = complete();
    // The lesson's A1: P0 due 2024-01-22, 7 days after 2024-01-15, but P0 allows 3 (by 2024-01-18).
    doc.actionItems = [item({ priority: 'P0', dueDate: '2024-01-22' })];
    expect(messages(doc)).toContain(
      'Action item 1: due date (2024-01-22) is 7 days after the incident, but P0 must be done within 3 (by 2024-01-18): change the priority openly, not the date quietly',
    );
    doc.actionItems = [item({ priority: 'P0', dueDate: '2024-01-18' })]; // exactly 3 days: allowed
    expect(paths(doc)).toEqual([]);
    doc.actionItems = [item({ priority: 'P3', dueDate: '2024-12-31' })]; // P3 has no window
    expect(paths(doc)).toEqual([]);
    doc.actionItems = [item({ dueDate: '2024-01-14' })];
    expect(messages(doc)).toContain('Action item 1: due date (2024-01-14) is before the incident (2024-01-15)');
    doc.actionItems = [item({ dueDate: 'next week' })];
    expect(messages(doc)).toContain('Action item 1: due date must be a date written YYYY-MM-DD, got "next week"');
  });

  it('warns (does not fail) when a why-answer blames a person or uses blame words', () => {
    const doc = complete();
    doc.factors[0]!.whys[1]!.because = 'bob forgot to raise the pool size';
    const found = reviewPostMortem(doc);
    expect(found.every((i) => i.level === 'warning')).toBe(true);
    expect(found.map((i) => i.message)).toEqual([
      'Contributing factor 1, why 2: answer reads as blame ("forgot"): ask what made that action reasonable, and describe the system condition instead',
      'Contributing factor 1, why 2: answer names a person (bob) as a cause: ask what made their action reasonable, and answer with a system condition',
    ]);
  });

  it('recognises a participant by the local part of their email, and any email address', () => {
    expect(participantNames('alice@company.example (incident commander), bob, x')).toEqual(['alice@company.example', 'alice', 'bob']);
    const doc = complete();
    doc.factors[0]!.whys[0]!.because = 'Alice ran the migration at peak';
    expect(messages(doc)).toContain('Contributing factor 1, why 1: answer names a person (alice) as a cause: ask what made their action reasonable, and answer with a system condition');
    doc.factors[0]!.whys[0]!.because = 'carol@company.example ran the migration';
    expect(messages(doc)[0]).toContain('names a person (carol@company.example)');
    // "alicent" is not alice.
    doc.factors[0]!.whys[0]!.because = 'The alicent job ran at peak';
    expect(messages(doc)).toEqual([]);
  });

  it("lets 'human' start an analysis but never end it", () => {
    const doc = complete();
    doc.factors[0]!.whys[0]!.because = 'An engineer ran the command against production'; // a start: fine
    expect(paths(doc)).toEqual([]);
    doc.factors[0]!.category = 'human';
    expect(reviewPostMortem(doc)).toEqual([
      expect.objectContaining({ level: 'error', path: 'factors[0].category', message: expect.stringContaining("is 'human': human error may start an analysis, never end it") }),
    ]);
  });

  it('notes short chains and chains that end in an absence', () => {
    const doc = complete();
    doc.factors[0]!.whys = [{ why: 'Why?', because: "We didn't design for traffic elasticity from the beginning" }];
    expect(messages(doc)).toEqual([
      'Contributing factor 1: 5 Whys stops after 1: is the last answer really something you can change?',
      `Contributing factor 1, why 1: answer names an absence ("We didn't design for traffic elasticity from the beginning"): turn it into a concrete design change`,
    ]);
  });

  it('warns about what went wrong without an action item, and items that answer nothing', () => {
    const doc = complete();
    doc.wentWrong.push({ id: 'W2', text: 'Customer communication was delayed by 20 minutes' });
    doc.actionItems.push(item({ id: 'A2', description: 'Review all static configuration', successCriteria: '', addresses: [] }));
    expect(messages(doc)).toEqual([
      'What went wrong, item 2 (W2) has no action item: each needs one, or a written reason why not',
      'Action item 2: description starts with a vague verb: say what will be different afterwards',
      'Action item 2: success criteria is empty: nobody can say when it is done',
      'Action item 2: what it addresses is empty: the item answers no contributing factor or failure',
    ]);
  });

  it('asks for a P0 item when the incident spent over 20% of the error budget', () => {
    const doc = complete();
    doc.impact.errorBudgetSpentPercent = '20';
    expect(paths(doc)).toEqual([]); // exactly 20% is not over
    doc.impact.errorBudgetSpentPercent = '34.7';
    expect(messages(doc)).toEqual([
      'Action items include no P0 item, but this incident spent 34.7% of the error budget: over 20%, the example error budget policy asks for at least one',
    ]);
    doc.actionItems[0]!.priority = 'P0';
    expect(paths(doc)).toEqual([]);
  });

  it('checks numbers and the order of the times', () => {
    const doc = complete();
    doc.impact.recoveryMinutes = '95 min';
    doc.impact.usersAffected = '1.5';
    doc.timeline[1]!.minute = '-5';
    expect(messages(doc)).toEqual([
      'Time to recover (minutes) must be a number of minutes (0 or more), got "95 min"',
      'Users affected must be a whole number (0 or more), got "1.5"',
      'Timeline entry 2: minute (T-5) is earlier than the entry before it: keep the timeline in order',
    ]);
    const closedEarly = complete();
    closedEarly.impact.resolutionMinutes = '90';
    expect(messages(closedEarly)).toEqual([
      'Time to resolve (minutes) (90) cannot be less than the time to recover (95): the incident closes after service is restored',
    ]);
  });

  it('requires a done date for done items', () => {
    const doc = complete();
    doc.actionItems = [item({ status: 'done', doneDate: '' })];
    expect(messages(doc)).toEqual(['Action item 1: done date is required for a done item']);
  });

  it('counts errors and warnings in words', () => {
    expect(issueCounts([]).text).toBe('0 errors, 0 warnings');
    expect(issueCounts(reviewPostMortem({ ...complete(), title: '' })).text).toBe('1 error, 0 warnings');
  });

  it('numbers new ids after the highest, never reusing a gap', () => {
    expect(nextId('A', [])).toBe('A1');
    expect(nextId('A', ['A1', 'A3'])).toBe('A4');
    expect(nextId('pm-', ['pm-2', 'x-9'])).toBe('pm-3');
  });
});

describe('short labels', () => {
  it('cuts a long description at a word, never mid-word', () => {
    const text = 'The primary database host db-primary-1 lost its storage volume after a hypervisor fault.';
    expect(clipWords(text, 60)).toBe('The primary database host db-primary-1 lost its storage…');
    expect(clipWords('short', 60)).toBe('short');
    expect(clipWords('  spaced\n  out  ', 60)).toBe('spaced out');
    expect(clipWords('x'.repeat(80), 60)).toBe(`${'x'.repeat(60)}…`);
  });
});
