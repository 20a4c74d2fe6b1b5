import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError, readTextFile } from './read-file';

let dir = '';
const at = (name: string) => join(dir, name);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-read-'));
  writeFileSync(at('bom.csv'), '\uFEFFt_seconds,error_ratio\n');
  writeFileSync(at('latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  writeFileSync(at('nul.txt'), 'a\u0000b');
  writeFileSync(at('big.txt'), 'x'.repeat(2048));
  mkdirSync(at('folder'));
  spawnSync('mkfifo', [at('fifo')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reason = (path: string, max = 1024) => {
  try {
    readTextFile(path, max);
    return 'read';
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as Error).message;
  }
};

describe('readTextFile', () => {
  it('reads a regular UTF-8 file without its BOM', () => {
    expect(readTextFile(at('bom.csv'), 1024)).toBe('t_seconds,error_ratio\n');
  });

  it('refuses, in words, what is not a small regular text file; a FIFO without waiting', () => {
    expect(reason(at('fifo'))).toBe('it is a pipe (FIFO); give a regular file');
    expect(reason(at('folder'))).toBe('it is a directory; give a regular file');
    expect(reason('/dev/zero')).toBe('it is a device; give a regular file');
    expect(reason(at('missing'))).toBe('no such file');
    expect(reason(at('big.txt'))).toBe('it is 2 KB; at most 1 KB is read');
    expect(reason(at('latin1.txt'))).toBe('it is not UTF-8 text (a binary file?)');
    expect(reason(at('nul.txt'))).toBe('it contains NUL bytes; expected text (a binary file?)');
  });

  it('never reads past the cap even when the size is not known up front (/proc files report 0)', () => {
    expect(reason('/proc/self/status', 16)).toBe('it is larger than 16 bytes, the most that is read');
  });
});
