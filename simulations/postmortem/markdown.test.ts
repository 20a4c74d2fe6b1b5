import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdit, type Edit } from './editor';
import type { PostMortem } from './document';
import { cell, markdownFileName, table, toMarkdown } from './markdown';
import { fromRunResult, parseRunResultText } from './run-result';

const result = parseRunResultText(readFileSync(join(import.meta.dirname, 'fixtures', 'run-result.json'), 'utf8'));
if (!result.ok) throw new Error('fixture');

function edited(doc: PostMortem, edits: Edit[]): PostMortem {
  return edits.reduce((d, e) => {
    const r = applyEdit(d, e);
    if (!r.ok) throw new Error(r.reason);
    return r.doc;
  }, doc);
}

const doc = edited(fromRunResult(result.value, 'pm-1', '2030-01-01'), [
  { type: 'action.add' },
  { type: 'action.edit', index: 0, field: 'description', value: 'Alert when WAL archiving | lags' },
  { type: 'action.edit', index: 0, field: 'owner', value: 'db-team' },
  { type: 'action.priority', index: 0, value: 'P0' },
  { type: 'action.addresses', index: 0, id: 'F1', answers: true },
  { type: 'action.status', index: 0, done: true, today: '2024-02-28' },
  { type: 'action.add' },
  { type: 'action.edit', index: 1, field: 'description', value: 'Pre-approved first status message' },
  { type: 'action.edit', index: 1, field: 'owner', value: 'comms' },
  { type: 'action.priority', index: 1, value: 'P1' },
]);

/** The lines of a section, from its heading to the next `## `. */
const section = (md: string, heading: string) => {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l !== '');
};

describe('the Markdown export', () => {
  const md = toMarkdown(doc, '2024-03-06');

  it('has the blameless template headings in order', () => {
    const headings = md.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings).toEqual([
      '# Post-mortem: Primary database outage',
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Contributing factors',
      "### F1: The primary database's disk filled with write-ahead logs after archiving stalled",
      '## What went well',
      '## What went wrong',
      '## Where we got lucky',
      '## Action items',
      '## Follow-up as of 2024-03-06',
      '## Review notes',
    ]);
    expect(md).toContain('> This is a blameless review.');
  });

  it('writes the impact and timeline as tables', () => {
    expect(section(md, '## Impact')).toContain('| Time to recover (impact start to service restored) | 21 min |');
    expect(section(md, '## Impact')).toContain('| Error budget spent | 34.7% |');
    const timeline = section(md, '## Timeline');
    expect(timeline.slice(0, 3)).toEqual(['| Time | Event | Source |', '| --- | --- | --- |', '| T+3 min | HighErrorRate firing: checkout 5xx at 62% | monitoring: alert |']);
    expect(timeline).toHaveLength(2 + 7);
  });

  it('writes action items with computed due dates and escaped pipes', () => {
    const items = section(md, '## Action items');
    expect(items[0]).toBe('| ID | Action | Owner | Priority | Due | Status | Success criteria | Answers |');
    // Incident 2024-02-27 (leap year): P0 + 3 days = 2024-03-01, P1 + 7 = 2024-03-05.
    expect(items[2]).toBe('| A1 | Alert when WAL archiving \\| lags | db-team | P0 | 2024-03-01 | done 2024-02-28 | — | F1 |');
    expect(items[3]).toBe('| A2 | Pre-approved first status message | comms | P1 | 2024-03-05 | open | — | — |');
  });

  it('reports the follow-up at the given day: A2 is overdue on 2024-03-06', () => {
    const followUp = section(md, '## Follow-up as of 2024-03-06');
    expect(followUp).toContain('| Completed | 1 of 2 (50%) |');
    expect(followUp).toContain('| Overdue | A2 (due 2024-03-05, comms) |');
    expect(followUp).toContain('| On track | Not on track: 1 of 2 done (50%), below 85%, and 1 overdue. |');
  });

  it('lists the review notes, and marks the document a draft while errors remain', () => {
    expect(md).toContain('| Status | complete |');
    expect(section(md, '## Review notes')).toContain('- Warning: Contributing factor 1: 5 Whys has no 5 Whys yet: walk from the symptom towards something you can change');
    const draft = toMarkdown({ ...doc, title: '' }, '2024-03-06');
    expect(draft).toContain('# Post-mortem: untitled incident');
    expect(draft).toMatch(/\| Status \| draft \(1 error, \d+ warnings\) \|/);
    expect(draft).toContain('- Error: Title is required');
  });

  it('keeps tables intact whatever is typed', () => {
    expect(cell('a|b\nc')).toBe('a\\|b<br>c');
    expect(cell('  ')).toBe('—');
    expect(table(['x'], [['1']])).toBe('| x |\n| --- |\n| 1 |');
    expect(markdownFileName(doc)).toBe('postmortem-database-outage-seed-42.md');
  });
});
