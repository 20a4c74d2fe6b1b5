/**
 * Safe handling of untrusted input for messages and parsing, shared by every `rlab` command and
 * the browser: bounded echoes of what the user typed, a bounded description of any JSON value,
 * lists of problems that stop after the first few, and a JSON reader that strips a UTF-8 BOM,
 * refuses absurd nesting and non-finite numbers, and says where the syntax breaks. Pure (no Node).
 */

/** The longest piece of user input repeated in a message (characters, before the ellipsis). */
export const MAX_ECHO = 80;
/** A list of problems shows this many, then a count of the rest. */
export const MAX_LISTED_PROBLEMS = 20;
/** Longest problem line shown (characters). */
export const MAX_PROBLEM_LENGTH = 500;
/** JSON inputs may nest arrays and objects this deep (the course's files need 6). */
export const MAX_JSON_DEPTH = 64;

// C0 controls except tab and newline, DEL, C1 controls, line/paragraph separators and bidi overrides:
// characters that can move the cursor, recolour a terminal, fake a line or reorder text.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_IN_ECHO = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Makes text safe to print on a terminal: every control character except tab and newline (and
 * every bidi override) becomes a visible `\uXXXX`. JSON stays valid (those characters can only
 * occur inside its strings, where `\uXXXX` means the same).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * A piece of user input for a message: at most `max` characters (then "…"), on one line, with
 * control characters shown as `\uXXXX`. Never cuts a surrogate pair in half.
 */
export function clip(text: string, max = MAX_ECHO): string {
  let head = text.length > max ? text.slice(0, max) : text;
  if (head.length < text.length && /[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return head.replace(UNSAFE_IN_ECHO, escapeChar) + (head.length < text.length ? '…' : '');
}

/** `clip` in double quotes: `"99.9x"`. */
export const quote = (text: string, max = MAX_ECHO): string => `"${clip(text, max).replace(/"/g, '\\"')}"`;

/**
 * Any value (parsed JSON or worse) in at most about `max` characters, for "got ..." in messages:
 * strings quoted and clipped, non-finite numbers by name (`Infinity`, never `null`), arrays and
 * objects as a short preview. Never throws, whatever the depth, size or getters.
 */
export function describe(value: unknown, max = MAX_ECHO): string {
  if (value === undefined) return 'nothing';
  let budget = max;
  let cut = false;
  const walk = (v: unknown, depth: number): string => {
    if (budget <= 0) {
      cut = true;
      return '';
    }
    let text: string;
    if (typeof v === 'string') text = quote(v, Math.max(1, Math.min(budget, MAX_ECHO)));
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null) text = String(v);
    else if (v === undefined) text = 'undefined';
    else if (typeof v !== 'object') text = typeof v;
    else if (depth >= 3) text = Array.isArray(v) ? '[…]' : '{…}';
    else if (Array.isArray(v)) {
      budget -= 1;
      const parts: string[] = [];
      for (let i = 0; i < v.length && budget > 0; i++) parts.push(walk(v[i], depth + 1));
      if (parts.length < v.length) cut = true;
      text = `[${parts.join(',')}${parts.length < v.length ? ',…' : ''}]`;
    } else {
      budget -= 1;
      const parts: string[] = [];
      let keys: string[];
      try {
        keys = Object.keys(v);
      } catch {
        keys = [];
      }
      for (let i = 0; i < keys.length && budget > 0; i++) {
        let item: unknown;
        try {
          item = (v as Record<string, unknown>)[keys[i]!];
        } catch {
          item = undefined;
        }
        const key = quote(keys[i]!, Math.min(budget, MAX_ECHO));
        budget -= key.length + 1;
        parts.push(`${key}:${walk(item, depth + 1)}`);
      }
      if (parts.length < keys.length) cut = true;
      text = `{${parts.join(',')}${parts.length < keys.length ? ',…' : ''}}`;
    }
    budget -= text.length;
    return text;
  };
  const text = walk(value, 0);
  return cut && text.length > max + 3 ? `${text.slice(0, max)}…` : text;
}

/**
 * The first `max` problems (each clipped to `MAX_PROBLEM_LENGTH` on one line), then one line
 * counting the rest: a file with a million bad lines gives 21 lines, not a million. `more` adds
 * problems the caller counted but did not keep.
 */
export function listProblems(problems: readonly string[], max = MAX_LISTED_PROBLEMS, more = 0): string[] {
  // A list that already ends with a count (from a parser that stopped collecting) keeps it.
  const counted = problems.length > 0 ? MORE_PROBLEMS.exec(problems[problems.length - 1]!) : null;
  const list = counted ? problems.slice(0, -1) : problems;
  const hidden = Math.max(0, list.length - max) + more + (counted ? Number(counted[1]) : 0);
  const shown = list.slice(0, max).map((p) => clip(p, MAX_PROBLEM_LENGTH));
  return hidden > 0 ? [...shown, moreProblems(hidden)] : shown;
}

const MORE_PROBLEMS = /^\.\.\. and (\d+) more problems? \(fix the ones above first\)$/;

/** The line that ends a cut list of problems: `... and 999980 more problems (fix the ones above first)`. */
export const moreProblems = (count: number): string => `... and ${count} more problem${count === 1 ? '' : 's'} (fix the ones above first)`;

/** A UTF-8 byte order mark at the start of a text, removed (editors on Windows write one). */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Where offset `index` of `text` is, for people: `line 3, column 7`. */
export function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/** How deep `text` nests arrays and objects (strings skipped), and where it first exceeds `limit`. */
function nesting(text: string, limit: number): { deepestAt: number | null } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > limit) return { deepestAt: i };
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return { deepestAt: null };
}

/** The first number in `value` that JSON could write but a double cannot hold (`1e400`), with its path. */
function nonFinitePath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (depth > MAX_JSON_DEPTH || typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const found = nonFinitePath(v, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${quote(key, 40)}]`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * `parseJsonText`'s answer: the value, or what is wrong and where, worded to follow its subject
 * (`team.json is not valid JSON (line 3, column 7): ...`, `the file nests arrays ...`).
 */
export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses JSON text from a user: strips a leading BOM, refuses nesting deeper than `maxDepth`
 * (so no validator or message can overflow the stack), turns "position N" into a line and column,
 * and refuses numbers beyond the range of doubles (`1e400` would become Infinity).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonRead {
  const source = stripBom(text);
  if (source.trim() === '') return { ok: false, error: 'is empty; expected JSON' };
  const { deepestAt } = nesting(source, maxDepth);
  if (deepestAt !== null) {
    return { ok: false, error: `nests arrays and objects more than ${maxDepth} levels deep (at ${lineAndColumn(source, deepestAt)}); at most ${maxDepth} are allowed` };
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (e) {
    const message = clip((e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' '), 160);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` (${lineAndColumn(source, Number(position[1]))})` : '';
    return { ok: false, error: `is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}` };
  }
  const infinite = nonFinitePath(value, '', 0);
  if (infinite !== null) {
    return { ok: false, error: `holds a number too large to represent${infinite === '' ? '' : ` at ${infinite.replace(/^\./, '')}`} (beyond ±1.8e308)` };
  }
  return { ok: true, value };
}
