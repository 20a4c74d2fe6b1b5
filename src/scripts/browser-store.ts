/**
 * Browser wiring for `src/lib/storage.ts`: the real localStorage (or an in-memory stand-in when
 * the browser blocks it) and a visible notice when saved data could not be read.
 */
import { memoryStore, readArea, unprotectedData, writeArea, type KeyValueStore, type ReadResult, type StoredArea, type StoredProblem } from '../lib/storage';
import { downloadText } from './download';

let cached: KeyValueStore | undefined;

const isQuotaError = (error: unknown) => error instanceof DOMException && /quota/i.test(error.name);

/**
 * localStorage when usable, otherwise a per-page memory store (blocked storage). Full storage is
 * still localStorage: the learner's data must be read (and not hidden behind an empty memory
 * store) even when nothing more fits; writes then fail one by one, with a notice.
 */
export function browserStore(): KeyValueStore {
  if (cached) return cached;
  try {
    const probe = 'rlab:probe';
    const local = window.localStorage;
    local.getItem(probe);
    try {
      local.setItem(probe, '1');
      local.removeItem(probe);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
    cached = local;
  } catch {
    cached = memoryStore();
    showStorageNotice('This browser does not let the course save anything, so progress lasts only until you leave the page.');
  }
  return cached;
}

/** A file the learner can download from a notice: stored data the course could not read or copy. */
export interface NoticeDownload {
  /** File name. */
  name: string;
  /** The data, exactly as stored. */
  text: string;
  /** The button's label. */
  label: string;
}

/** Shows a dismissible notice at the top of the page content (once per message), with an optional download. */
export function showStorageNotice(message: string, download?: NoticeDownload, noticeId?: string): void {
  const id = noticeId ?? `rlab-notice-${message.length}-${message.slice(0, 12).replace(/\W/g, '')}`;
  if (document.getElementById(id)) return;
  const notice = document.createElement('div');
  notice.id = id;
  notice.className = 'rl-notice';
  notice.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const actions = document.createElement('p');
  actions.className = 'rl-notice-actions';
  if (download) {
    const save = document.createElement('button');
    save.type = 'button';
    save.className = 'rl-notice-download';
    save.textContent = download.label;
    save.addEventListener('click', () => downloadText(download.name, 'application/json', download.text));
    actions.append(save);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => notice.remove());
  actions.append(close);
  notice.append(text, actions);
  const host = document.querySelector('main') ?? document.body;
  host.prepend(notice);
}

const kilobytes = (text: string) => `${Math.max(1, Math.round(text.length / 1024)).toLocaleString('en')} KB`;

/** The download for an area whose stored data cannot be read and has no copy (null when there is none). */
export function unprotectedDownload(spec: StoredArea<unknown>): NoticeDownload | undefined {
  const raw = unprotectedData(browserStore(), spec);
  if (raw === null) return undefined;
  return { name: `reliability-lab-${spec.area}-unreadable-${wallClockDate()}.json`, text: raw, label: `Download the saved ${spec.area} data (${kilobytes(raw)})` };
}

/** What to tell the learner about stored data that could not be used. */
export function problemMessage(problem: StoredProblem, area: string): string {
  if (problem.backupKey === null) {
    return `${problem.message}. This browser's storage is full, so no copy of it could be made. To keep it safe, the course will not save your ${area} until there is room (it stays under "rlab:${area}"). Download it now; to make room, delete other sites' data or old "rlab:backup:" copies.`;
  }
  return `${problem.message}. Nothing was deleted: the old data is kept in this browser under "${problem.backupKey}", and the course starts this part afresh.`;
}

/** Shows a notice about an area, with the download of its data when that data is unreadable and has no copy. */
export function areaNotice(spec: StoredArea<unknown>, message: string): void {
  const download = unprotectedDownload(spec);
  // One notice per unprotected area: the reader's explanation, not a second one from each refused write.
  showStorageNotice(message, download, download ? `rlab-notice-unprotected-${spec.area}` : undefined);
}

/** Reads an area from the browser, reporting (not hiding) damaged data. */
export function load<T>(spec: StoredArea<T>): T {
  const result: ReadResult<T> = readArea(browserStore(), spec, Date.now());
  if (result.problem) areaNotice(spec as StoredArea<unknown>, problemMessage(result.problem, spec.area));
  return result.value;
}

/** Writes an area, showing a notice if it is not written (browser refusal, or unreadable data it will not overwrite). Returns true on success. */
export function save<T>(spec: StoredArea<T>, value: T): boolean {
  const error = writeArea(browserStore(), spec, value, Date.now());
  if (error) areaNotice(spec as StoredArea<unknown>, `${error}.`);
  return error === undefined;
}

/** Today's date as YYYY-MM-DD (for file names). */
function wallClockDate(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The browser's wall clock, ms since epoch: the one place views read it (models take time as input). */
export function wallClock(): number {
  return Date.now();
}
