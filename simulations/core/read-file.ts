/**
 * Reading a file a user named on the command line (Node only): regular files only (a FIFO would
 * block for ever, /dev/zero never ends, a directory is no input), at most `maxBytes`, UTF-8 with
 * any byte order mark removed. Failures are `InputFileError`s with one plain sentence.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { stripBom } from './input';

/** A file that cannot be used as input; the message says why in words. */
export class InputFileError extends Error {
  override name = 'InputFileError';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
};

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`);

/**
 * Reads a regular file of at most `maxBytes` as UTF-8 text. Opens without blocking (so a FIFO is
 * refused, not waited on), checks the opened file itself, and never reads more than `maxBytes + 1`
 * bytes even if the file grows or lies about its size.
 */
export function readTextFile(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new InputFileError(REASONS[code] ?? (e instanceof Error ? e.message : String(e)));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputFileError(`it is ${kindOf(stat)}; give a regular file`);
    if (stat.size > maxBytes) throw new InputFileError(`it is ${size(stat.size)}; at most ${size(maxBytes)} is read`);
    // Read in chunks up to maxBytes + 1: the size fstat reports may be 0 (/proc) or out of date.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(maxBytes + 1 - length, 1024 * 1024));
      if (chunk.length === 0) break;
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
    }
    if (length > maxBytes) throw new InputFileError(`it is larger than ${size(maxBytes)}, the most that is read`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, length));
    } catch {
      throw new InputFileError('it is not UTF-8 text (a binary file?)');
    }
    if (text.includes('\u0000')) throw new InputFileError('it contains NUL bytes; expected text (a binary file?)');
    return stripBom(text);
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new InputFileError(REASONS[code] ?? (e instanceof Error ? e.message : String(e)));
  } finally {
    closeSync(fd);
  }
}
