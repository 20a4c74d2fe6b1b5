/**
 * Checks the grader's tests apply to every report they produce: is an XML file well-formed
 * XML 1.0 (every character allowed, every reference valid, the structure parsed by the `sax`
 * parser in strict mode), and is a text meant for a terminal free of characters that move the
 * cursor, recolour or reorder what is shown. Written apart from `safe-text.ts`, which they check.
 */
import { createRequire } from 'node:module';

interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (tag: { name: string }) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
  resume(): SaxParser;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

/** XML 1.0's `Char` production, negated: one code point XML forbids (lone surrogates included). */
const notXmlChar = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** What makes `xml` not well-formed XML 1.0 (an empty list when it is), and its element names in order. */
export function xmlProblems(xml: string): { problems: string[]; elements: string[] } {
  const problems: string[] = [];
  const elements: string[] = [];
  const bad = xml.match(new RegExp(notXmlChar.source, 'gu')) ?? [];
  if (bad.length) problems.push(`characters XML 1.0 forbids: ${[...new Set(bad)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`);
  for (const m of xml.matchAll(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);|&/g)) {
    if (!m[1]) problems.push(`a bare & at ${m.index}`);
    else if (m[1].startsWith('#')) {
      const cp = m[1][1] === 'x' ? parseInt(m[1].slice(2), 16) : parseInt(m[1].slice(1), 10);
      if (cp > 0x10ffff || notXmlChar.test(String.fromCodePoint(cp))) problems.push(`a reference to a character XML forbids: &${m[1]};`);
    } else if (!['amp', 'lt', 'gt', 'quot', 'apos'].includes(m[1])) problems.push(`an undeclared entity &${m[1]};`);
  }
  const parser = sax.parser(true);
  parser.onerror = (e) => {
    problems.push(`sax: ${e.message.split('\n')[0]}`);
    parser.resume();
  };
  parser.onopentag = (tag) => elements.push(tag.name);
  parser.write(xml).close();
  return { problems, elements };
}

/** Characters a terminal acts on or that reorder text: C0/C1 controls but newline and tab, lone surrogates, bidi controls. */
export const terminalUnsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\p{Cs}/u;
