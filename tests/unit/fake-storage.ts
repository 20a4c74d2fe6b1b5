/**
 * A localStorage stand-in for unit tests that can run out of room (like a browser at its quota)
 * and be seeded with any text, corrupt or not.
 */
import type { KeyValueStore } from '../../src/lib/storage';

/** A store holding at most `capacity` characters (keys plus values); `setItem` beyond it throws QuotaExceededError. */
export function fakeStorage(initial: Record<string, string> = {}, capacity = Infinity) {
  const map = new Map(Object.entries(initial));
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  const store: KeyValueStore & { capacity: number; dump(): Record<string, string>; used(): number; writes: string[] } = {
    capacity,
    writes: [],
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      const after = used() - (map.has(k) ? k.length + map.get(k)!.length : 0) + k.length + v.length;
      if (after > store.capacity) throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
      map.set(k, String(v));
      store.writes.push(k);
    },
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    dump: () => Object.fromEntries(map),
    used,
  };
  return store;
}

/** The same store, made full: no room for even one more character. */
export function fullStorage(initial: Record<string, string> = {}) {
  const store = fakeStorage(initial);
  store.capacity = store.used();
  return store;
}
