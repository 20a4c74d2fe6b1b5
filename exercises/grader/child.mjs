// @ts-check
/**
 * The submission's process (started by `isolate.ts` under Node's permission model, and as its own
 * unprivileged user when the grader runs as root). Reads `{ nonce, runner, code, probes }` from
 * stdin and runs the sandbox runner and the learner's code inside a `node:vm` realm that has no
 * Node globals at all: no `process`, no `require`, no `import()`, no code generation from strings,
 * no WebAssembly. Nothing of this realm (the host) enters it: the host only compiles code into it
 * and calls the runner's pump functions (`createPump` in sandbox-runner.mjs) with strings, numbers
 * and functions it compiled there; what comes back is a string, checked with `typeof` and never
 * otherwise touched. So the learner's code cannot reach `process`, `v8`, the file system or the
 * result channel, and cannot signal any process.
 *
 * The host writes each result as one line on file descriptor 3 (never stdout: what the submission
 * prints is data), prefixed with a nonce the realm never sees.
 */
import { writeSync } from 'node:fs';
import vm from 'node:vm';

// Never look at a value thrown or rejected inside the realm: reading `.stack` or inspecting it
// would run the realm's code with host objects as arguments.
process.on('unhandledRejection', () => {});
process.on('uncaughtException', () => process.exit(70));

/** Every compiled piece refuses `import()` with a plain string (a host Error would leak the host realm). */
const refuseImport = () => {
  throw 'imports are not available in exercises';
};

/** Most timers the host keeps for the realm. */
const MAX_TIMERS = 1000;

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  /** @type {{ nonce: string, runner: string, code: string, probes: { id: string, run: string, input: string }[] }} */
  const job = JSON.parse(input);
  input = '';
  const nonce = job.nonce;
  const send = (/** @type {string} */ json) => writeSync(3, `${nonce} ${json}\n`);
  const fail = (/** @type {string} */ why) => {
    send(JSON.stringify({ type: 'load-error', error: why }));
    process.exit(0);
  };

  const realm = vm.createContext(Object.create(null), { name: 'submission', codeGeneration: { strings: false, wasm: false } });
  const runner = job.runner.replace(/^export (?=(async )?function |const )/gm, '');
  if (/^export\b/m.test(runner)) return fail('the sandbox runner has an export form the child does not understand');
  /** @type {{ addProbe: Function, start: Function, next: Function, resume: Function, fire: Function }} */
  let pump;
  try {
    const api = new vm.Script(`'use strict';\n(() => {\n${runner}\nreturn createPump();\n})()`, { filename: 'sandbox-runner.mjs', importModuleDynamically: /** @type {any} */ (refuseImport) }).runInContext(realm);
    // Read before any learner code exists in the realm.
    pump = { addProbe: api.addProbe, start: api.start, next: api.next, resume: api.resume, fire: api.fire };
    for (const p of job.probes) {
      const fn = new vm.Script(`'use strict';\n(() => { const __name = (fn) => fn; return (${p.run}); })()`, { filename: `probe ${p.id}`, importModuleDynamically: /** @type {any} */ (refuseImport) }).runInContext(realm);
      pump.addProbe(p.id, fn, p.input);
    }
  } catch (e) {
    return fail(`the sandbox could not start: ${e instanceof Error ? e.message : 'unknown error'}`);
  }
  /** @type {Function} */
  let moduleFunction;
  try {
    moduleFunction = vm.compileFunction(job.code, ['exports', 'require', 'module'], { parsingContext: realm, filename: 'submission.js', importModuleDynamically: /** @type {any} */ (refuseImport) });
  } catch (e) {
    // A host-side compile error: its message is a host string.
    return fail(e instanceof Error ? `${e.name}: ${e.message}` : 'the submission could not be compiled');
  }
  job.code = '';

  /** @type {Map<number, NodeJS.Timeout>} */
  const timers = new Map();
  const turn = () => setImmediate(drain);
  /** Calls into the realm; whatever it throws stays unread. */
  const enter = (/** @type {Function} */ fn, /** @type {unknown[]} */ args) => {
    try {
      return Reflect.apply(fn, undefined, args);
    } catch {
      return undefined;
    }
  };
  const drain = () => {
    const text = enter(pump.next, []);
    if (typeof text !== 'string') return fail('the sandbox runner stopped answering');
    let resume = false;
    let done = false;
    for (const line of text.split('\n')) {
      const tag = line.slice(0, 1);
      const rest = line.slice(2);
      if (tag === 'M') send(rest);
      else if (tag === 'O' || tag === 'E') {
        try {
          writeSync(tag === 'O' ? 1 : 2, String(JSON.parse(rest)));
        } catch {
          // the parent closed the pipe or the text was not JSON: output is data, never protocol
        }
      } else if (tag === 'T') {
        const [id = NaN, ms = NaN] = rest.split(' ').map(Number);
        if (!Number.isSafeInteger(id) || !(ms >= 0) || (timers.size >= MAX_TIMERS && !timers.has(id))) continue;
        clearTimeout(timers.get(id));
        timers.set(
          id,
          setTimeout(() => {
            timers.delete(id);
            enter(pump.fire, [id]);
            turn();
          }, ms),
        );
      } else if (tag === 'C') {
        const id = Number(rest);
        clearTimeout(timers.get(id));
        timers.delete(id);
      } else if (tag === 'W') resume = true;
      else if (tag === 'D') done = true;
    }
    if (done) process.exit(0);
    if (resume) {
      enter(pump.resume, []);
      turn();
    }
  };
  enter(pump.start, [moduleFunction]);
  turn();
});
