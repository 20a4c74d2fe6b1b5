/**
 * Where post-mortems are kept in the browser: the `postmortems` area of `src/lib/storage.ts`
 * (`rlab:postmortems`, versioned, validated on read). A damaged document does not take the others
 * with it: the readable ones are kept and the original is backed up and reported. The same
 * checker reads a post-mortem file (`Download JSON` / `Import a post-mortem file`).
 */
import type { StoredArea } from '../../src/lib/storage';
import type { RunResult } from '../incident/contract';
import { FACTOR_CATEGORIES, LIMITS, PRIORITIES, type ActionItem, type ContributingFactor, type PostMortem } from './document';
import { parseRunResult } from './run-result';

/** What the area holds. */
export interface PostMortemList {
  documents: PostMortem[];
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DOCUMENTS = 50;

/** Checks one stored or imported post-mortem; errors name the path (`documents[1].actionItems[0].priority`). */
export function parsePostMortem(value: unknown, at = ''): Checked<PostMortem> {
  const errors: string[] = [];
  const p = (path: string) => (at ? `${at}.${path}` : path);
  const text = (obj: Record<string, unknown>, key: string, path: string) => {
    if (typeof obj[key] !== 'string') errors.push(`${p(path)} must be text`);
    else if ((obj[key] as string).length > LIMITS.text * 4) errors.push(`${p(path)} is too long`);
  };
  const list = (obj: Record<string, unknown>, key: string, max: number, each: (item: unknown, path: string) => void) => {
    const items = obj[key];
    if (!Array.isArray(items)) return void errors.push(`${p(key)} must be a list`);
    if (items.length > max) errors.push(`${p(key)} has ${items.length} entries, more than ${max}`);
    items.forEach((item, i) => each(item, `${key}[${i}]`));
  };
  const textItem = (item: unknown, path: string) => {
    if (typeof item !== 'string') errors.push(`${p(path)} must be text`);
  };
  if (!isObject(value)) return { ok: false, errors: [`${at || 'the post-mortem'} must be an object`] };
  for (const key of ['id', 'title', 'incidentId', 'date', 'facilitator', 'participants', 'summary']) text(value, key, key);
  if (![1, 2, 3, 4].includes(value.severity as number)) errors.push(`${p('severity')} must be 1 to 4`);
  if (!isObject(value.impact)) errors.push(`${p('impact')} must be an object`);
  else for (const key of ['detectionMinutes', 'recoveryMinutes', 'resolutionMinutes', 'usersAffected', 'failedRequests', 'errorBudgetSpentPercent']) text(value.impact, key, `impact.${key}`);
  list(value, 'timeline', LIMITS.timeline, (item, path) => {
    if (!isObject(item)) return void errors.push(`${p(path)} must be an object`);
    for (const key of ['minute', 'event', 'source']) text(item, key, `${path}.${key}`);
  });
  list(value, 'factors', LIMITS.factors, (item, path) => {
    if (!isObject(item)) return void errors.push(`${p(path)} must be an object`);
    for (const key of ['id', 'description', 'evidence']) text(item, key, `${path}.${key}`);
    if (!FACTOR_CATEGORIES.includes(item.category as ContributingFactor['category'])) errors.push(`${p(`${path}.category`)} must be one of ${FACTOR_CATEGORIES.join(', ')}`);
    list(item, 'whys', LIMITS.whys, (step, stepPath) => {
      if (!isObject(step)) return void errors.push(`${p(`${path}.${stepPath}`)} must be an object`);
      for (const key of ['why', 'because']) text(step, key, `${path}.${stepPath}.${key}`);
    });
  });
  list(value, 'wentWell', LIMITS.listItems, textItem);
  list(value, 'lucky', LIMITS.listItems, textItem);
  list(value, 'wentWrong', LIMITS.listItems, (item, path) => {
    if (!isObject(item)) return void errors.push(`${p(path)} must be an object`);
    for (const key of ['id', 'text']) text(item, key, `${path}.${key}`);
  });
  list(value, 'actionItems', LIMITS.actionItems, (item, path) => {
    if (!isObject(item)) return void errors.push(`${p(path)} must be an object`);
    for (const key of ['id', 'description', 'owner', 'dueDate', 'doneDate', 'successCriteria']) text(item, key, `${path}.${key}`);
    if (!PRIORITIES.includes(item.priority as ActionItem['priority'])) errors.push(`${p(`${path}.priority`)} must be one of ${PRIORITIES.join(', ')}`);
    if (item.status !== 'open' && item.status !== 'done') errors.push(`${p(`${path}.status`)} must be "open" or "done"`);
    if (!Array.isArray(item.addresses) || !item.addresses.every((a) => typeof a === 'string')) errors.push(`${p(`${path}.addresses`)} must be a list of ids`);
  });
  if (value.fromRun !== undefined) {
    const r = value.fromRun;
    if (!isObject(r) || typeof r.scenario !== 'string' || typeof r.seed !== 'number' || typeof r.team !== 'string') errors.push(`${p('fromRun')} must be { scenario, seed, team }`);
  }
  if (errors.length > 0) return { ok: false, errors };
  // Rebuild with only the known fields, so nothing unexpected is carried along.
  const v = value as unknown as PostMortem;
  return {
    ok: true,
    value: {
      id: v.id,
      title: v.title,
      incidentId: v.incidentId,
      date: v.date,
      severity: v.severity,
      facilitator: v.facilitator,
      participants: v.participants,
      summary: v.summary,
      impact: {
        detectionMinutes: v.impact.detectionMinutes,
        recoveryMinutes: v.impact.recoveryMinutes,
        resolutionMinutes: v.impact.resolutionMinutes,
        usersAffected: v.impact.usersAffected,
        failedRequests: v.impact.failedRequests,
        errorBudgetSpentPercent: v.impact.errorBudgetSpentPercent,
      },
      timeline: v.timeline.map((t) => ({ minute: t.minute, event: t.event, source: t.source })),
      factors: v.factors.map((f) => ({ id: f.id, description: f.description, category: f.category, whys: f.whys.map((w) => ({ why: w.why, because: w.because })), evidence: f.evidence })),
      wentWell: [...v.wentWell],
      wentWrong: v.wentWrong.map((w) => ({ id: w.id, text: w.text })),
      lucky: [...v.lucky],
      actionItems: v.actionItems.map((a) => ({
        id: a.id,
        description: a.description,
        owner: a.owner,
        priority: a.priority,
        dueDate: a.dueDate,
        status: a.status,
        doneDate: a.doneDate,
        successCriteria: a.successCriteria,
        addresses: [...a.addresses],
      })),
      ...(v.fromRun ? { fromRun: { scenario: v.fromRun.scenario, seed: v.fromRun.seed, team: v.fromRun.team } } : {}),
    },
  };
}

/** The browser's list of post-mortems. */
export const postmortemsArea: StoredArea<PostMortemList> = {
  area: 'postmortems',
  version: 1,
  empty: () => ({ documents: [] }),
  parse(value) {
    if (!isObject(value) || !Array.isArray(value.documents)) return { ok: false, error: 'expected { documents: [...] }' };
    if (value.documents.length > MAX_DOCUMENTS) return { ok: false, error: `more than ${MAX_DOCUMENTS} post-mortems` };
    const documents: PostMortem[] = [];
    for (const [i, doc] of value.documents.entries()) {
      const checked = parsePostMortem(doc, `documents[${i}]`);
      if (!checked.ok) return { ok: false, error: checked.errors.slice(0, 3).join('; ') };
      documents.push(checked.value);
    }
    const ids = new Set<string>();
    for (const d of documents) {
      if (ids.has(d.id)) return { ok: false, error: `two post-mortems share the id ${d.id}` };
      ids.add(d.id);
    }
    return { ok: true, value: { documents } };
  },
  salvage(value) {
    if (!isObject(value) || !Array.isArray(value.documents)) return null;
    const documents: PostMortem[] = [];
    let setAside = 0;
    for (const [i, doc] of value.documents.slice(0, MAX_DOCUMENTS).entries()) {
      const checked = parsePostMortem(doc, `documents[${i}]`);
      if (checked.ok && !documents.some((d) => d.id === checked.value.id)) documents.push(checked.value);
      else setAside += 1;
    }
    setAside += Math.max(0, value.documents.length - MAX_DOCUMENTS);
    if (documents.length === 0) return null;
    return { value: { documents }, setAside: `${setAside} unreadable post-mortem${setAside === 1 ? '' : 's'}` };
  },
};

/**
 * What to write when this tab saves: the stored list (re-read just before) with this tab's
 * documents put in place by id and its deletions applied. Another tab's new documents survive.
 */
export function mergeForSave(stored: readonly PostMortem[], mine: readonly PostMortem[], deletedIds: readonly string[]): PostMortem[] {
  const deleted = new Set(deletedIds);
  const mineById = new Map(mine.map((d) => [d.id, d]));
  const merged = stored.filter((d) => !deleted.has(d.id)).map((d) => mineById.get(d.id) ?? d);
  for (const d of mine) if (!deleted.has(d.id) && !merged.some((m) => m.id === d.id)) merged.push(d);
  return merged.slice(0, MAX_DOCUMENTS);
}

/** The post-mortem file format (Download JSON). */
export interface PostMortemFile {
  format: 'reliability-lab-postmortem';
  version: 1;
  postmortem: PostMortem;
}

/** A post-mortem as a file. */
export function postMortemFile(doc: PostMortem): string {
  const file: PostMortemFile = { format: 'reliability-lab-postmortem', version: 1, postmortem: doc };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What an imported file turned out to be. */
export type ImportedFile = { kind: 'run-result'; result: RunResult } | { kind: 'postmortem'; postmortem: PostMortem };

/** Reads an imported file: an incident result or a post-mortem; errors name the problem and its path. */
export function parseImportedFile(text: string): Checked<ImportedFile> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (isObject(value) && value.format === 'reliability-lab-postmortem') {
    if (value.version !== 1) return { ok: false, errors: [`post-mortem file version ${JSON.stringify(value.version)} is not supported (this course reads version 1)`] };
    const checked = parsePostMortem(value.postmortem, 'postmortem');
    return checked.ok ? { ok: true, value: { kind: 'postmortem', postmortem: checked.value } } : checked;
  }
  if (isObject(value) && value.format !== 'reliability-lab-incident-result') {
    return { ok: false, errors: [`format must be "reliability-lab-incident-result" (an incident result) or "reliability-lab-postmortem", got ${JSON.stringify(value.format) ?? 'nothing'}`] };
  }
  const result = parseRunResult(value);
  return result.ok ? { ok: true, value: { kind: 'run-result', result: result.value } } : result;
}
