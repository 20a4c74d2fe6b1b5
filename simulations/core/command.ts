/**
 * What `rlab` subcommands are made of: an injected I/O, a small option parser, readers for
 * numbers and files that check every limit up front, and the usage error that becomes exit
 * code 2. No Node APIs here; `simulations/cli.ts` binds them.
 */
import { clip, parseJsonText, quote, type JsonRead } from './input';

/** Where a command writes and how it reads files (injected so commands stay testable). */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a UTF-8 text file of at most `maxBytes` (a regular file: no directory, device or FIFO),
   * without its byte order mark; throws an error whose message says why it cannot.
   */
  readFile(path: string, maxBytes: number): string;
}

/** One `rlab` subcommand. */
export interface Command {
  name: string;
  /** One line for `rlab --help`. */
  summary: string;
  /** Runs with the arguments after the subcommand name; returns the exit code (or a promise of it). */
  run(argv: string[], io: Io): number | Promise<number>;
}

/** Bad arguments: the CLI prints the message and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** One option: `--name VALUE` (string) or `--name` (boolean). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help after the option, e.g. `PERCENT`. */
  valueName?: string;
  /** One-letter alias, e.g. `h` for `-h`. */
  short?: string;
  /** A string option that may be given several times; its value is the list, in order. */
  multiple?: boolean;
}

/** The options a command accepts, by long name. */
export type OptionsSpec = Record<string, OptionSpec>;

/** Parsed option values: strings for string options, `true` for boolean flags given. */
export type OptionValues<S extends OptionsSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'string' ? (S[K]['multiple'] extends true ? string[] : string) : boolean;
};

/**
 * Parses `--name value`, `--name=value`, boolean `--flag`, `-x` aliases and `--` (the rest is
 * positional). Options marked `multiple` collect every value in order. Throws `UsageError` for
 * unknown options, missing values, values given to flags and other options given twice.
 */
export function parseArgs<S extends OptionsSpec>(argv: string[], spec: S): { values: OptionValues<S>; positionals: string[] } {
  // No prototype: `--toString` or `--__proto__` must not find Object.prototype's members.
  const values: Record<string, string | string[] | boolean> = Object.create(null);
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(spec).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (/^-[a-zA-Z]$/.test(arg)) {
      const long = byShort.get(arg.slice(1));
      if (!long) throw new UsageError(`unknown option ${clip(arg)}`);
      name = long;
    } else {
      positionals.push(arg);
      continue;
    }
    const option = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!option) throw new UsageError(`unknown option --${clip(name)}`);
    if (Object.hasOwn(values, name) && !option.multiple) throw new UsageError(`option --${name} given twice`);
    if (option.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`option --${name} needs a value (${option.valueName ?? 'VALUE'})`);
      value = next;
      i += 1;
    }
    if (value === '') throw new UsageError(`option --${name} needs a value (${option.valueName ?? 'VALUE'})`);
    if (option.multiple) {
      const list = values[name];
      values[name] = Array.isArray(list) ? [...list, value] : [value];
    } else values[name] = value;
  }
  return { values: { ...values } as OptionValues<S>, positionals };
}

/** Limits of a number option, checked before anything runs. */
export interface NumberLimits {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
  /** Appended to the range in the message, e.g. `requests per second`. */
  unit?: string;
}

/**
 * Reads a number option written in plain decimals (`12`, `0.5`; no exponent, sign only for a
 * negative minimum) within its limits; the usage error names the option, the range and what was
 * given (clipped).
 */
export function numberOption(option: string, text: string, limits: NumberLimits): number {
  const { min, max, integer = false, minExclusive = false, unit } = limits;
  const pattern = integer ? /^[+-]?\d{1,16}$/ : /^[+-]?(?:\d{1,16}(?:\.\d{0,16})?|\.\d{1,16})$/;
  const value = pattern.test(text.trim()) ? Number(text.trim()) : NaN;
  const ok = Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  if (!ok) {
    const range = `${integer ? 'a whole number' : 'a number'} ${minExclusive ? `above ${min} and at most` : `from ${min} to`} ${max}${unit ? ` ${unit}` : ''}`;
    throw new UsageError(`--${option} must be ${range}; got ${quote(text)}`);
  }
  return value;
}

/** Most bytes read from a JSON input file (configs, scenarios, run files, teams, runbooks). */
export const MAX_JSON_FILE_BYTES = 1024 * 1024;

/**
 * Reads a file through `io`, capped at `maxBytes`; the error is one sentence naming the option
 * (`what`, e.g. `--input`) and the file: `cannot read --input "x.csv": it is a directory, ...`.
 */
export function readInput(io: Io, path: string, maxBytes: number, what = ''): { ok: true; text: string } | { ok: false; error: string } {
  const name = `${what ? `${what} ` : ''}${quote(path)}`;
  try {
    const text = io.readFile(path, maxBytes);
    // An injected reader may not enforce the cap; the text is checked again (UTF-16 units >= bytes / 4).
    if (text.length > maxBytes) return { ok: false, error: `cannot read ${name}: it is larger than ${maxBytes} bytes, the most that is read` };
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^E[A-Z]+: /, '') : String(e);
    return { ok: false, error: `cannot read ${name}: ${clip(reason, 160)}` };
  }
}

/** Reads and parses a JSON file through `io` (see `parseJsonText`); the error names the file. */
export function readJsonInput(io: Io, path: string, what = '', maxBytes = MAX_JSON_FILE_BYTES): JsonRead {
  const read = readInput(io, path, maxBytes, what);
  if (!read.ok) return read;
  const parsed = parseJsonText(read.text);
  return parsed.ok ? parsed : { ok: false, error: `${clip(path)} ${parsed.error}` };
}

/** The options part of a help text, one aligned line per option. */
export function formatOptions(spec: OptionsSpec): string {
  const heads = Object.entries(spec).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '';
    return [`  ${short}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`, o.description] as const;
  });
  const width = Math.max(...heads.map(([h]) => h.length)) + 2;
  return heads.map(([h, d]) => h.padEnd(width) + d).join('\n');
}
