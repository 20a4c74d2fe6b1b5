/**
 * Moving progress between browsers: one JSON file with every saved area, imported by merging
 * (reviews by id, notes by latest edit, lesson progress lesson by lesson), with a backup of
 * what was there before; and the deck as a tab-separated file Anki imports.
 */
import { notesArea, progressArea } from '../areas';
import { parseCloze } from '../cards/grade';
import type { CourseCard } from '../cards/schema';
import type { ProgressState } from '../progress';
import { readArea, storageKey, type KeyValueStore, type StoredArea } from '../storage';
import { mergeLogs, reviewLogArea } from './review-log';
import { settingsArea } from './schedule';

/** The `format` field of an export file. */
export const exportFormat = 'reliability-lab-progress';

/** An export file. */
export interface ProgressExport {
  format: typeof exportFormat;
  version: 1;
  exportedAt: string;
  /** Every saved area, as its envelope `{ version, data }`, by area name. */
  areas: Record<string, { version: number; data: unknown }>;
}

/** Every `rlab:<area>` key in the store except backups, as area names. */
function areaNames(store: KeyValueStore): string[] {
  const names: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith('rlab:') && !key.startsWith('rlab:backup:') && key !== 'rlab:probe') names.push(key.slice('rlab:'.length));
  }
  return names.sort();
}

/** All of the learner's saved data, as an export file's content. Unreadable areas are left out and named. */
export function exportProgress(store: KeyValueStore, now: number): { file: ProgressExport; skipped: string[] } {
  const areas: ProgressExport['areas'] = {};
  const skipped: string[] = [];
  for (const name of areaNames(store)) {
    try {
      const envelope = JSON.parse(store.getItem(storageKey(name)) ?? 'null') as { version?: unknown; data?: unknown } | null;
      if (envelope && typeof envelope.version === 'number' && 'data' in envelope) areas[name] = { version: envelope.version, data: envelope.data };
      else skipped.push(name);
    } catch {
      skipped.push(name);
    }
  }
  return { file: { format: exportFormat, version: 1, exportedAt: new Date(now).toISOString(), areas }, skipped };
}

/** Merges lesson progress: earliest first visit, latest last visit, completed if completed in either. */
function mergeProgress(a: ProgressState, b: ProgressState): ProgressState {
  const lessons = { ...a.lessons };
  for (const [id, p] of Object.entries(b.lessons)) {
    const q = lessons[id];
    lessons[id] = q
      ? {
          firstVisitedAt: Math.min(q.firstVisitedAt, p.firstVisitedAt),
          lastVisitedAt: Math.max(q.lastVisitedAt, p.lastVisitedAt),
          completedAt: q.completedAt === null ? p.completedAt : p.completedAt === null ? q.completedAt : Math.min(q.completedAt, p.completedAt),
        }
      : p;
  }
  return { lessons };
}

/** How each known area merges on import; areas not listed are replaced. */
const mergers: { spec: StoredArea<any>; merge: (current: any, incoming: any) => any; count: (value: any) => string }[] = [
  { spec: reviewLogArea, merge: mergeLogs, count: (v) => `${v.entries.length} review log entries` },
  { spec: progressArea, merge: mergeProgress, count: (v) => `progress in ${Object.keys(v.lessons).length} lessons` },
  {
    spec: notesArea,
    merge: (a: Record<string, { savedAt: number }>, b: Record<string, { savedAt: number }>) => {
      const out = { ...a };
      for (const [id, note] of Object.entries(b)) if (!out[id] || out[id]!.savedAt < note.savedAt) out[id] = note;
      return out;
    },
    count: (v) => `${Object.keys(v).length} consolidation answers`,
  },
  { spec: settingsArea, merge: (_a, b) => b, count: () => 'drill settings' },
];

/** The outcome of an import. */
export type ImportResult = { ok: true; summary: string[]; backups: string[] } | { ok: false; error: string };

/**
 * Imports an export file's text into the store. Nothing is written unless the whole file is
 * readable; each area that changes is first backed up under `rlab:backup:<area>:<now>`.
 */
export function importProgress(store: KeyValueStore, text: string, now: number): ImportResult {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `This is not a JSON file (${e instanceof Error ? e.message : String(e)}). Nothing was imported.` };
  }
  const f = file as Partial<ProgressExport> | null;
  if (typeof f !== 'object' || f === null || f.format !== exportFormat) return { ok: false, error: `This is not a Reliability Lab progress file (its "format" should be "${exportFormat}"). Nothing was imported.` };
  if (f.version !== 1) return { ok: false, error: `This progress file is version ${JSON.stringify(f.version)}; this course reads version 1. Nothing was imported.` };
  if (typeof f.areas !== 'object' || f.areas === null) return { ok: false, error: 'This progress file has no "areas". Nothing was imported.' };

  // Validate everything first, through the same code that reads browser storage.
  const plan: { name: string; value: string; summary: string }[] = [];
  for (const [name, envelope] of Object.entries(f.areas)) {
    if (!/^[a-z0-9-]+$/.test(name)) return { ok: false, error: `Area name "${name}" is not allowed. Nothing was imported.` };
    const merger = mergers.find((m) => m.spec.area === name);
    if (!merger) {
      plan.push({ name, value: JSON.stringify(envelope), summary: `${name} data` });
      continue;
    }
    const probe = { getItem: () => JSON.stringify(envelope), setItem: () => {}, removeItem: () => {}, length: 0, key: () => null };
    const incoming = readArea(probe, merger.spec, now);
    if (incoming.problem) return { ok: false, error: `${incoming.problem.message.replace(/^Saved/, 'Imported')}. Nothing was imported.` };
    const current = readArea(store, merger.spec, now).value;
    const merged = merger.merge(current, incoming.value);
    plan.push({ name, value: JSON.stringify({ version: merger.spec.version, data: merged }), summary: merger.count(merged) });
  }

  const backups: string[] = [];
  for (const { name, value } of plan) {
    const key = storageKey(name);
    const before = store.getItem(key);
    if (before === value) continue;
    if (before !== null) {
      const backup = `rlab:backup:${name}:${now}`;
      store.setItem(backup, before);
      backups.push(backup);
    }
    store.setItem(key, value);
  }
  return { ok: true, summary: plan.map((p) => p.summary), backups };
}

const tsvCell = (text: string) => text.replace(/\t/g, ' ').replace(/\r?\n/g, '<br>');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The front and back of a card as Anki shows them (HTML). */
export function ankiFaces(card: CourseCard): { front: string; back: string } {
  const p = escapeHtml(card.prompt);
  const why = `<br><br><i>${escapeHtml(card.explanation)}</i>`;
  switch (card.type) {
    case 'single':
      return { front: `${p}<ol type="A">${card.choices.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ol>`, back: `${escapeHtml(card.choices[card.answer]!)}${why}` };
    case 'multiple':
      return {
        front: `${p} (choose all that apply)<ol type="A">${card.choices.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ol>`,
        back: `${card.answers.map((i) => escapeHtml(card.choices[i]!)).join('; ')}${why}`,
      };
    case 'numeric':
      return { front: `${p} (in ${escapeHtml(card.unit)})`, back: `${card.answer} ${escapeHtml(card.unit)}${card.tolerance ? ` (±${card.tolerance})` : ''}${why}` };
    case 'cloze': {
      const parts = parseCloze(card.text);
      const text = (show: boolean) => parts.map((x) => (typeof x === 'string' ? escapeHtml(x) : show ? `<b>${escapeHtml(x.accepted[0]!)}</b>` : '[...]')).join('');
      return { front: `${p}<br>${text(false)}`, back: `${text(true)}${why}` };
    }
    case 'ordering':
      return { front: `${p}<ul>${[...card.items].sort().map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`, back: `<ol>${card.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>${why}` };
    case 'recall':
      return { front: p, back: `${escapeHtml(card.answer)}${why}` };
  }
}

/**
 * The deck as Anki's tab-separated import format, with file headers (Anki 2.1.55+) so Anki
 * picks the separator, HTML and the tags column itself. Tags: the lesson and the card type.
 */
export function ankiDeck(cards: readonly CourseCard[]): string {
  const lines = ['#separator:tab', '#html:true', '#columns:Front\tBack\tTags', '#tags column:3'];
  for (const card of cards) {
    const { front, back } = ankiFaces(card);
    const tags = [`reliability-lab`, `lesson::${card.lesson.replace('lessons/', '')}`, `type::${card.type}`, `id::${card.id.replace('/', '::')}`];
    lines.push([tsvCell(front), tsvCell(back), tags.join(' ')].join('\t'));
  }
  return lines.join('\n') + '\n';
}
