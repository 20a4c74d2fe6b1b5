import { describe, expect, it } from 'vitest';
import { formatOptions, numberOption, parseArgs, readJsonInput, UsageError, type Io, type OptionsSpec } from './command';

const SPEC = {
  slo: { type: 'string', valueName: 'PERCENT', description: 'target' },
  json: { type: 'boolean', description: 'json' },
  help: { type: 'boolean', short: 'h', description: 'help' },
} satisfies OptionsSpec;

describe('parseArgs', () => {
  it('reads --name value, --name=value, flags, short aliases and positionals', () => {
    expect(parseArgs(['--slo', '99.9', '--json', 'extra'], SPEC)).toEqual({ values: { slo: '99.9', json: true }, positionals: ['extra'] });
    expect(parseArgs(['--slo=99.95', '-h'], SPEC).values).toEqual({ slo: '99.95', help: true });
  });

  it('takes everything after -- as positional', () => {
    expect(parseArgs(['--json', '--', '--slo', 'x'], SPEC)).toEqual({ values: { json: true }, positionals: ['--slo', 'x'] });
  });

  it('collects a repeatable option in order, in both spellings, and still refuses other repeats', () => {
    const spec = { ...SPEC, fault: { type: 'string', description: 'fault', multiple: true } } satisfies OptionsSpec;
    const { values } = parseArgs(['--fault', 'a', '--slo', '99', '--fault=b', '--fault', 'c'], spec);
    const faults: string[] | undefined = values.fault;
    expect(faults).toEqual(['a', 'b', 'c']);
    expect(values.slo).toBe('99');
    expect(parseArgs([], spec).values.fault).toBeUndefined();
    expect(() => parseArgs(['--fault'], spec)).toThrow('option --fault needs a value');
    expect(() => parseArgs(['--slo', '1', '--fault', 'x', '--slo', '2'], spec)).toThrow('option --slo given twice');
  });

  it('accepts a value that starts with a single dash', () => {
    expect(parseArgs(['--slo', '-5'], SPEC).values.slo).toBe('-5');
  });

  it.each([
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--slo'], 'option --slo needs a value (PERCENT)'],
    [['--slo', '--json'], 'option --slo needs a value'],
    [['--slo='], 'option --slo needs a value'],
    [['--json=yes'], 'option --json takes no value'],
    [['--slo', '1', '--slo', '2'], 'option --slo given twice'],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPEC)).toThrow(message);
  });
});

describe('formatOptions', () => {
  it('lists every option with its value name and description, aligned', () => {
    const lines = formatOptions(SPEC).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {2}--slo PERCENT +target$/);
    expect(lines[2]).toMatch(/^ {2}-h, --help +help$/);
    expect(new Set(lines.map((l) => l.search(/ (target|json|help)$/))).size).toBe(1);
  });
});

describe('parseArgs and prototype names', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])('--%s is an unknown option, not "given twice"', (name) => {
    expect(() => parseArgs([`--${name}`, 'x'], SPEC)).toThrow(new UsageError(`unknown option --${name}`));
  });

  it('clips an overlong unknown option in the message', () => {
    expect(() => parseArgs([`--${'x'.repeat(100_000)}`], SPEC)).toThrow(`unknown option --${'x'.repeat(80)}…`);
  });
});

describe('numberOption', () => {
  const limits = { min: 0, max: 365, minExclusive: true, unit: 'days' };
  it('reads plain decimals within the limits', () => {
    expect(numberOption('days', '2.5', limits)).toBe(2.5);
    expect(numberOption('days', '365', limits)).toBe(365);
  });

  it.each(['0', '366', '-1', '1e3', 'NaN', 'Infinity', '9'.repeat(400), '', 'abc', '0x10'])('refuses %j, naming the range', (text) => {
    expect(() => numberOption('days', text, limits)).toThrow(new RegExp(`^--days must be a number above 0 and at most 365 days; got "`));
  });
});

describe('readJsonInput', () => {
  const io = (text: string): Io => ({ stdout: () => {}, stderr: () => {}, readFile: () => text });
  it('strips a BOM, and names the file in every problem', () => {
    expect(readJsonInput(io('\uFEFF{"a":1}'), 'x.json')).toEqual({ ok: true, value: { a: 1 } });
    expect(readJsonInput(io('{"a":1e400}'), 'x.json')).toEqual({ ok: false, error: 'x.json holds a number too large to represent at a (beyond ±1.8e308)' });
    const failing: Io = { ...io(''), readFile: () => { throw new Error('it is a directory; give a regular file'); } };
    expect(readJsonInput(failing, 'dir', '--config')).toEqual({ ok: false, error: 'cannot read --config "dir": it is a directory; give a regular file' });
  });
});
