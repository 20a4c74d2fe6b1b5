import { describe, expect, it } from 'vitest';
import { formatOptions, parseArgs, UsageError, type OptionsSpec } from './command';

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
