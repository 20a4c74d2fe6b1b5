/**
 * What `rlab` subcommands are made of: an injected I/O, a small option parser and the usage
 * error that becomes exit code 2. No Node APIs here; `simulations/cli.ts` binds them.
 */

/** Where a command writes and how it reads files (injected so commands stay testable). */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; throws if it cannot. */
  readFile(path: string): string;
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
  const values: Record<string, string | string[] | boolean> = {};
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
      if (!long) throw new UsageError(`unknown option ${arg}`);
      name = long;
    } else {
      positionals.push(arg);
      continue;
    }
    const option = spec[name];
    if (!option) throw new UsageError(`unknown option --${name}`);
    if (name in values && !option.multiple) throw new UsageError(`option --${name} given twice`);
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
  return { values: values as OptionValues<S>, positionals };
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
