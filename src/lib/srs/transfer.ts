/**
 * Moving progress between browsers: one JSON file with every saved area (imported by
 * `import-progress.ts`, loaded only when a learner picks a file), and the deck as a
 * tab-separated file Anki imports.
 */
import { parseCloze } from '../cards/grade';
import type { CourseCard } from '../cards/schema';
import { storageKey, type KeyValueStore } from '../storage';

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
