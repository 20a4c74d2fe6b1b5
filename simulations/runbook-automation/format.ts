/**
 * The runbook file format: a small, documented YAML-like text (or the same shape as JSON),
 * parsed by hand so the browser never needs a YAML library, and validated with messages that
 * name the line and the field. Pure: no DOM, no Node APIs.
 *
 * ```yaml
 * name: database_connection_recovery     # required
 * description: what it is for             # optional
 * jitter: false                           # optional: multiply each backoff by a random factor in [0.5, 1)
 * steps:                                  # required: 1 to 20 steps, run in the order written
 *   - id: check_connection_pool           # required: letters, digits, _ or -; unique
 *     action: psql -c "SELECT count(*) ..."  # required: what the step does (shown, never executed)
 *     prerequisites: [other_step]         # steps (written earlier) that must have succeeded; default []
 *     timeoutSeconds: 30                  # an attempt running longer is killed; default 300
 *     retries: 3                          # extra attempts after the first, 0 to 10; default 3
 *     backoffSeconds: 1                   # wait before retry n is backoffSeconds * 2^(n-1); default 1
 *     successChance: 0.95                 # chance that one attempt succeeds, 0 to 1 (or 95%); default 1
 *     durationSeconds: 1-4                # one attempt takes a uniform time in this range (or a fixed number); default 1-5
 *     rollback: none                      # none | irreversible[: why] | the undo command; default none
 *     requiresApproval: false             # a person confirms before the step runs; default false
 *     continueOnFailure: false            # true: failing for good does not end the runbook; steps needing it are skipped
 *     stopChance: 0                       # chance a successful check says "not this problem" and stops the runbook; default 0
 *     stopReason: nothing to terminate    # what the stop says; optional
 * ```
 *
 * Supported syntax: `key: value`, nested blocks by indentation (spaces), `- ` list items, flow
 * lists `[a, b]`, quoted strings ("..." or '...'), comments after `#`. Nothing else of YAML.
 */
import { parseJsonText } from '../core/input';

/** What undoing a step means (as in the lesson: say "irreversible" out loud). */
export type Rollback = { kind: 'none' } | { kind: 'irreversible'; why: string } | { kind: 'command'; command: string };

/** One validated step. */
export interface RunbookStep {
  id: string;
  action: string;
  prerequisites: string[];
  timeoutSeconds: number;
  retries: number;
  backoffSeconds: number;
  successChance: number;
  /** An attempt's duration is drawn uniformly from [min, max] seconds. */
  duration: { min: number; max: number };
  rollback: Rollback;
  requiresApproval: boolean;
  /** Failing for good does not end the runbook; steps that need this one are skipped. */
  continueOnFailure: boolean;
  stopChance: number;
  stopReason: string;
  /** Line of the step in the text (null for JSON input). */
  line: number | null;
}

/** A validated runbook. */
export interface Runbook {
  name: string;
  description: string;
  jitter: boolean;
  steps: RunbookStep[];
}

/** The result of parsing: a runbook, or every problem found (each naming its line when known). */
export type ParseResult = { ok: true; runbook: Runbook } | { ok: false; errors: string[] };

/** Longest runbook text accepted, in characters. */
export const MAX_RUNBOOK_CHARS = 20_000;
/** Most steps in one runbook. */
export const MAX_STEPS = 20;
/** Most retries per step. */
export const MAX_RETRIES = 10;
/** Longest timeout, duration or backoff base, in seconds (one day). */
export const MAX_SECONDS = 86_400;
/** Default reason a check gives when it stops the runbook. */
export const DEFAULT_STOP_REASON = 'its check found nothing for this runbook to fix';

/** Defaults of optional step fields (the usual ones: 300 s timeout, 3 retries, 2^attempt backoff). */
export const STEP_DEFAULTS = {
  prerequisites: [] as string[],
  timeoutSeconds: 300,
  retries: 3,
  backoffSeconds: 1,
  successChance: 1,
  duration: { min: 1, max: 5 },
  rollback: { kind: 'none' } as Rollback,
  requiresApproval: false,
  continueOnFailure: false,
  stopChance: 0,
};

// ---------------------------------------------------------------------------------------------
// A tree with line numbers, from either syntax.

type Scalar = { kind: 'scalar'; line: number | null; value: string | number | boolean | null; quoted: boolean };
type Seq = { kind: 'seq'; line: number | null; items: Node[] };
type MapNode = { kind: 'map'; line: number | null; entries: Map<string, { line: number | null; value: Node }> };
type Node = Scalar | Seq | MapNode;

/** A syntax problem; stops parsing. */
class SyntaxProblem extends Error {}

interface Line {
  line: number;
  indent: number;
  text: string;
}

/** Removes a comment (`#` at the start or after a space, outside quotes). */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i);
  }
  return text;
}

function lexLines(source: string): Line[] {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const lead = /^[ \t]*/.exec(raw)![0];
    if (lead.includes('\t') && raw.trim() !== '') throw new SyntaxProblem(`line ${line}: indent with spaces, not tabs`);
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    lines.push({ line, indent: lead.length, text: text.slice(lead.length) });
  });
  return lines;
}

/** Reads a quoted string starting at `text[0]`; returns the value and the rest. */
function readQuoted(text: string, line: number): { value: string; rest: string } {
  const q = text[0]!;
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (q === '"' && c === '\\') {
      const n = text[i + 1];
      if (n === undefined) break;
      value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      i += 1;
    } else if (q === "'" && c === "'" && text[i + 1] === "'") {
      value += "'";
      i += 1;
    } else if (c === q) return { value, rest: text.slice(i + 1) };
    else value += c;
  }
  throw new SyntaxProblem(`line ${line}: the string starting with ${q} is not closed`);
}

function inlineScalar(text: string, line: number): Scalar {
  const t = text.trim();
  if (t.startsWith('"') || t.startsWith("'")) {
    const { value, rest } = readQuoted(t, line);
    if (rest.trim() !== '') throw new SyntaxProblem(`line ${line}: unexpected text after the closing quote: '${rest.trim()}'`);
    return { kind: 'scalar', line, value, quoted: true };
  }
  return { kind: 'scalar', line, value: t === '' || t === '~' || t === 'null' ? null : t, quoted: false };
}

/** `[a, "b c", d]` */
function flowList(text: string, line: number): Seq {
  const inner = text.trim().slice(1, -1);
  const items: Node[] = [];
  let rest = inner.trim();
  while (rest !== '') {
    let item: Scalar;
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const q = readQuoted(rest, line);
      item = { kind: 'scalar', line, value: q.value, quoted: true };
      rest = q.rest.trim();
    } else {
      const comma = rest.indexOf(',');
      const part = comma < 0 ? rest : rest.slice(0, comma);
      if (/[[\]{}]/.test(part)) throw new SyntaxProblem(`line ${line}: lists inside lists are not supported: '${text.trim()}'`);
      item = inlineScalar(part, line);
      rest = comma < 0 ? '' : rest.slice(comma);
    }
    if (item.value === null) throw new SyntaxProblem(`line ${line}: empty item in the list '${text.trim()}'`);
    items.push(item);
    if (rest === '') break;
    if (!rest.startsWith(',')) throw new SyntaxProblem(`line ${line}: expected ',' between list items in '${text.trim()}'`);
    rest = rest.slice(1).trim();
    if (rest === '') throw new SyntaxProblem(`line ${line}: the list '${text.trim()}' ends with a comma`);
  }
  return { kind: 'seq', line, items };
}

function inlineValue(text: string, line: number): Node {
  const t = text.trim();
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new SyntaxProblem(`line ${line}: the list '${t}' has no closing ']'`);
    return flowList(t, line);
  }
  if (t.startsWith('{')) throw new SyntaxProblem(`line ${line}: '{...}' maps are not supported; put each field on its own line`);
  return inlineScalar(t, line);
}

const KEY = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|$)/;

/** Parses the YAML-like subset into a tree. */
function parseYamlLike(source: string): Node {
  const lines = lexLines(source);
  let pos = 0;

  function block(indent: number): Node {
    const first = lines[pos]!;
    return first.text === '-' || first.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  }

  function mapping(indent: number): MapNode {
    const node: MapNode = { kind: 'map', line: lines[pos]!.line, entries: new Map() };
    while (pos < lines.length) {
      const l = lines[pos]!;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new SyntaxProblem(`line ${l.line}: unexpected indentation (expected ${indent} spaces)`);
      if (l.text === '-' || l.text.startsWith('- ')) break;
      const m = KEY.exec(l.text);
      if (!m) throw new SyntaxProblem(`line ${l.line}: expected 'field: value', got '${l.text}'`);
      const key = m[1]!;
      const previous = node.entries.get(key);
      if (previous) throw new SyntaxProblem(`line ${l.line}: '${key}' is given twice (first on line ${previous.line})`);
      pos += 1;
      let value: Node;
      if (m[2] !== undefined && m[2].trim() !== '') value = inlineValue(m[2], l.line);
      else {
        const next = lines[pos];
        if (next && (next.indent > indent || (next.indent === indent && (next.text === '-' || next.text.startsWith('- '))))) value = block(next.indent);
        else value = { kind: 'scalar', line: l.line, value: null, quoted: false };
      }
      node.entries.set(key, { line: l.line, value });
    }
    return node;
  }

  function sequence(indent: number): Seq {
    const node: Seq = { kind: 'seq', line: lines[pos]!.line, items: [] };
    while (pos < lines.length) {
      const l = lines[pos]!;
      if (l.indent < indent) break;
      if (l.indent > indent) throw new SyntaxProblem(`line ${l.line}: unexpected indentation (expected ${indent} spaces)`);
      if (!(l.text === '-' || l.text.startsWith('- '))) break;
      const rest = l.text.slice(1).trimStart();
      if (rest === '') {
        pos += 1;
        const next = lines[pos];
        if (next && next.indent > indent) node.items.push(block(next.indent));
        else throw new SyntaxProblem(`line ${l.line}: empty list item`);
      } else if (KEY.test(rest)) {
        // `- id: x` starts a map whose fields line up with `id`.
        const column = l.indent + (l.text.length - rest.length);
        lines[pos] = { line: l.line, indent: column, text: rest };
        node.items.push(mapping(column));
      } else {
        node.items.push(inlineValue(rest, l.line));
        pos += 1;
      }
    }
    return node;
  }

  if (lines.length === 0) throw new SyntaxProblem('the runbook is empty');
  if (lines[0]!.indent !== 0) throw new SyntaxProblem(`line ${lines[0]!.line}: the first field must not be indented`);
  const root = block(0);
  if (pos < lines.length) throw new SyntaxProblem(`line ${lines[pos]!.line}: unexpected '${lines[pos]!.text}' (check the indentation)`);
  return root;
}

/** A JSON value as a tree (JSON carries no line numbers for values). */
function fromJson(value: unknown): Node {
  if (Array.isArray(value)) return { kind: 'seq', line: null, items: value.map(fromJson) };
  if (typeof value === 'object' && value !== null) {
    return { kind: 'map', line: null, entries: new Map(Object.entries(value).map(([k, v]) => [k, { line: null, value: fromJson(v) }])) };
  }
  return { kind: 'scalar', line: null, value: value as string | number | boolean | null, quoted: typeof value === 'string' };
}

/** Parses JSON with the shared reader (BOM, nesting depth, huge numbers), turning "line L, column C" into this format's "line L: ...". */
function parseJson(source: string): Node {
  const parsed = parseJsonText(source);
  if (!parsed.ok) {
    const at = /\(line (\d+), column \d+\)/.exec(parsed.error);
    const what = parsed.error.replace(/ \(line \d+, column \d+\)/, '');
    throw new SyntaxProblem(`${at ? `line ${at[1]}: ` : ''}${what.startsWith('is ') ? what.slice(3) : `the JSON ${what}`}`);
  }
  return fromJson(parsed.value);
}

// ---------------------------------------------------------------------------------------------
// Validation.

const STEP_FIELDS = [
  'id',
  'action',
  'prerequisites',
  'timeoutSeconds',
  'retries',
  'backoffSeconds',
  'successChance',
  'durationSeconds',
  'rollback',
  'requiresApproval',
  'continueOnFailure',
  'stopChance',
  'stopReason',
] as const;
const RUNBOOK_FIELDS = ['name', 'description', 'jitter', 'steps'] as const;
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** Suggests a known field for a misspelt one (same letters ignoring case, or a shared prefix of 4). */
function suggest(key: string, known: readonly string[]): string {
  const k = key.toLowerCase();
  const hit = known.find((f) => f.toLowerCase() === k) ?? known.find((f) => f.toLowerCase().startsWith(k.slice(0, 4)) && k.length >= 4);
  return hit ? `; did you mean '${hit}'?` : `; known fields: ${known.join(', ')}`;
}

const at = (line: number | null) => (line === null ? '' : `line ${line}: `);
const shown = (node: Node) => (node.kind === 'scalar' ? `'${String(node.value ?? '')}'` : node.kind === 'seq' ? 'a list' : 'a group of fields');

/** Collects problems while reading fields. */
class Checker {
  readonly errors: string[] = [];
  fail(line: number | null, message: string): undefined {
    this.errors.push(`${at(line)}${message}`);
    return undefined;
  }

  text(node: Node, path: string, maxLength = 200): string | undefined {
    if (node.kind !== 'scalar' || node.value === null) return this.fail(node.line, `${path} must be text, got ${node.kind === 'scalar' ? 'nothing' : shown(node)}`);
    const s = String(node.value).trim();
    if (s === '') return this.fail(node.line, `${path} must not be empty`);
    if (s.length > maxLength) return this.fail(node.line, `${path} is longer than ${maxLength} characters`);
    return s;
  }

  /** A number in [min, max]; `whole` demands an integer; `percent` accepts `80%`. */
  number(node: Node, path: string, min: number, max: number, opts: { whole?: boolean; percent?: boolean; unit?: string } = {}): number | undefined {
    const kind = opts.whole ? 'a whole number' : 'a number';
    const wanted = `${path} must be ${kind} from ${min} to ${max}${opts.unit ? ` ${opts.unit}` : ''}`;
    if (node.kind !== 'scalar' || node.value === null || typeof node.value === 'boolean') return this.fail(node.line, `${wanted}, got ${node.kind === 'scalar' ? `'${String(node.value ?? '')}'` : shown(node)}`);
    let value: number;
    if (typeof node.value === 'number') value = node.value;
    else {
      const t = node.value.trim();
      const pct = opts.percent && /^\d+(?:\.\d+)?%$/.test(t);
      if (node.quoted || !(pct || /^-?\d+(?:\.\d+)?$/.test(t))) return this.fail(node.line, `${wanted}, got '${node.value}'`);
      value = pct ? Number(t.slice(0, -1)) / 100 : Number(t);
    }
    if (!Number.isFinite(value) || value < min || value > max || (opts.whole && !Number.isInteger(value))) {
      return this.fail(node.line, `${wanted}, got '${String(node.value)}'`);
    }
    return value;
  }

  bool(node: Node, path: string): boolean | undefined {
    if (node.kind === 'scalar' && (node.value === true || node.value === false)) return node.value;
    if (node.kind === 'scalar' && !node.quoted && (node.value === 'true' || node.value === 'false')) return node.value === 'true';
    return this.fail(node.line, `${path} must be true or false, got ${shown(node)}`);
  }

  /** A list of ids: a list, or one id. */
  ids(node: Node, path: string): string[] | undefined {
    const items = node.kind === 'seq' ? node.items : node.kind === 'scalar' && node.value === null ? [] : [node];
    const out: string[] = [];
    for (const [i, item] of items.entries()) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || !ID.test(item.value)) {
        this.fail(item.line ?? node.line, `${path}[${i}] must be a step id, got ${shown(item)}`);
      } else out.push(item.value);
    }
    return out;
  }

  /** `4`, `1-4` or `1.5-30`. */
  range(node: Node, path: string): { min: number; max: number } | undefined {
    const wanted = `${path} must be seconds ('5') or a range of seconds ('1-4') from 0 to ${MAX_SECONDS}`;
    if (node.kind === 'scalar' && typeof node.value === 'number') {
      return node.value >= 0 && node.value <= MAX_SECONDS ? { min: node.value, max: node.value } : this.fail(node.line, `${wanted}, got '${node.value}'`);
    }
    if (node.kind !== 'scalar' || typeof node.value !== 'string') return this.fail(node.line, `${wanted}, got ${shown(node)}`);
    const m = /^(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?$/.exec(node.value.trim());
    if (!m) return this.fail(node.line, `${wanted}, got '${node.value}'`);
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (max < min) return this.fail(node.line, `${path}: the range '${node.value}' ends before it starts`);
    if (max > MAX_SECONDS) return this.fail(node.line, `${wanted}, got '${node.value}'`);
    return { min, max };
  }

  rollback(node: Node, path: string): Rollback | undefined {
    const text = this.text(node, path, 300);
    if (text === undefined) return undefined;
    if (text === 'none') return { kind: 'none' };
    const irreversible = /^irreversible(?:\s*:\s*(.*))?$/.exec(text);
    if (irreversible) return { kind: 'irreversible', why: irreversible[1]?.trim() || 'this step cannot be undone' };
    return { kind: 'command', command: text };
  }
}

/** Finds a cycle among prerequisites; returns it as a path of ids (first = last), or null. */
export function findCycle(steps: readonly { id: string; prerequisites: readonly string[] }[]): string[] | null {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const p of byId.get(id)?.prerequisites ?? []) {
      if (!byId.has(p)) continue;
      const cycle = visit(p);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const s of steps) {
    const cycle = visit(s.id);
    if (cycle) return cycle;
  }
  return null;
}

function validate(root: Node): ParseResult {
  const c = new Checker();
  if (root.kind !== 'map') return { ok: false, errors: [`${at(root.line)}a runbook is a group of fields (name, steps, ...), got ${shown(root)}`] };
  for (const [key, { line }] of root.entries) {
    if (!(RUNBOOK_FIELDS as readonly string[]).includes(key)) c.fail(line, `'${key}' is not a runbook field${suggest(key, RUNBOOK_FIELDS)}`);
  }
  const field = (map: MapNode, key: string) => map.entries.get(key)?.value;
  const nameNode = field(root, 'name');
  const name = nameNode ? c.text(nameNode, 'name', 80) : c.fail(root.line, "the runbook needs a 'name'");
  const descriptionNode = field(root, 'description');
  const description = descriptionNode ? (c.text(descriptionNode, 'description', 500) ?? '') : '';
  const jitterNode = field(root, 'jitter');
  const jitter = jitterNode ? (c.bool(jitterNode, 'jitter') ?? false) : false;
  const stepsNode = field(root, 'steps');
  const steps: RunbookStep[] = [];
  const stepLines = new Map<string, { index: number; line: number | null }>();
  const prereqLines: { index: number; line: number | null }[] = [];
  /** Steps whose id and prerequisites are readable, checked even when other fields are wrong. */
  const declared: { id: string; index: number; prerequisites: string[] }[] = [];
  if (!stepsNode) c.fail(root.line, "the runbook needs 'steps', a list of at least one step");
  else if (stepsNode.kind !== 'seq' || stepsNode.items.length === 0) c.fail(stepsNode.line ?? root.entries.get('steps')!.line, `steps must be a list of at least one step, got ${shown(stepsNode)}`);
  else if (stepsNode.items.length > MAX_STEPS) c.fail(stepsNode.line, `at most ${MAX_STEPS} steps, got ${stepsNode.items.length}`);
  else {
    stepsNode.items.forEach((item, index) => {
      const p = `steps[${index}]`;
      if (item.kind !== 'map') {
        c.fail(item.line, `${p} must be a group of fields (id, action, ...), got ${shown(item)}`);
        return;
      }
      for (const [key, { line }] of item.entries) {
        if (!(STEP_FIELDS as readonly string[]).includes(key)) c.fail(line, `${p}.${key} is not a step field${suggest(key, STEP_FIELDS)}`);
      }
      const get = (key: (typeof STEP_FIELDS)[number]) => field(item, key);
      const lineOf = (key: string) => item.entries.get(key)?.line ?? item.line;
      const opt = <T>(key: (typeof STEP_FIELDS)[number], read: (n: Node) => T | undefined, fallback: T): T | undefined => {
        const n = get(key);
        return n === undefined ? fallback : read(n);
      };
      const idNode = get('id');
      let id = idNode ? c.text(idNode, `${p}.id`, 40) : c.fail(item.line, `${p} needs an 'id'`);
      if (id !== undefined && !ID.test(id)) id = c.fail(lineOf('id'), `${p}.id must start with a letter and use only letters, digits, _ and - (at most 40), got '${id}'`);
      if (id !== undefined) {
        const seen = stepLines.get(id);
        if (seen) id = c.fail(lineOf('id'), `${p}.id '${id}' is already used by steps[${seen.index}]${seen.line === null ? '' : ` (line ${seen.line})`}`);
        else stepLines.set(id, { index, line: lineOf('id') });
      }
      const actionNode = get('action');
      const action = actionNode ? c.text(actionNode, `${p}.action`, 300) : c.fail(item.line, `${p} needs an 'action' (what the step does)`);
      const prerequisites = opt('prerequisites', (n) => c.ids(n, `${p}.prerequisites`), [] as string[]);
      prereqLines[index] = { index, line: lineOf('prerequisites') };
      if (id !== undefined && prerequisites !== undefined) declared.push({ id, index, prerequisites });
      const timeoutSeconds = opt('timeoutSeconds', (n) => c.number(n, `${p}.timeoutSeconds`, 0.1, MAX_SECONDS, { unit: 'seconds' }), STEP_DEFAULTS.timeoutSeconds);
      const retries = opt('retries', (n) => c.number(n, `${p}.retries`, 0, MAX_RETRIES, { whole: true }), STEP_DEFAULTS.retries);
      const backoffSeconds = opt('backoffSeconds', (n) => c.number(n, `${p}.backoffSeconds`, 0, 3600, { unit: 'seconds' }), STEP_DEFAULTS.backoffSeconds);
      const successChance = opt('successChance', (n) => c.number(n, `${p}.successChance`, 0, 1, { percent: true }), STEP_DEFAULTS.successChance);
      const duration = opt('durationSeconds', (n) => c.range(n, `${p}.durationSeconds`), STEP_DEFAULTS.duration);
      const rollback = opt('rollback', (n) => c.rollback(n, `${p}.rollback`), STEP_DEFAULTS.rollback);
      const requiresApproval = opt('requiresApproval', (n) => c.bool(n, `${p}.requiresApproval`), false);
      const continueOnFailure = opt('continueOnFailure', (n) => c.bool(n, `${p}.continueOnFailure`), false);
      const stopChance = opt('stopChance', (n) => c.number(n, `${p}.stopChance`, 0, 1, { percent: true }), 0);
      const stopReason = opt('stopReason', (n) => c.text(n, `${p}.stopReason`), DEFAULT_STOP_REASON);
      if (
        id === undefined || action === undefined || prerequisites === undefined || timeoutSeconds === undefined || retries === undefined ||
        backoffSeconds === undefined || successChance === undefined || duration === undefined || rollback === undefined ||
        requiresApproval === undefined || continueOnFailure === undefined || stopChance === undefined || stopReason === undefined
      ) {
        return;
      }
      steps[index] = { id, action, prerequisites, timeoutSeconds, retries, backoffSeconds, successChance, duration, rollback, requiresApproval, continueOnFailure, stopChance, stopReason, line: item.line };
    });
    // Prerequisites: known ids, no cycles, written before the step that needs them.
    const cycle = findCycle(declared);
    const inCycle = new Set(cycle ?? []);
    if (cycle) {
      const first = declared.find((s) => s.id === cycle[0])!.index;
      c.fail(prereqLines[first]?.line ?? null, `steps[${first}].prerequisites form a cycle: ${cycle.join(' -> ')}`);
    }
    for (const s of declared) {
      const where = prereqLines[s.index]?.line ?? null;
      for (const p of s.prerequisites) {
        const target = stepLines.get(p);
        if (!target) c.fail(where, `steps[${s.index}].prerequisites names '${p}', which is not a step id; the steps are: ${[...stepLines.keys()].join(', ')}`);
        else if (target.index > s.index && !(inCycle.has(p) && inCycle.has(s.id))) {
          c.fail(where, `steps[${s.index}].prerequisites names '${p}', which comes later (steps[${target.index}]); steps run in the order written, so '${s.id}' would always be skipped`);
        }
      }
    }
  }
  if (c.errors.length > 0 || name === undefined || steps.length === 0) return { ok: false, errors: c.errors };
  return { ok: true, runbook: { name, description, jitter, steps } };
}

/**
 * Parses a runbook written in the YAML-like format above, or as JSON (text starting with `{`).
 * Returns the runbook, or every problem found, each prefixed with `line N:` when the line is known.
 */
export function parseRunbook(source: string): ParseResult {
  if (source.length > MAX_RUNBOOK_CHARS) return { ok: false, errors: [`the runbook is longer than ${MAX_RUNBOOK_CHARS} characters (${source.length})`] };
  try {
    const tree = source.trimStart().startsWith('{') ? parseJson(source) : parseYamlLike(source);
    return validate(tree);
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, errors: [e.message] };
    throw e;
  }
}

/** Parses a runbook that must be valid (built-in runbooks); throws with every problem otherwise. */
export function parseRunbookOrThrow(source: string): Runbook {
  const result = parseRunbook(source);
  if (!result.ok) throw new Error(`invalid runbook:\n${result.errors.join('\n')}`);
  return result.runbook;
}
