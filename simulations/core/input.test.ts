import { describe as group, expect, it } from 'vitest';
import { clip, describe, listProblems, MAX_JSON_DEPTH, moreProblems, parseJsonText, quote, terminalSafe } from './input';

group('clip and quote', () => {
  it('cut user input at 80 characters with an ellipsis, never inside a surrogate pair', () => {
    expect(clip('a'.repeat(50_000_000))).toBe(`${'a'.repeat(80)}…`);
    expect(clip('short')).toBe('short');
    const emoji = `${'a'.repeat(79)}😀tail`;
    expect(clip(emoji)).toBe(`${'a'.repeat(79)}…`);
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('show control characters, line breaks and bidi overrides as \\uXXXX, on one line', () => {
    expect(clip('a\nb\r\u001b[31mc\u202e')).toBe('a\\u000ab\\u000d\\u001b[31mc\\u202e');
  });
});

group('terminalSafe', () => {
  it('keeps tabs and newlines, makes every other control character visible, and keeps JSON valid', () => {
    const json = JSON.stringify({ text: 'ok\u009b31m\u007f' }, null, 2);
    const safe = terminalSafe(`${json}\n\tline\u001b[2J\r`);
    expect(safe).toBe(`${json.replace('\u009b', '\\u009b').replace('\u007f', '\\u007f')}\n\tline\\u001b[2J\\u000d`);
    expect(JSON.parse(terminalSafe(json))).toEqual({ text: 'ok\u009b31m\u007f' });
  });
});

group('describe', () => {
  it('names non-finite numbers (JSON.stringify says null) and bounds strings', () => {
    expect(describe(Infinity)).toBe('Infinity');
    expect(describe(-Infinity)).toBe('-Infinity');
    expect(describe(NaN)).toBe('NaN');
    expect(describe(undefined)).toBe('nothing');
    expect(describe('x'.repeat(1000))).toBe(`"${'x'.repeat(80)}…"`);
    expect(describe([1, 2])).toBe('[1,2]');
    expect(describe({ a: 'b' })).toBe('{"a":"b"}');
  });

  it('never throws and stays short, whatever the depth, size or getters', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(describe(deep)).toBe('[[[[…]]]]');
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]));
    expect(describe(wide).length).toBeLessThanOrEqual(84);
    const hostile = { get boom() {
      throw new Error('getter');
    } };
    expect(describe(hostile)).toBe('{"boom":undefined}');
  });
});

group('listProblems', () => {
  it('lists the first 20 and counts the rest, one line each, clipped', () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => `line ${i + 2}: bad`);
    const listed = listProblems(many);
    expect(listed).toHaveLength(21);
    expect(listed[19]).toBe('line 21: bad');
    expect(listed[20]).toBe(moreProblems(999_980));
    expect(listProblems(['x'.repeat(10_000)])[0]!.length).toBe(501);
    expect(listProblems(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('keeps the count a parser already appended', () => {
    const fromParser = [...Array.from({ length: 20 }, (_, i) => `p${i}`), moreProblems(500)];
    expect(listProblems(fromParser).at(-1)).toBe(moreProblems(500));
    expect(listProblems(fromParser, 5).at(-1)).toBe(moreProblems(515));
  });
});

group('parseJsonText', () => {
  it('strips a UTF-8 BOM', () => {
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels before parsing, with where`, () => {
    const r = parseJsonText('['.repeat(100_000) + ']'.repeat(100_000));
    expect(r).toEqual({ ok: false, error: `nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (at line 1, column ${MAX_JSON_DEPTH + 1}); at most ${MAX_JSON_DEPTH} are allowed` });
    expect(parseJsonText('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
    // Brackets inside strings do not count.
    expect(parseJsonText(JSON.stringify({ text: '['.repeat(1000) }))).toEqual({ ok: true, value: { text: '['.repeat(1000) } });
  });

  it('refuses numbers beyond doubles (JSON.parse makes them Infinity), naming the path', () => {
    expect(parseJsonText('{"traffic": {"rps": [1, 1e400]}}')).toEqual({ ok: false, error: 'holds a number too large to represent at traffic.rps[1] (beyond ±1.8e308)' });
    expect(parseJsonText('-1e999')).toEqual({ ok: false, error: 'holds a number too large to represent (beyond ±1.8e308)' });
  });

  it('says where the syntax breaks, and that an empty file is empty', () => {
    const r = parseJsonText('{\n  "a": 1,\n  b: 2\n}');
    expect(r.ok ? '' : r.error).toMatch(/^is not valid JSON \(line 3, column 3\): /);
    expect(parseJsonText('  \n')).toEqual({ ok: false, error: 'is empty; expected JSON' });
  });
});
