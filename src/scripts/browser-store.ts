/**
 * Browser wiring for `src/lib/storage.ts`: the real localStorage (or an in-memory stand-in when
 * the browser blocks it) and a visible notice when saved data could not be read.
 */
import { memoryStore, readArea, writeArea, type KeyValueStore, type ReadResult, type StoredArea } from '../lib/storage';

let cached: KeyValueStore | undefined;

/** localStorage when usable, otherwise a per-page memory store (private mode, blocked storage). */
export function browserStore(): KeyValueStore {
  if (cached) return cached;
  try {
    const probe = 'rlab:probe';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    cached = window.localStorage;
  } catch {
    cached = memoryStore();
    showStorageNotice('This browser does not let the course save anything, so progress lasts only until you leave the page.');
  }
  return cached;
}

/** Shows a dismissible notice at the top of the page content (once per message). */
export function showStorageNotice(message: string): void {
  const id = `rlab-notice-${message.length}-${message.slice(0, 12).replace(/\W/g, '')}`;
  if (document.getElementById(id)) return;
  const notice = document.createElement('div');
  notice.id = id;
  notice.className = 'rl-notice';
  notice.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => notice.remove());
  notice.append(text, close);
  const host = document.querySelector('main') ?? document.body;
  host.prepend(notice);
}

/** Reads an area from the browser, reporting (not hiding) damaged data. */
export function load<T>(spec: StoredArea<T>): T {
  const result: ReadResult<T> = readArea(browserStore(), spec, Date.now());
  if (result.problem) {
    showStorageNotice(
      `${result.problem.message}. Nothing was deleted: the old data is kept in this browser under "${result.problem.backupKey}", and the course starts this part afresh.`,
    );
  }
  return result.value;
}

/** Writes an area, showing a notice if the browser refuses. Returns true on success. */
export function save<T>(spec: StoredArea<T>, value: T): boolean {
  const error = writeArea(browserStore(), spec, value);
  if (error) showStorageNotice(error);
  return error === undefined;
}

/** The browser's wall clock, ms since epoch: the one place views read it (models take time as input). */
export function wallClock(): number {
  return Date.now();
}
