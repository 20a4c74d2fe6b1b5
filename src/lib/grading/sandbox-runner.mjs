// @ts-check
/**
 * The code that runs INSIDE the sandbox (a Web Worker in the browser, a locked-down child
 * process for `rlab grade`), next to the learner's code. It knows nothing about exercises:
 * it loads the learner's module, runs each test's probe (a small function that calls the
 * learner's exports with the test's input) and reports what came back as plain, encoded data.
 * It never sees an expected value: verdicts are decided outside, by the grader.
 *
 * Plain JavaScript (no imports, no TypeScript) so the child process can run it directly under
 * Node's permission model and the browser worker can import it as is.
 */

/** Largest encoded result a test may report (characters); more is reported as an error. */
export const MAX_RESULT_CHARS = 200_000;

// Built-ins captured when this module loads, before any submission code runs. The encoder and
// the runner use only these, so a submission that replaces a global cannot change what is
// reported; `tamperedBuiltins` names any global that no longer matches.
const intrinsics = {
  apply: Reflect.apply,
  keys: Object.keys,
  isArray: Array.isArray,
  mapEntries: Map.prototype.entries,
  setValues: Set.prototype.values,
  iteratorNext: Object.getPrototypeOf(new Map().entries()).next,
  setIteratorNext: Object.getPrototypeOf(new Set().values()).next,
  dateGetTime: Date.prototype.getTime,
  stringify: JSON.stringify,
  String,
  Map,
  Set,
  Date,
  Error,
};

/** Globals whose replacement would change how tests run or report; checked after every test. */
const watched = (() => {
  /** @type {[string, any, string][]} */
  const list = [];
  const roots = { Object, Array, JSON, Math, Number, String, Map, Set, Promise, Reflect, Function, Date, Error, Symbol, BigInt };
  for (const [name, root] of Object.entries(roots)) {
    list.push(['globalThis', globalThis, name]);
    for (const key of Object.getOwnPropertyNames(root)) {
      const d = Object.getOwnPropertyDescriptor(root, key);
      if (d && typeof d.value === 'function') list.push([name, root, key]);
    }
    const proto = /** @type {any} */ (root).prototype;
    if (proto) {
      for (const key of Reflect.ownKeys(proto)) {
        const d = Object.getOwnPropertyDescriptor(proto, key);
        if (d && typeof d.value === 'function' && typeof key === 'string') list.push([`${name}.prototype`, proto, key]);
      }
    }
  }
  return list.map(([owner, holder, key]) => ({ name: `${owner}.${key}`.replace(/^globalThis\./, ''), holder, key, value: holder[key] }));
})();

/** Names of watched built-ins that have been replaced or deleted since this module loaded. */
export function tamperedBuiltins() {
  /** @type {string[]} */
  const changed = [];
  for (let i = 0; i < watched.length; i++) {
    const w = watched[i];
    let now;
    try {
      now = w.holder[w.key];
    } catch {
      now = undefined;
    }
    if (now !== w.value) changed[changed.length] = w.name;
  }
  return changed;
}

/**
 * Turns a value into JSON-safe data that keeps what JSON loses: undefined, NaN, Infinity, -0.
 * Functions, symbols, cycles and very deep values are refused with a message, so a verdict
 * is never decided on something the grader cannot see. Uses only built-ins captured at load.
 * @param {unknown} value
 * @returns {unknown}
 */
export function encodeValue(value) {
  const { apply, keys, isArray } = intrinsics;
  /** @type {unknown[]} */
  const stack = [];
  /** @param {unknown} v @param {number} depth @returns {unknown} */
  const walk = (v, depth) => {
    if (depth > 50) throw new intrinsics.Error('returned a value nested more than 50 levels deep');
    if (v === undefined) return { $: 'undefined' };
    if (typeof v === 'number') {
      if (v !== v) return { $: 'NaN' };
      if (v === Infinity) return { $: 'Infinity' };
      if (v === -Infinity) return { $: '-Infinity' };
      if (v === 0 && 1 / v < 0) return { $: '-0' };
      return v;
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return { $: 'bigint', v: intrinsics.String(v) };
    if (typeof v === 'function') throw new intrinsics.Error('returned a function, not data');
    if (typeof v === 'symbol') throw new intrinsics.Error('returned a symbol, not data');
    for (let i = 0; i < stack.length; i++) if (stack[i] === v) throw new intrinsics.Error('returned a value that contains itself (a cycle)');
    stack[stack.length] = v;
    /** @type {unknown} */
    let out;
    /** @param {any} iterator @param {Function} next @param {(x: any) => unknown} map */
    const drain = (iterator, next, map) => {
      /** @type {unknown[]} */
      const items = [];
      for (let step = apply(next, iterator, []); !step.done; step = apply(next, iterator, [])) items[items.length] = map(step.value);
      return items;
    };
    if (isArray(v)) {
      /** @type {unknown[]} */
      const items = [];
      for (let i = 0; i < v.length; i++) items[i] = walk(v[i], depth + 1);
      out = items;
    } else if (v instanceof intrinsics.Map) out = { $: 'Map', v: drain(apply(intrinsics.mapEntries, v, []), intrinsics.iteratorNext, (e) => [walk(e[0], depth + 1), walk(e[1], depth + 1)]) };
    else if (v instanceof intrinsics.Set) out = { $: 'Set', v: drain(apply(intrinsics.setValues, v, []), intrinsics.setIteratorNext, (x) => walk(x, depth + 1)) };
    else if (v instanceof intrinsics.Date) out = { $: 'Date', v: apply(intrinsics.dateGetTime, v, []) };
    else if (v instanceof intrinsics.Error) out = { $: 'Error', v: intrinsics.String(/** @type {any} */ (v).message) };
    else {
      /** @type {Record<string, unknown>} */
      const o = {};
      const ks = keys(v);
      for (let i = 0; i < ks.length; i++) o[ks[i] === '$' ? '$$' : ks[i]] = walk(/** @type {any} */ (v)[ks[i]], depth + 1);
      out = o;
    }
    stack.length -= 1;
    return out;
  };
  return walk(value, 0);
}

/**
 * The inverse of `encodeValue`.
 * @param {unknown} data
 * @returns {unknown}
 */
export function decodeValue(data) {
  if (Array.isArray(data)) return data.map(decodeValue);
  if (data === null || typeof data !== 'object') return data;
  const o = /** @type {Record<string, any>} */ (data);
  if (typeof o.$ === 'string') {
    switch (o.$) {
      case 'undefined': return undefined;
      case 'NaN': return NaN;
      case 'Infinity': return Infinity;
      case '-Infinity': return -Infinity;
      case '-0': return -0;
      case 'bigint': return BigInt(o.v);
      case 'Map': return new Map(o.v.map((/** @type {[unknown, unknown]} */ [k, v]) => [decodeValue(k), decodeValue(v)]));
      case 'Set': return new Set(o.v.map(decodeValue));
      case 'Date': return new Date(o.v);
      case 'Error': return Object.assign(new Error(o.v), { fromSubmission: true });
    }
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [k, v] of Object.entries(o)) out[k === '$$' ? '$' : k] = decodeValue(v);
  return out;
}

/**
 * Test doubles a probe may use: a simulated clock (sleep advances it at once) and scripted
 * functions (each call returns the next value, or throws it if it is `{ throws: message }`).
 */
export function makeKit() {
  return {
    /** @param {number} [start] */
    clock(start = 0) {
      const clock = {
        time: start,
        /** @type {number[]} */
        sleeps: [],
        now: () => clock.time,
        /** @param {number} ms */
        sleep: (ms) => {
          clock.sleeps.push(ms);
          clock.time += Math.max(0, Number(ms) || 0);
          return Promise.resolve();
        },
      };
      return clock;
    },
    /** @param {unknown[]} outcomes @param {number} [costMs] @param {{ time: number } | undefined} [clock] */
    script(outcomes, costMs = 0, clock) {
      /** @type {unknown[][]} */
      const calls = [];
      const fn = (/** @type {unknown[]} */ ...args) => {
        calls.push(args);
        if (clock) clock.time += costMs;
        const next = outcomes[Math.min(calls.length - 1, outcomes.length - 1)];
        if (next && typeof next === 'object' && 'throws' in next) return Promise.reject(new Error(String(/** @type {any} */ (next).throws)));
        return Promise.resolve(next);
      };
      return Object.assign(fn, { calls });
    },
  };
}

/**
 * Loads CommonJS code (the transpiled submission) and returns its exports. `import`/`require`
 * of anything is refused: exercises are self-contained.
 * @param {string} code
 * @returns {Record<string, unknown>}
 */
export function loadModule(code) {
  const module = { exports: /** @type {Record<string, unknown>} */ ({}) };
  const require = (/** @type {string} */ name) => {
    throw new Error(`imports are not available in exercises (tried to import "${name}")`);
  };
  // eslint-disable-next-line no-new-func
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports;
}

/**
 * @typedef {{ id: string, run: string, input?: unknown }} Probe
 * A test as the sandbox sees it: its id, the source of its probe `(m, input, kit) => ...`, and its input.
 * @typedef {{ type: 'loaded' } | { type: 'load-error', error: string } | { type: 'result', id: string, ok: true, value: unknown } | { type: 'result', id: string, ok: false, error: string } | { type: 'done' }} RunnerMessage
 */

/** @param {unknown} e */
const messageOf = (e) => {
  if (e instanceof Error) return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`;
  try {
    return `threw ${JSON.stringify(e)}`;
  } catch {
    return 'threw a value that cannot be shown';
  }
};

/**
 * Runs the probes in order against a module (code to load, or exports already loaded) and posts
 * one message per step. Captures `post` and the helpers it needs before the submission loads, so
 * a submission that replaces globals cannot change how results are sent.
 * @param {string | Record<string, unknown>} submission
 * @param {Probe[]} probes
 * @param {(message: RunnerMessage) => void} post
 */
export async function runSubmission(submission, probes, post) {
  const send = post;
  const stringify = intrinsics.stringify;
  const encode = encodeValue;
  const tampered = tamperedBuiltins;
  // Tools that keep function names (tsx, esbuild's keepNames) wrap named functions in a probe's
  // source with `__name(fn, "name")`; the probe arrives without that helper, so provide it.
  const makeProbe = (/** @type {string} */ source) => (0, eval)(`(() => { const __name = (fn) => fn; return (${source}); })()`);
  const prepared = probes.map((p) => ({ id: p.id, input: decodeValue(p.input), fn: makeProbe(p.run) }));
  /** @type {Record<string, unknown>} */
  let exports;
  try {
    exports = typeof submission === 'string' ? loadModule(submission) : submission;
  } catch (e) {
    send({ type: 'load-error', error: messageOf(e) });
    return;
  }
  send({ type: 'loaded' });
  for (const probe of prepared) {
    const before = tampered();
    if (before.length) {
      send({ type: 'result', id: probe.id, ok: false, error: `not run: the submission replaced built-in ${before.length === 1 ? 'function' : 'functions'} ${before.slice(0, 5).join(', ')}${before.length > 5 ? '...' : ''}, so no result could be trusted` });
      continue;
    }
    try {
      const value = await probe.fn(exports, probe.input, makeKit());
      const after = tampered();
      if (after.length) throw new intrinsics.Error(`the submission replaced built-in ${after.length === 1 ? 'function' : 'functions'} ${after.slice(0, 5).join(', ')}${after.length > 5 ? '...' : ''} during this test`);
      const encoded = encode(value);
      if (stringify(encoded).length > MAX_RESULT_CHARS) throw new Error(`returned more than ${MAX_RESULT_CHARS} characters of data`);
      send({ type: 'result', id: probe.id, ok: true, value: encoded });
    } catch (e) {
      send({ type: 'result', id: probe.id, ok: false, error: messageOf(e) });
    }
  }
  send({ type: 'done' });
}
