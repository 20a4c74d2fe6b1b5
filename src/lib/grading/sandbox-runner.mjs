// @ts-check
/**
 * The code that runs INSIDE the sandbox (a Web Worker in the browser, a `node:vm` realm in a
 * locked-down child process for `rlab grade`), next to the learner's code. It knows nothing
 * about exercises: it loads the learner's module, runs each test's probe (a small function that
 * calls the learner's exports with the test's input) and reports what came back as text. It
 * never sees an expected value: verdicts are decided outside, by the grader.
 *
 * Plain JavaScript (no imports, no TypeScript) so the child process can evaluate its text in a
 * fresh realm and the browser worker can inline it as is. It must not use `export` forms other
 * than `export function`, `export async function` and `export const` (see `workerSource`).
 *
 * Everything the runner does after the learner's code has loaded uses built-ins captured when
 * this file was evaluated, and never writes a property that the learner could intercept with a
 * setter on a built-in prototype: results are built as strings, messages as object literals.
 */

/** Largest encoded result a test may report (characters); more is reported as an error. */
export const MAX_RESULT_CHARS = 200_000;

/** Deepest value a result may be (levels of arrays, objects, Maps and Sets). */
const MAX_DEPTH = 50;

/** Longest error text a report carries (characters). */
const MAX_ERROR_CHARS = 2_000;

// Built-ins captured when this file is evaluated, before any submission code runs.
const intrinsics = {
  apply: Reflect.apply,
  ownKeys: Reflect.ownKeys,
  getPrototypeOf: Reflect.getPrototypeOf,
  keys: Object.keys,
  describe: Object.getOwnPropertyDescriptor,
  define: Object.defineProperty,
  hasOwn: Object.prototype.hasOwnProperty,
  isArray: Array.isArray,
  mapSize: /** @type {() => number} */ (/** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(Map.prototype, 'size')).get),
  setSize: /** @type {() => number} */ (/** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(Set.prototype, 'size')).get),
  mapEntries: Map.prototype.entries,
  mapGet: Map.prototype.get,
  mapSet: Map.prototype.set,
  mapHas: Map.prototype.has,
  mapDelete: Map.prototype.delete,
  setValues: Set.prototype.values,
  setAdd: Set.prototype.add,
  setHas: Set.prototype.has,
  setDelete: Set.prototype.delete,
  iteratorNext: Object.getPrototypeOf(new Map().entries()).next,
  setIteratorNext: Object.getPrototypeOf(new Set().values()).next,
  dateGetTime: Date.prototype.getTime,
  stringSlice: String.prototype.slice,
  join: Array.prototype.join,
  arraySlice: Array.prototype.slice,
  stringify: JSON.stringify,
  parse: JSON.parse,
  String,
  Number,
  Map,
  Set,
  Date,
  Error,
  TypeError,
  Promise,
  promiseThen: Promise.prototype.then,
  promiseResolve: Promise.resolve,
};

/** `Reflect.apply` with the captured built-in. */
const call = (/** @type {Function} */ fn, /** @type {unknown} */ self, /** @type {unknown[]} */ args) => intrinsics.apply(fn, self, args);

/** Text cut to `max` characters. */
const clip = (/** @type {string} */ text, max = MAX_ERROR_CHARS) => (text.length > max ? `${call(intrinsics.stringSlice, text, [0, max - 1])}…` : text);

/** A string as a JSON literal (safe on primitives: `JSON.stringify` of a string consults nothing). */
const quote = (/** @type {string} */ text) => /** @type {string} */ (intrinsics.stringify(text));

/** The runner refusing a value (a function, a cycle, too big...): never the learner's own error. */
class Refusal extends Error {}

// ---------------------------------------------------------------------------------------------
// Tampering: built-ins replaced, deleted, or given new keys (methods, getters, setters).

/** The built-ins watched: the constructors, their prototypes, the iterator prototypes (captured at load). */
const watchedRoots = { Object, Array, JSON, Math, Number, String, Boolean, Map, Set, WeakMap, WeakSet, Promise, Reflect, Function, Date, RegExp, Error, TypeError, RangeError, Symbol, BigInt };
const watchedHolders = (() => {
  /** @type {{ name: string, holder: any }[]} */
  const holders = [];
  for (const [name, root] of Object.entries(watchedRoots)) {
    holders.push({ name, holder: root });
    const proto = /** @type {any} */ (root).prototype;
    if (proto && typeof proto === 'object') holders.push({ name: `${name}.prototype`, holder: proto });
  }
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  holders.push({ name: 'Iterator.prototype', holder: Object.getPrototypeOf(arrayIterator) });
  holders.push({ name: 'ArrayIterator.prototype', holder: arrayIterator });
  holders.push({ name: 'MapIterator.prototype', holder: Object.getPrototypeOf(new Map().entries()) });
  holders.push({ name: 'SetIterator.prototype', holder: Object.getPrototypeOf(new Set().values()) });
  holders.push({ name: 'StringIterator.prototype', holder: Object.getPrototypeOf(''[Symbol.iterator]()) });
  return holders;
})();
const watchedGlobals = Object.keys(watchedRoots);

/** Writable data that built-ins expose on purpose: changing it is not tampering. */
const adjustable = new Set(['Error.stackTraceLimit']);

const NONE = {};

/** Appends to an array without consulting setters on `Array.prototype`. */
const push = (/** @type {unknown[]} */ list, /** @type {unknown} */ value) => {
  intrinsics.define(list, list.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
};

/** What a property is now: its value, getter and setter (own fields only), or absent. */
const propertyState = (/** @type {any} */ holder, /** @type {PropertyKey} */ key) => {
  const d = intrinsics.describe(holder, key);
  if (d === undefined) return [NONE, NONE, NONE];
  const own = (/** @type {string} */ field) => (call(intrinsics.hasOwn, d, [field]) ? /** @type {any} */ (d)[field] : NONE);
  return [own('value'), own('get'), own('set')];
};

/**
 * @typedef {{ globals: { key: string, state: unknown[] }[], holders: { name: string, holder: any, props: { key: PropertyKey, label: string, state: unknown[] }[] }[] }} BuiltinSnapshot
 * Every watched property's value, getter and setter, and the keys of every watched holder.
 */

/** Records the watched built-ins as they are now. @returns {BuiltinSnapshot} */
function takeSnapshot() {
  const label = (/** @type {string} */ name, /** @type {PropertyKey} */ k) => `${name}.${typeof k === 'symbol' ? intrinsics.String(k.description) : k}`;
  /** @type {BuiltinSnapshot} */
  const snap = { globals: [], holders: [] };
  for (let i = 0; i < watchedGlobals.length; i++) push(snap.globals, { key: watchedGlobals[i], state: propertyState(globalThis, watchedGlobals[i]) });
  for (let i = 0; i < watchedHolders.length; i++) {
    const { name, holder } = watchedHolders[i];
    const keys = intrinsics.ownKeys(holder);
    /** @type {{ key: PropertyKey, label: string, state: unknown[] }[]} */
    const props = [];
    for (let j = 0; j < keys.length; j++) push(props, { key: keys[j], label: label(name, keys[j]), state: propertyState(holder, keys[j]) });
    push(snap.holders, { name, holder, props });
  }
  return snap;
}

/** The built-ins as they were when this file was evaluated. */
const loadSnapshot = takeSnapshot();

/**
 * Names of built-ins replaced, deleted, or given new keys (methods, getters, setters,
 * `Object.prototype.toJSON`...) since `snap` was taken (default: when this file was evaluated).
 * @param {BuiltinSnapshot} [snap]
 * @returns {string[]}
 */
export function tamperedBuiltins(snap = loadSnapshot) {
  /** @type {string[]} */
  const changed = [];
  const is = (/** @type {unknown} */ x, /** @type {unknown} */ y) => x === y || (x !== x && y !== y);
  const same = (/** @type {unknown[]} */ a, /** @type {unknown[]} */ b) => is(a[0], b[0]) && is(a[1], b[1]) && is(a[2], b[2]);
  for (let i = 0; i < snap.globals.length; i++) {
    const g = snap.globals[i];
    if (!same(propertyState(globalThis, g.key), g.state)) push(changed, g.key);
  }
  for (let i = 0; i < snap.holders.length; i++) {
    const h = snap.holders[i];
    /** @type {PropertyKey[]} */
    let keys;
    try {
      keys = intrinsics.ownKeys(h.holder);
    } catch {
      push(changed, h.name);
      continue;
    }
    for (let j = 0; j < h.props.length; j++) {
      const p = h.props[j];
      if (!same(propertyState(h.holder, p.key), p.state) && !call(intrinsics.setHas, adjustable, [p.label])) push(changed, p.label);
    }
    if (keys.length !== h.props.length) {
      for (let j = 0; j < keys.length; j++) {
        let known = false;
        for (let k = 0; k < h.props.length && !known; k++) known = h.props[k].key === keys[j];
        if (!known) push(changed, `${typeof keys[j] === 'symbol' ? `${h.name}[symbol]` : `${h.name}.${intrinsics.String(keys[j])}`} (added)`);
      }
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Values crossing the boundary.

/**
 * Turns a value into JSON text that keeps what JSON loses: undefined, NaN, Infinity, -0, BigInt,
 * Map, Set, Date, Error. Keys starting with `$` get one more `$`; `{ "$": tag }` marks the kinds
 * JSON lacks. Functions, symbols, cycles, values deeper than 50 levels and results longer than
 * `MAX_RESULT_CHARS` are refused (a `Refusal` is thrown), so a verdict is never decided on
 * something the grader cannot see. Builds a string, never an object, with captured built-ins.
 * @param {unknown} value
 * @returns {string}
 */
export function encodeValue(value) {
  let out = '';
  const emit = (/** @type {string} */ text) => {
    out += text;
    if (out.length > MAX_RESULT_CHARS) throw new Refusal(`returned more than ${MAX_RESULT_CHARS} characters of data`);
  };
  const open = new intrinsics.Set();
  const isBranded = (/** @type {Function} */ getter, /** @type {unknown} */ v) => {
    try {
      call(getter, v, []);
      return true;
    } catch {
      return false;
    }
  };
  /** @param {any} iterator @param {Function} next @param {(x: any) => void} each */
  const drain = (iterator, next, each) => {
    let first = true;
    for (let step = call(next, iterator, []); !step.done; step = call(next, iterator, [])) {
      if (!first) emit(',');
      first = false;
      each(step.value);
    }
  };
  /** @param {unknown} v @param {number} depth */
  const walk = (v, depth) => {
    if (depth > MAX_DEPTH) throw new Refusal(`returned a value nested more than ${MAX_DEPTH} levels deep`);
    if (v === undefined) return emit('{"$":"undefined"}');
    if (typeof v === 'number') {
      if (v !== v) return emit('{"$":"NaN"}');
      if (v === Infinity) return emit('{"$":"Infinity"}');
      if (v === -Infinity) return emit('{"$":"-Infinity"}');
      if (v === 0 && 1 / v < 0) return emit('{"$":"-0"}');
      return emit(`${v}`);
    }
    if (v === null) return emit('null');
    if (typeof v === 'boolean') return emit(v ? 'true' : 'false');
    if (typeof v === 'string') return emit(quote(v));
    if (typeof v === 'bigint') return emit(`{"$":"bigint","v":"${v}"}`);
    if (typeof v === 'function') throw new Refusal('returned a function, not data');
    if (typeof v === 'symbol') throw new Refusal('returned a symbol, not data');
    if (call(intrinsics.setHas, open, [v])) throw new Refusal('returned a value that contains itself (a cycle)');
    call(intrinsics.setAdd, open, [v]);
    const obj = /** @type {any} */ (v);
    if (intrinsics.isArray(obj)) {
      emit('[');
      const length = obj.length;
      for (let i = 0; i < length; i++) {
        if (i > 0) emit(',');
        walk(obj[i], depth + 1);
      }
      emit(']');
    } else if (isBranded(intrinsics.mapSize, obj)) {
      emit('{"$":"Map","v":[');
      drain(call(intrinsics.mapEntries, obj, []), intrinsics.iteratorNext, (entry) => {
        emit('[');
        walk(entry[0], depth + 1);
        emit(',');
        walk(entry[1], depth + 1);
        emit(']');
      });
      emit(']}');
    } else if (isBranded(intrinsics.setSize, obj)) {
      emit('{"$":"Set","v":[');
      drain(call(intrinsics.setValues, obj, []), intrinsics.setIteratorNext, (x) => walk(x, depth + 1));
      emit(']}');
    } else if (isBranded(intrinsics.dateGetTime, obj)) {
      walkTagged('Date', call(intrinsics.dateGetTime, obj, []));
    } else if (obj instanceof intrinsics.Error) {
      emit(`{"$":"Error","v":${quote(intrinsics.String(obj.message))}}`);
    } else {
      emit('{');
      const ks = intrinsics.keys(obj);
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i];
        if (i > 0) emit(',');
        emit(`${quote(k[0] === '$' ? `$${k}` : k)}:`);
        walk(obj[k], depth + 1);
      }
      emit('}');
    }
    call(intrinsics.setDelete, open, [v]);
    return undefined;
  };
  /** @param {string} tag @param {number} time */
  const walkTagged = (tag, time) => {
    emit(`{"$":"${tag}","v":`);
    walk(time, 0);
    emit('}');
  };
  walk(value, 0);
  return out;
}

/** A decoded value could not be trusted: malformed data (never from the real encoder). */
const bad = (/** @type {string} */ why) => new Error(`malformed result: ${why}`);

/**
 * The inverse of `encodeValue`: JSON text (or already parsed data) back to a value. Checks every
 * tag and shape and throws an Error naming the problem on anything malformed; never sets a
 * prototype (`__proto__` stays an ordinary key).
 * @param {unknown} data
 * @returns {unknown}
 */
export function decodeValue(data) {
  const parsed = typeof data === 'string' ? intrinsics.parse(data) : data;
  /** @param {unknown} d @param {number} depth @returns {unknown} */
  const walk = (d, depth) => {
    if (depth > MAX_DEPTH + 2) throw bad('nested too deeply');
    if (Array.isArray(d)) return d.map((x) => walk(x, depth + 1));
    if (d === null || typeof d !== 'object') {
      if (d === null || typeof d === 'string' || typeof d === 'boolean' || (typeof d === 'number' && Number.isFinite(d))) return d;
      throw bad(`unexpected ${typeof d}`);
    }
    const o = /** @type {Record<string, unknown>} */ (d);
    if (Object.prototype.hasOwnProperty.call(o, '$')) {
      const v = o.v;
      switch (o.$) {
        case 'undefined': return undefined;
        case 'NaN': return NaN;
        case 'Infinity': return Infinity;
        case '-Infinity': return -Infinity;
        case '-0': return -0;
        case 'bigint':
          if (typeof v !== 'string' || !/^-?\d{1,10000}$/.test(v)) throw bad('a BigInt that is not a whole number');
          return BigInt(v);
        case 'Map':
          if (!Array.isArray(v) || !v.every((e) => Array.isArray(e) && e.length === 2)) throw bad('a Map without [key, value] pairs');
          return new Map(v.map((e) => [walk(e[0], depth + 1), walk(e[1], depth + 1)]));
        case 'Set':
          if (!Array.isArray(v)) throw bad('a Set without values');
          return new Set(v.map((x) => walk(x, depth + 1)));
        case 'Date': {
          const time = walk(v, depth + 1);
          if (typeof time !== 'number') throw bad('a Date without a time');
          return new Date(time);
        }
        case 'Error':
          if (typeof v !== 'string') throw bad('an Error without a message');
          return Object.assign(new Error(v), { fromSubmission: true });
        default:
          throw bad(`unknown tag ${JSON.stringify(o.$)}`);
      }
    }
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const k of Object.keys(o)) {
      Object.defineProperty(out, k[0] === '$' ? k.slice(1) : k, { value: walk(o[k], depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return walk(parsed, 0);
}

// ---------------------------------------------------------------------------------------------
// Test doubles and module loading.

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

/** The `require` a submission gets: every import is refused (exercises are self-contained). */
const refuseRequire = (/** @type {unknown} */ name) => {
  throw new intrinsics.Error(`imports are not available in exercises (tried to import ${quote(intrinsics.String(name))})`);
};

/**
 * Loads CommonJS code (the transpiled submission) and returns its exports: from source text
 * (with `new Function`, in the browser and in-process), or from a function the host compiled
 * with the parameters `(exports, require, module)` (the Node sandbox, where code generation from
 * strings is disabled). `import`/`require` of anything is refused.
 * @param {string | Function} code
 * @returns {Record<string, unknown>}
 */
export function loadModule(code) {
  const module = { exports: /** @type {Record<string, unknown>} */ ({}) };
  // eslint-disable-next-line no-new-func
  const factory = typeof code === 'function' ? code : new Function('exports', 'require', 'module', code);
  call(factory, undefined, [module.exports, refuseRequire, module]);
  return module.exports;
}

/**
 * @typedef {{ id: string, run: string, input?: unknown }} Probe
 * A test as the sandbox sees it: its id, the source of its probe `(m, input, kit) => ...`, and
 * its input (encoded with `encodeValue`: JSON text, or data already parsed from it).
 * @typedef {{ type: 'loaded' } | { type: 'load-error', error: string } | { type: 'result', id: string, ok: true, value: string } | { type: 'result', id: string, ok: false, error: string, by: 'submission' | 'runner', errorName?: string } | { type: 'done' }} RunnerMessage
 * What the sandbox reports. A result's `value` is `encodeValue` text. `by` says who produced an
 * error: the submission (its code or the probe threw; `errorName` is the Error's name) or the
 * runner (a refused value, a replaced built-in), which never counts as the error a test expects.
 */

/** What a thrown value says, read defensively (its getters are the learner's code). */
const describeThrown = (/** @type {unknown} */ e) => {
  try {
    if (e instanceof intrinsics.Error) {
      const err = /** @type {any} */ (e);
      const name = err.name;
      const message = err.message;
      const n = typeof name === 'string' ? name : 'Error';
      const m = typeof message === 'string' ? message : intrinsics.String(message);
      return { name: clip(n, 100), text: clip(`${n && n !== 'Error' ? `${n}: ` : ''}${m}`) };
    }
    return { name: '', text: clip(`threw ${intrinsics.String(intrinsics.stringify(e))}`) };
  } catch {
    return { name: '', text: 'threw a value that cannot be shown' };
  }
};

/** A test's error message as the runner sends it. */
const errorResult = (/** @type {string} */ id, /** @type {unknown} */ e) => {
  if (e instanceof Refusal) return /** @type {RunnerMessage} */ ({ type: 'result', id, ok: false, error: clip(intrinsics.String(e.message)), by: 'runner' });
  const d = describeThrown(e);
  return /** @type {RunnerMessage} */ ({ type: 'result', id, ok: false, error: d.text, by: 'submission', errorName: d.name });
};

/** Makes probe functions from their source text (the browser worker and in-process). */
const compileProbe = (/** @type {string} */ source) => (0, eval)(`(() => { 'use strict'; const __name = (fn) => fn; return (${source}); })()`);

/**
 * Runs the probes in order against a module (code to load, a compiled module function, or exports
 * already loaded) and posts one message per step. Uses only captured built-ins once the
 * submission has loaded, so a submission that replaces globals cannot change how results are
 * sent. `between`, when given, is awaited after loading and after each result (the Node sandbox hands control back
 * to its host there, so every result leaves before the next test starts).
 * @param {string | Function | Record<string, unknown>} submission
 * @param {(Probe | { id: string, fn: Function, input?: unknown })[]} probes
 * @param {(message: RunnerMessage) => void} post
 * @param {{ between?: () => Promise<void> }} [options]
 */
export async function runSubmission(submission, probes, post, options = {}) {
  const send = post;
  const between = options.between;
  const encode = encodeValue;
  const baseline = takeSnapshot();
  const tampered = () => tamperedBuiltins(baseline);
  const changedText = (/** @type {string[]} */ names) => `changed built-ins (${call(intrinsics.join, call(intrinsics.arraySlice, names, [0, 5]), [', '])}${names.length > 5 ? ', ...' : ''})`;
  const prepared = probes.map((p) => ({ id: p.id, input: decodeValue(p.input), fn: 'fn' in p ? p.fn : compileProbe(p.run) }));
  const count = prepared.length;
  /** @type {Record<string, unknown>} */
  let exports;
  try {
    exports = typeof submission === 'string' || typeof submission === 'function' ? loadModule(submission) : submission;
  } catch (e) {
    send({ type: 'load-error', error: describeThrown(e).text });
    return;
  }
  send({ type: 'loaded' });
  if (between) await between();
  for (let i = 0; i < count; i++) {
    const probe = prepared[i];
    const before = tampered();
    if (before.length) {
      send({ type: 'result', id: probe.id, ok: false, by: 'runner', error: clip(`not run: the submission ${changedText(before)}, so no result could be trusted`) });
    } else {
      /** @type {RunnerMessage} */
      let message;
      try {
        const value = await call(probe.fn, undefined, [exports, probe.input, makeKit()]);
        const after = tampered();
        if (after.length) throw new Refusal(`the submission ${changedText(after)} during this test`);
        message = { type: 'result', id: probe.id, ok: true, value: encode(value) };
      } catch (e) {
        message = errorResult(probe.id, e);
      }
      send(message);
    }
    if (between) await between();
  }
  send({ type: 'done' });
}

// ---------------------------------------------------------------------------------------------
// The Node sandbox's side of the realm boundary.

/** Serialises a RunnerMessage by hand (no `JSON.stringify` of objects: `toJSON` is never consulted). */
const messageText = (/** @type {RunnerMessage} */ m) => {
  switch (m.type) {
    case 'loaded':
    case 'done':
      return `{"type":"${m.type}"}`;
    case 'load-error':
      return `{"type":"load-error","error":${quote(m.error)}}`;
    default:
      return m.ok
        ? `{"type":"result","id":${quote(m.id)},"ok":true,"value":${quote(m.value)}}`
        : `{"type":"result","id":${quote(m.id)},"ok":false,"by":"${m.by === 'runner' ? 'runner' : 'submission'}","errorName":${quote(m.errorName ?? '')},"error":${quote(m.error)}}`;
  }
};

/** Most characters of console output kept inside the sandbox before the rest is dropped. */
const MAX_CONSOLE_CHARS = 100_000;

/** Most timers pending at once. */
const MAX_TIMERS = 1_000;

/**
 * The runner for a host that must never hold one of this realm's objects (the `node:vm` host of
 * `rlab grade`): every function here takes and returns primitives only, apart from the functions
 * the host compiled into this realm. Installs console, timers, `queueMicrotask`, `AbortController`
 * and `structuredClone` on the realm's global, all written here, so no host function ever enters.
 *
 * The host calls `addProbe` per test, `start` with the compiled module, then `next()` after each
 * turn of its event loop: it returns lines `M <message JSON>`, `O <JSON string>` (stdout),
 * `E <JSON string>` (stderr), `T <id> <ms>` (set a timer; the host calls `fire(id)`), `C <id>`
 * (clear it), `W` (a result left: call `resume()`), `D` (done).
 */
export function createPump() {
  const g = /** @type {any} */ (globalThis);
  /** @type {{ id: string, fn: Function, input: string }[]} */
  const probes = [];
  let pending = '';
  let consoleChars = 0;
  let consoleDropped = false;
  /** @type {(() => void) | undefined} */
  let waiting;
  const line = (/** @type {string} */ text) => {
    pending += `${text}\n`;
  };

  // Console: text only, capped.
  const show = (/** @type {unknown} */ x) => {
    if (typeof x === 'string') return x;
    try {
      const text = typeof x === 'object' && x !== null ? intrinsics.stringify(x) : undefined;
      return typeof text === 'string' ? text : intrinsics.String(x);
    } catch {
      return '[value]';
    }
  };
  const printer = (/** @type {'O' | 'E'} */ stream) => (/** @type {unknown[]} */ ...args) => {
    let text = '';
    for (let i = 0; i < args.length; i++) text += `${i ? ' ' : ''}${show(args[i])}`;
    text += '\n';
    if (consoleChars + text.length > MAX_CONSOLE_CHARS) {
      if (!consoleDropped) line(`${stream} ${quote('[more output dropped]\n')}`);
      consoleDropped = true;
      return;
    }
    consoleChars += text.length;
    line(`${stream} ${quote(text)}`);
  };
  const out = printer('O');
  const err = printer('E');

  // Timers: only numbers cross to the host.
  const timers = new intrinsics.Map();
  let nextTimer = 1;
  const delayOf = (/** @type {unknown} */ ms) => {
    const n = intrinsics.Number(ms);
    return n > 0 ? (n < 2_147_483_647 ? Math.floor(n) : 2_147_483_647) : 0;
  };
  const schedule = (/** @type {boolean} */ repeat) => (/** @type {unknown} */ fn, /** @type {unknown} */ ms, /** @type {unknown[]} */ ...args) => {
    if (typeof fn !== 'function') throw new intrinsics.TypeError('the callback must be a function');
    if (call(intrinsics.mapSize, timers, []) >= MAX_TIMERS) throw new intrinsics.Error(`more than ${MAX_TIMERS} timers pending`);
    const id = nextTimer++;
    const delay = delayOf(ms);
    call(intrinsics.mapSet, timers, [id, { fn, args, repeat, delay }]);
    line(`T ${id} ${delay}`);
    return id;
  };
  const clear = (/** @type {unknown} */ id) => {
    if (typeof id === 'number' && call(intrinsics.mapDelete, timers, [id])) line(`C ${id}`);
  };

  // AbortController, as much as exercises need.
  class AbortSignalShim {
    #aborted = false;
    /** @type {unknown} */
    #reason = undefined;
    /** @type {{ fn: Function, once: boolean }[]} */
    #listeners = [];
    /** @type {Function | null} */
    onabort = null;
    get aborted() {
      return this.#aborted;
    }
    get reason() {
      return this.#reason;
    }
    /** @param {string} type @param {unknown} fn @param {unknown} [options] */
    addEventListener(type, fn, options) {
      if (type === 'abort' && typeof fn === 'function') this.#listeners.push({ fn, once: typeof options === 'object' && options !== null && !!(/** @type {any} */ (options).once) });
    }
    /** @param {string} type @param {unknown} fn */
    removeEventListener(type, fn) {
      if (type === 'abort') this.#listeners = this.#listeners.filter((l) => l.fn !== fn);
    }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    /** @param {unknown} reason */
    _abort(reason) {
      if (this.#aborted) return;
      this.#aborted = true;
      this.#reason = reason;
      const event = { type: 'abort', target: this };
      if (typeof this.onabort === 'function') this.onabort(event);
      const listeners = this.#listeners;
      this.#listeners = listeners.filter((l) => !l.once);
      for (const l of listeners) l.fn.call(this, event);
    }
  }
  class AbortControllerShim {
    #signal = new AbortSignalShim();
    get signal() {
      return this.#signal;
    }
    /** @param {unknown} [reason] */
    abort(reason) {
      this.#signal._abort(reason === undefined ? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }) : reason);
    }
  }

  const globals = {
    console: { log: out, info: out, debug: out, error: err, warn: err, trace: err },
    setTimeout: schedule(false),
    setInterval: schedule(true),
    clearTimeout: clear,
    clearInterval: clear,
    queueMicrotask: (/** @type {unknown} */ fn) => {
      if (typeof fn !== 'function') throw new intrinsics.TypeError('the callback must be a function');
      call(intrinsics.promiseThen, call(intrinsics.promiseResolve, intrinsics.Promise, []), [() => fn()]);
    },
    AbortController: AbortControllerShim,
    AbortSignal: AbortSignalShim,
    // Copies what the sandbox can encode (plain data, Map, Set, Date...); refuses cycles and functions.
    structuredClone: (/** @type {unknown} */ value) => decodeValue(encodeValue(value)),
  };
  for (const [name, value] of Object.entries(globals)) Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });

  // No stack-trace hooks: Node formats a stack with the `Error.prepareStackTrace` of the error's
  // realm, and a host-side read of `.stack` would hand that hook the host's CallSite objects.
  Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });
  Object.defineProperty(g, 'Error', { value: Error, writable: false, configurable: false });

  const post = (/** @type {RunnerMessage} */ m) => line(`M ${messageText(m)}`);
  const between = () =>
    new intrinsics.Promise((resolve) => {
      waiting = () => resolve(undefined);
      line('W');
    });

  return {
    /** @param {string} id @param {Function} fn @param {string} input */
    addProbe(id, fn, input) {
      probes.push({ id, fn, input });
    },
    /** @param {Function} moduleFunction */
    start(moduleFunction) {
      call(
        intrinsics.promiseThen,
        runSubmission(moduleFunction, probes, post, { between }),
        [
          () => line('D'),
          (/** @type {unknown} */ e) => {
            post({ type: 'load-error', error: describeThrown(e).text });
            line('D');
          },
        ],
      );
    },
    /** @returns {string} */
    next() {
      const text = pending;
      pending = '';
      return text;
    },
    resume() {
      const go = waiting;
      waiting = undefined;
      if (go) go();
    },
    /** @param {number} id */
    fire(id) {
      const timer = call(intrinsics.mapGet, timers, [id]);
      if (!timer) return;
      if (timer.repeat) line(`T ${id} ${timer.delay}`);
      else call(intrinsics.mapDelete, timers, [id]);
      try {
        call(timer.fn, undefined, timer.args);
      } catch (e) {
        err(`Uncaught ${describeThrown(e).text}`);
      }
    },
  };
}

/**
 * Checks a RunnerMessage that arrived from a sandbox (parsed JSON or structured-cloned data);
 * anything malformed is null (and ignored by the caller). Error texts are cut to 2,000 characters.
 * @param {unknown} value
 * @returns {RunnerMessage | null}
 */
export function parseRunnerMessage(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = /** @type {Record<string, unknown>} */ (value);
  switch (v.type) {
    case 'loaded':
    case 'done':
      return { type: v.type };
    case 'load-error':
      return typeof v.error === 'string' ? { type: 'load-error', error: clip(v.error) } : null;
    case 'result':
      if (typeof v.id !== 'string') return null;
      if (v.ok === true && typeof v.value === 'string' && v.value.length <= MAX_RESULT_CHARS) return { type: 'result', id: v.id, ok: true, value: v.value };
      if (v.ok === false && typeof v.error === 'string') {
        return { type: 'result', id: v.id, ok: false, error: clip(v.error), by: v.by === 'submission' ? 'submission' : 'runner', ...(typeof v.errorName === 'string' && v.errorName ? { errorName: clip(v.errorName, 100) } : {}) };
      }
      return null;
    default:
      return null;
  }
}
