/**
 * The whole post-mortem as Markdown, on a blameless template: a header table, summary, impact,
 * timeline, contributing factors with their 5 Whys, what went well, wrong and lucky, action items,
 * the follow-up at a given day, and the review's open notes. Tables escape `|` and line breaks, so
 * any text the learner typed keeps the table intact.
 */
import { effectiveDue, formatOffset, issueCounts, reviewPostMortem, type PostMortem } from './document';
import { formatRate, trackPostMortems } from './tracker';

/** Makes text safe inside a Markdown table cell. */
export function cell(text: string): string {
  const t = text.trim();
  return t === '' ? '—' : t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

const paragraph = (text: string, empty: string) => (text.trim() === '' ? `_${empty}_` : text.trim());
const bullets = (items: readonly string[], empty: string) => {
  const kept = items.filter((t) => t.trim() !== '');
  return kept.length === 0 ? `_${empty}_` : kept.map((t) => `- ${t.trim().replace(/\r?\n/g, ' ')}`).join('\n');
};
const withUnit = (value: string, unit: string) => (value.trim() === '' ? '' : `${value.trim()} ${unit}`);

/** The document as Markdown; `today` dates the follow-up section. */
export function toMarkdown(doc: PostMortem, today: string): string {
  const issues = reviewPostMortem(doc);
  const counts = issueCounts(issues);
  const out: string[] = [];
  out.push(`# Post-mortem: ${doc.title.trim() || 'untitled incident'}`);
  out.push(
    table(
      ['Field', 'Value'],
      [
        ['Incident', doc.incidentId],
        ['Date', doc.date],
        ['Severity', `SEV-${doc.severity}`],
        ['Facilitator', doc.facilitator],
        ['Participants', doc.participants],
        ['Status', counts.errors === 0 ? 'complete' : `draft (${counts.text})`],
        ...(doc.fromRun ? [['Prefilled from', `incident run ${doc.fromRun.scenario}, seed ${doc.fromRun.seed}, team ${doc.fromRun.team || 'unnamed'}`]] : []),
      ],
    ),
  );
  out.push(
    '> This is a blameless review. People had good intentions and made reasonable decisions with what they knew; we look for what in the system made the failure possible, not for someone to blame.',
  );
  out.push('## Summary', paragraph(doc.summary, 'No summary yet.'));
  out.push(
    '## Impact',
    table(
      ['Measure', 'Value'],
      [
        ['Time to detect (impact start to detection)', withUnit(doc.impact.detectionMinutes, 'min')],
        ['Time to recover (impact start to service restored)', withUnit(doc.impact.recoveryMinutes, 'min')],
        ['Time to resolve (impact start to incident closed)', withUnit(doc.impact.resolutionMinutes, 'min')],
        ['Users affected', doc.impact.usersAffected],
        ['Failed requests', doc.impact.failedRequests],
        ['Error budget spent', withUnit(doc.impact.errorBudgetSpentPercent, '%').replace(' %', '%')],
      ],
    ),
  );
  out.push(
    '## Timeline',
    doc.timeline.length === 0
      ? '_No timeline yet._'
      : table(
          ['Time', 'Event', 'Source'],
          doc.timeline.map((t) => {
            const minute = Number(t.minute);
            return [t.minute.trim() !== '' && Number.isFinite(minute) ? `T${formatOffset(minute)} min` : t.minute, t.event, t.source];
          }),
        ),
  );
  out.push('## Contributing factors');
  if (doc.factors.length === 0) out.push('_None recorded yet._');
  for (const f of doc.factors) {
    out.push(`### ${f.id}: ${f.description.trim().replace(/\r?\n/g, ' ') || 'undescribed factor'}`);
    out.push(`Category: ${f.category}`);
    out.push(f.whys.length === 0 ? '_No 5 Whys yet._' : table(['#', 'Why?', 'Because'], f.whys.map((w, i) => [String(i + 1), w.why, w.because])));
    out.push(`Evidence: ${f.evidence.trim() === '' ? '_none linked_' : f.evidence.trim().replace(/\r?\n/g, ' ')}`);
  }
  out.push('## What went well', bullets(doc.wentWell, 'Nothing recorded.'));
  out.push('## What went wrong', bullets(doc.wentWrong.map((w) => (w.text.trim() === '' ? '' : `**${w.id}** ${w.text}`)), 'Nothing recorded.'));
  out.push('## Where we got lucky', bullets(doc.lucky, 'Nothing recorded.'));
  out.push(
    '## Action items',
    doc.actionItems.length === 0
      ? '_No action items yet._'
      : table(
          ['ID', 'Action', 'Owner', 'Priority', 'Due', 'Status', 'Success criteria', 'Answers'],
          doc.actionItems.map((a) => [
            a.id,
            a.description,
            a.owner,
            a.priority,
            effectiveDue(a, doc.date) ?? 'no deadline',
            a.status === 'done' ? `done ${a.doneDate}`.trim() : 'open',
            a.successCriteria,
            a.addresses.join(', '),
          ]),
        ),
  );
  const report = trackPostMortems([doc], today);
  out.push(
    `## Follow-up as of ${today}`,
    table(
      ['Measure', 'Value'],
      [
        ['Completed', `${report.completed} of ${report.total} (${formatRate(report.completionRate)})`],
        ['Overdue', report.overdue.length === 0 ? 'none' : report.overdue.map((o) => `${o.id} (due ${o.due}, ${o.owner.trim() || 'no owner'})`).join(', ')],
        ['Closed after their due date', String(report.closedLate)],
        ['On track', report.verdict],
      ],
    ),
  );
  out.push('## Review notes', issues.length === 0 ? '_None: the review found nothing to fix._' : issues.map((i) => `- ${i.level === 'error' ? 'Error' : 'Warning'}: ${i.message}`).join('\n'));
  return `${out.join('\n\n')}\n`;
}

/** A file name for the download: `postmortem-<incident id or title>.md`. */
export function markdownFileName(doc: PostMortem): string {
  const slug = (doc.incidentId.trim() || doc.title.trim() || doc.id)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `postmortem-${slug || doc.id}.md`;
}
