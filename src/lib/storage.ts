/**
 * The one place that reads and writes the learner's data in the browser.
 *
 * Every record is stored as a versioned envelope `{ version, data }` under `rlab:<area>`.
 * On read the envelope and the data are validated; anything unreadable is never dropped:
 * the raw text is copied to `rlab:backup:<area>:<time>` (once per distinct content) and the
 * problem is reported to the caller, which shows it to the learner. The rule every write and
 * removal follows: a key whose data cannot be read is only changed once a copy of that data
 * exists; when none can be made (storage full) the area is not saved at all, and the caller
 * offers the learner a download of it. Storage is injected so this runs in tests.
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

/** What was wrong with stored data, and where it is now. */
export interface StoredProblem {
  message: string;
  /**
   * Where a copy of the unreadable data was kept, or null when no copy could be made (storage
   * full). Then the data is still under the area's own key, and `writeArea` / `clearArea` refuse
   * to touch that key until a copy exists: the learner can download it (`raw`) meanwhile.
   */
  backupKey: string | null;
  /** The unreadable data exactly as stored (for a download). */
  raw: string;
}

/** The result of a read: the value, and a problem to report if the stored data was unusable. */
export interface ReadResult<T> {
  value: T;
  /** Set when stored data could not be used. */
  problem?: StoredProblem;
}

/** The storage key of an area. */
export const storageKey = (area: string) => `rlab:${area}`;

/** The prefix of an area's backups: `rlab:backup:<area>:`. */
export const backupPrefix = (area: string) => `rlab:backup:${area}:`;

/**
 * What a stored text means for an area, without touching any storage: the value, or what is
 * wrong with it (and, when the area can salvage part of it and `salvage` is set, what is kept).
 */
export type Inspection<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; salvaged?: { value: T; setAside: string } };

/** Checks a stored envelope's text against an area: JSON, version, migrations, validation. Pure. */
export function inspectArea<T>(raw: string, spec: StoredArea<T>, options: InspectOptions = {}): Inspection<T> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    return { ok: false, message: `${options.source ?? 'Saved'} ${spec.area} data is not valid JSON` };
  }
  return inspectEnvelope(envelope, spec, options);
}

/** How to inspect: whether to salvage part of damaged data, and whose data it is in messages ("Saved", "The file's"). */
export interface InspectOptions {
  salvage?: boolean;
  source?: string;
}

/** `inspectArea` for an envelope already parsed (an area of an imported file). Pure. */
export function inspectEnvelope<T>(envelope: unknown, spec: StoredArea<T>, options: InspectOptions = {}): Inspection<T> {
  const source = options.source ?? 'Saved';
  const fail = (message: string): Inspection<T> => ({ ok: false, message });
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope) || !('version' in envelope) || !('data' in envelope)) {
    return fail(`${source} ${spec.area} data has no version`);
  }
  let { version, data } = envelope as { version: unknown; data: unknown };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`${source} ${spec.area} data has an invalid version`);
  }
  if (version > spec.version) {
    return fail(`${source} ${spec.area} data comes from a newer version (${version}) of the course`);
  }
  try {
    while (version < spec.version) {
      const migrate = spec.migrations?.[version];
      if (!migrate) return fail(`${source} ${spec.area} data is version ${version} and cannot be upgraded`);
      data = migrate(data);
      version += 1;
    }
    const parsed = spec.parse(data);
    if (parsed.ok) return { ok: true, value: parsed.value };
    const message = `${source} ${spec.area} data is damaged: ${parsed.error}`;
    const kept = options.salvage === false ? null : spec.salvage?.(data);
    return kept ? { ok: false, message: `${message}. Kept the rest; ${kept.setAside} set aside`, salvaged: kept } : fail(message);
  } catch (error) {
    // A migration or validator that throws (say, on absurdly nested data) is a damaged area, not a crash.
    return fail(`${source} ${spec.area} data could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Makes sure a copy of `raw` exists under `rlab:backup:<area>:<time>`: one copy per distinct
 * content, so damaged data seen on every visit is copied once. Returns the copy's key, or null
 * when the browser refused to store it (storage full).
 */
export function keepCopy(store: KeyValueStore, area: string, raw: string, now: number): string | null {
  const prefix = backupPrefix(area);
  const taken = new Set<string>();
  try {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(prefix)) continue;
      taken.add(key);
      if (store.getItem(key) === raw) return key;
    }
  } catch {
    return null;
  }
  let key = `${prefix}${now}`;
  for (let n = 2; taken.has(key); n++) key = `${prefix}${now}-${n}`;
  try {
    store.setItem(key, raw);
    return key;
  } catch {
    return null;
  }
}

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
  const inspected = inspectArea(raw, spec);
  if (inspected.ok) return { value: inspected.value };
  const backupKey = keepCopy(store, spec.area, raw, now);
  return { value: inspected.salvaged?.value ?? spec.empty(), problem: { message: inspected.message, backupKey, raw } };
}

/**
 * The stored text of an area when it is unreadable and no copy of it exists: the data the course
 * refuses to write over (and offers as a download). Null when the area is readable, empty, or copied.
 */
export function unprotectedData(store: KeyValueStore, spec: StoredArea<unknown>): string | null {
  let raw: string | null;
  try {
    raw = store.getItem(storageKey(spec.area));
  } catch {
    return null;
  }
  if (raw === null || inspectArea(raw, spec, { salvage: false }).ok) return null;
  const prefix = backupPrefix(spec.area);
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix) && store.getItem(key) === raw) return null;
  }
  return raw;
}

/**
 * Before an area's key is written or removed: if what is there cannot be read, a copy must exist
 * first. Returns an error message when it does not and cannot be made.
 */
function protectBeforeChange(store: KeyValueStore, spec: StoredArea<unknown>, now: number): string | undefined {
  let raw: string | null;
  try {
    raw = store.getItem(storageKey(spec.area));
  } catch (error) {
    return `Not saved: the saved ${spec.area} data could not be read (${error instanceof Error ? error.message : String(error)}), so the course does not write over it`;
  }
  if (raw === null || inspectArea(raw, spec, { salvage: false }).ok) return undefined;
  if (keepCopy(store, spec.area, raw, now) !== null) return undefined;
  return `Not saved: the saved ${spec.area} data could not be read and this browser's storage is too full to keep a copy of it, so the course does not write over it`;
}

/**
 * Writes an area at its current version. Never writes over stored data it cannot read unless a
 * copy of that data exists (it makes one, or refuses). Returns an error message when it does not write.
 */
export function writeArea<T>(store: KeyValueStore, spec: StoredArea<T>, value: T, now = 0): string | undefined {
  const unsafe = protectBeforeChange(store, spec as StoredArea<unknown>, now);
  if (unsafe) return unsafe;
  try {
    store.setItem(storageKey(spec.area), JSON.stringify({ version: spec.version, data: value }));
    return undefined;
  } catch (error) {
    return `Could not save ${spec.area}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Removes an area (used by "reset"), under the same rule as `writeArea`. Returns an error message when it does not. */
export function clearArea(store: KeyValueStore, spec: StoredArea<unknown>, now = 0): string | undefined {
  const unsafe = protectBeforeChange(store, spec, now);
  if (unsafe) return unsafe.replace('Not saved', 'Not cleared');
  store.removeItem(storageKey(spec.area));
  return undefined;
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
