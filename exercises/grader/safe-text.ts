/**
 * Learner text (what a submission prints, throws or returns, and its file name) made safe for
 * each place the grader writes it: a terminal line, a text report, XML 1.0, JSON for other
 * programs, a file name. Characters that could forge report lines, move the cursor, reorder the
 * display or make a file unreadable are shown as visible escapes (`\n`, `\u001b`, `\ud800`) or
 * replaced; everything else is kept as it was.
 */

const hex = (cp: number) => (cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\u{${cp.toString(16)}}`);
const named: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

/** Replaces each code point `unsafe` picks by a visible escape (`\n`, `\u001b`, `\ud800`). */
function escapeCodePoints(text: string, unsafe: (cp: number) => boolean): string {
  let out = '';
  // for...of walks code points: a lone surrogate comes out on its own, a pair as one.
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += unsafe(cp) ? (named[cp] ?? hex(cp)) : ch;
  }
  return out;
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
/** Unicode noncharacters: U+FDD0..U+FDEF and the last two of every plane (U+FFFE, U+FFFF, U+1FFFF...). */
const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
/** C0 and C1 controls and DEL (ESC starts terminal escape sequences; CR and NEL move the cursor). */
const isControl = (cp: number) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
/** Invisible characters that change the order or layout of what a terminal shows. */
const isLayoutControl = (cp: number) => cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x2028 || cp === 0x2029;

/** Whether XML 1.0 allows a code point at all (its `Char` production). */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Well-formed Unicode: each lone surrogate becomes U+FFFD. JSON may escape a lone surrogate
 * (`"\ud800"`), but I-JSON (RFC 7493) forbids it and many readers reject or mangle it (Rust's
 * serde_json refuses the file, Python can parse it but not write it out as UTF-8).
 */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * One line for a terminal or a text report: every control character (newline included),
 * lone surrogate, noncharacter and bidirectional or line-separator control as a visible escape.
 */
export function terminalLine(text: string): string {
  return escapeCodePoints(text, (cp) => isControl(cp) || isSurrogate(cp) || isNoncharacter(cp) || isLayoutControl(cp));
}

/**
 * Several lines of learner text for a text report: each line escaped as by `terminalLine` (tabs
 * kept) and started with `prefix`, so no line of it can pass for a line of the report.
 */
export function terminalBlock(text: string, prefix: string): string {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => prefix + escapeCodePoints(line, (cp) => (isControl(cp) && cp !== 0x9) || isSurrogate(cp) || isNoncharacter(cp) || isLayoutControl(cp))).join('\n');
}

/**
 * Text for a JSON report read by another service (Gradescope): well-formed, and without the
 * controls a database or web page mishandles (NUL, ESC, bidirectional overrides...), which
 * become visible escapes; newlines and tabs are kept.
 */
export function serviceText(text: string): string {
  return escapeCodePoints(text, (cp) => (isControl(cp) && cp !== 0x9 && cp !== 0xa) || isSurrogate(cp) || isNoncharacter(cp) || isLayoutControl(cp));
}

/** XML element content: characters XML 1.0 forbids or discourages as visible escapes, then `&`, `<`, `>` escaped. */
export function xmlText(text: string): string {
  return escapeCodePoints(text, (cp) => !isXmlChar(cp) || (isControl(cp) && cp !== 0x9 && cp !== 0xa && cp !== 0xd) || isNoncharacter(cp))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An XML attribute value in double quotes: as `xmlText`, plus `"`; tabs and line breaks become spaces (what a parser makes of them anyway). */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/[\t\n\r]/g, ' ');
}

/** Longest file name part we make, in UTF-8 bytes (file systems allow 255 for the whole name). */
const maxFileNameBytes = 180;

/**
 * A name usable as (part of) a file name on Linux, macOS and Windows: path separators become
 * `__`, characters that are invisible, control the terminal or are reserved on Windows become
 * `_`, a leading dot is replaced (no hidden files), and the name is cut to 180 UTF-8 bytes.
 */
export function safeFileName(name: string): string {
  let safe = wellFormed(name)
    .replace(/[/\\]/g, '__')
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff]/g, '_')
    .replace(/^\./, '_')
    .replace(/[. ]+$/, (m) => '_'.repeat(m.length));
  while (Buffer.byteLength(safe) > maxFileNameBytes) safe = Array.from(safe).slice(0, -1).join('');
  return safe || '_';
}
