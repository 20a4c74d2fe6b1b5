/**
 * The review log as one browser tab holds it. Each tab keeps every entry it has seen in memory
 * and writes the union of that and what is stored, so one tab never removes another's reviews:
 * - `record` re-reads storage, merges, appends and writes, all synchronously;
 * - if two tabs still raced (both read, then both wrote), the tab whose entries went missing
 *   sees the other's write (the `storage` event, passed to `refresh`) and writes the union back.
 * Storage and the clock are injected, so tests run two "tabs" over one memory store.
 */
import { clearArea, readArea, writeArea, type KeyValueStore, type ReadResult } from '../storage';
import { appendEntry, covers, entryIds, lastUndoable, mergeLogs, reviewLogArea, type ReviewEntry, type ReviewLog } from './review-log';

/** A problem to show the learner (damaged data kept aside, or storage refusing a write). */
export interface StoreProblem {
  message: string;
}

/** One tab's view of the review log. */
export class ReviewStore {
  private memory: ReviewLog = { entries: [] };
  private readonly nextId: (at: number) => string;
  /** Problems met so far, newest last. */
  readonly problems: StoreProblem[] = [];

  constructor(
    private readonly store: KeyValueStore,
    tabId: string,
    private readonly now: () => number,
  ) {
    this.nextId = entryIds(tabId);
    this.memory = this.readStored();
  }

  private readStored(): ReviewLog {
    const read: ReadResult<ReviewLog> = readArea(this.store, reviewLogArea, this.now());
    if (read.problem) {
      this.problems.push({
        message:
          read.problem.backupKey === null
            ? `${read.problem.message}. This browser's storage is full, so no copy of it could be made: it stays under "rlab:${reviewLogArea.area}" and new reviews are not saved (they last until this tab closes) so it is not written over. Download it to keep it safe.`
            : `${read.problem.message}. A copy is kept in this browser under "${read.problem.backupKey}".`,
      });
    }
    return read.value;
  }

  private write(log: ReviewLog): void {
    const error = writeArea(this.store, reviewLogArea, log, this.now());
    if (error) this.problems.push({ message: `${error}. Your reviews are kept in this tab until it closes; export them from the drills page.` });
  }

  /** Everything this tab knows: stored entries merged with its own. */
  log(): ReviewLog {
    return this.memory;
  }

  /** Appends a review (id and nothing else filled in here) and saves; returns the entry. */
  record(review: Omit<ReviewEntry, 'id' | 'kind'>): ReviewEntry {
    const entry: ReviewEntry = { ...review, id: this.nextId(review.at), kind: 'review' };
    this.memory = appendEntry(mergeLogs(this.memory, this.readStored()), entry);
    this.write(this.memory);
    return entry;
  }

  /** Takes back the latest review still in effect; returns it, or undefined when there is none. */
  undo(): ReviewEntry | undefined {
    this.memory = mergeLogs(this.memory, this.readStored());
    const target = lastUndoable(this.memory);
    if (!target) return undefined;
    const at = Math.max(this.now(), target.at);
    this.memory = appendEntry(this.memory, { id: this.nextId(at), kind: 'undo', target: target.id, at });
    this.write(this.memory);
    return target;
  }

  /** Merges in another log (an import, say) and saves; returns how many entries were new. */
  importLog(other: ReviewLog): number {
    const before = this.memory.entries.length;
    this.memory = mergeLogs(mergeLogs(this.memory, this.readStored()), other);
    this.write(this.memory);
    return this.memory.entries.length - before;
  }

  /**
   * Call when storage changed under this tab (another tab wrote). Takes in the other tab's
   * entries; if that write lacked some of ours, writes the union back. Returns true if the log changed.
   */
  refresh(): boolean {
    const stored = this.readStored();
    const merged = mergeLogs(this.memory, stored);
    const changed = merged.entries.length !== this.memory.entries.length;
    this.memory = merged;
    if (!covers(stored, merged)) this.write(merged);
    return changed;
  }

  /** Forgets everything (the learner's "reset drills"): stored log removed, memory emptied. */
  reset(): void {
    const error = clearArea(this.store, reviewLogArea, this.now());
    if (error) {
      this.problems.push({ message: `${error}.` });
      return;
    }
    this.memory = { entries: [] };
  }
}
