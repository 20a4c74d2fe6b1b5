/**
 * The one place that reads and writes the learner's data in the browser.
 *
 * Every record is stored as a versioned envelope `{ version, data }` under `rlab:<area>`.
 * On read the envelope and the data are validated; anything unreadable is never dropped:
 * the raw text is copied to `rlab:backup:<area>:<time>` and the problem is reported to
 * the caller, which shows it to the learner. Storage is injected so this runs in tests.
 */

/** The subset of the Web Storage API we use (localStorage satisfies it). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** How one area of data is stored: its key, current version, validator and migrations. */
export interface StoredArea<T> {
  /** Short name, used in the key (`rlab:<area>`). */
  area: string;
  /** Current schema version. */
  version: number;
  /** The value to use when nothing is stored yet (or after a reset). */
  empty: () => T;
  /** Validates data of the current version. */
  parse: (value: unknown) => { ok: true; value: T } | { ok: false; error: string };
  /** Upgrades data of an older version to the next one: `migrations[v]` turns v into v + 1. */
  migrations?: Record<number, (data: unknown) => unknown>;
  /**
   * When `parse` fails, keeps what can be kept (say, the readable entries of a log). The raw data
   * is still backed up and the learner told how much was set aside. Null when nothing is usable.
   */
  salvage?: (value: unknown) => { value: T; setAside: string } | null;
}

/** The result of a read: the value, and a problem to report if the stored data was unusable. */
export interface ReadResult<T> {
  value: T;
  /** Set when stored data could not be used; it was kept under `backupKey`. */
  problem?: { message: string; backupKey: string };
}

/** The storage key of an area. */
export const storageKey = (area: string) => `rlab:${area}`;

/** Reads an area, migrating older versions and backing up anything it cannot read. */
export function readArea<T>(store: KeyValueStore, spec: StoredArea<T>, now: number): ReadResult<T> {
  const key = storageKey(spec.area);
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return { value: spec.empty() };
  }
  if (raw === null) return { value: spec.empty() };

  const fail = (message: string): ReadResult<T> => {
    const backupKey = `rlab:backup:${spec.area}:${now}`;
    try {
      store.setItem(backupKey, raw as string);
    } catch {
      // Storage full: keep the original where it is rather than lose it.
      return { value: spec.empty(), problem: { message: `${message} (left in place: storage is full)`, backupKey: key } };
    }
    return { value: spec.empty(), problem: { message, backupKey } };
  };

  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    return fail(`Saved ${spec.area} data is not valid JSON`);
  }
  if (typeof envelope !== 'object' || envelope === null || !('version' in envelope) || !('data' in envelope)) {
    return fail(`Saved ${spec.area} data has no version`);
  }
  let { version, data } = envelope as { version: unknown; data: unknown };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`Saved ${spec.area} data has an invalid version`);
  }
  if (version > spec.version) {
    return fail(`Saved ${spec.area} data comes from a newer version (${version}) of the course`);
  }
  while (version < spec.version) {
    const migrate = spec.migrations?.[version];
    if (!migrate) return fail(`Saved ${spec.area} data is version ${version} and cannot be upgraded`);
    try {
      data = migrate(data);
    } catch (error) {
      return fail(`Upgrading saved ${spec.area} data failed: ${String(error)}`);
    }
    version += 1;
  }
  const parsed = spec.parse(data);
  if (parsed.ok) return { value: parsed.value };
  const message = `Saved ${spec.area} data is damaged: ${parsed.error}`;
  const kept = spec.salvage?.(data);
  if (!kept) return fail(message);
  const failed = fail(`${message}. Kept the rest; ${kept.setAside} set aside`);
  return { value: kept.value, problem: failed.problem };
}

/** Writes an area at its current version. Returns an error message when the browser refuses. */
export function writeArea<T>(store: KeyValueStore, spec: StoredArea<T>, value: T): string | undefined {
  try {
    store.setItem(storageKey(spec.area), JSON.stringify({ version: spec.version, data: value }));
    return undefined;
  } catch (error) {
    return `Could not save ${spec.area}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Removes an area (used by "reset"). */
export function clearArea(store: KeyValueStore, spec: StoredArea<unknown>): void {
  store.removeItem(storageKey(spec.area));
}

/** A store kept in memory: a stand-in when the browser blocks storage, and for tests. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}
