import { describe, expect, it } from 'vitest';
import { progressArea } from './areas';
import { emptyProgress, recordVisit } from './progress';
import { clearArea, memoryStore, readArea, storageKey, writeArea, type KeyValueStore, type StoredArea } from './storage';

/** The shared memory store, plus a snapshot of everything in it. */
function memory(initial: Record<string, string> = {}): KeyValueStore & { dump(): Record<string, string> } {
  const store = memoryStore(initial);
  const dump = () => {
    const out: Record<string, string> = {};
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i)!;
      out[key] = store.getItem(key)!;
    }
    return out;
  };
  return Object.assign(store, { dump });
}

const now = 1_700_000_000_000;

describe('versioned browser storage', () => {
  it('round-trips a value', () => {
    const store = memory();
    const state = recordVisit(emptyProgress(), 'lessons/foundation', now);
    expect(writeArea(store, progressArea, state)).toBeUndefined();
    expect(readArea(store, progressArea, now)).toEqual({ value: state });
  });

  it('starts empty when nothing is stored', () => {
    expect(readArea(memory(), progressArea, now)).toEqual({ value: emptyProgress() });
  });

  it.each([
    ['not JSON', '{"version":1,"data":', 'not valid JSON'],
    ['no envelope', '{"lessons":{}}', 'no version'],
    ['damaged data', '{"version":1,"data":{"lessons":{"lessons/a":{"firstVisitedAt":"x"}}}}', 'damaged'],
    ['a newer version', '{"version":99,"data":{}}', 'newer version'],
  ])('keeps %s as a backup and reports it', (_case, raw, message) => {
    const store = memory({ [storageKey('progress')]: raw });
    const result = readArea(store, progressArea, now);
    expect(result.value).toEqual(emptyProgress());
    expect(result.problem?.message).toContain(message);
    expect(store.dump()[result.problem!.backupKey!]).toBe(raw);
  });

  it('migrates an older version step by step', () => {
    const spec: StoredArea<{ names: string[] }> = {
      area: 'demo',
      version: 3,
      empty: () => ({ names: [] }),
      parse: (v) => (Array.isArray((v as { names?: unknown }).names) ? { ok: true, value: v as { names: string[] } } : { ok: false, error: 'no names' }),
      migrations: {
        1: (d) => ({ list: [d as string] }),
        2: (d) => ({ names: (d as { list: string[] }).list }),
      },
    };
    const store = memory({ 'rlab:demo': JSON.stringify({ version: 1, data: 'ada' }) });
    expect(readArea(store, spec, now)).toEqual({ value: { names: ['ada'] } });
  });

  it('reports a write the browser refuses instead of throwing', () => {
    const store = memory();
    store.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(writeArea(store, progressArea, emptyProgress())).toContain('QuotaExceededError');
  });

  it('clears an area on reset', () => {
    const store = memory();
    writeArea(store, progressArea, recordVisit(emptyProgress(), 'lessons/a', now));
    clearArea(store, progressArea);
    expect(store.getItem(storageKey('progress'))).toBeNull();
  });
});
