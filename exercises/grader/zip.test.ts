/**
 * The zip writer: what it writes reads back byte for byte (central directory parsed, each file
 * inflated and its CRC checked), keeps Unix permissions, and `unzip -t` accepts it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../simulations/core/rng';
import { crc32, createZip, readZip, type ZipEntry } from './zip';

const noise = createRng('zip noise');
const entries: ZipEntry[] = [
  { name: 'run_autograder', data: '#!/usr/bin/env bash\necho graded\n', mode: 0o755 },
  { name: 'notes/readme.txt', data: 'all work and no play '.repeat(200) }, // compresses: deflated
  { name: 'noise.bin', data: Uint8Array.from({ length: 300 }, () => Math.floor(noise() * 256)) }, // does not: stored
  { name: 'empty.txt', data: '' },
  { name: 'naïve/ünïcode.md', data: 'names are UTF-8' },
];
const bytes = (d: Uint8Array | string) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : Buffer.from(d));

describe('zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('reads back every file with the same name, bytes and mode, deflating only what shrinks', () => {
    const files = readZip(createZip(entries));
    expect(files.map((f) => f.name)).toEqual(entries.map((e) => e.name));
    files.forEach((f, i) => {
      expect(f.data.equals(bytes(entries[i]!.data)), f.name).toBe(true);
      expect(f.mode, f.name).toBe(entries[i]!.mode ?? 0o644);
    });
    expect(files.find((f) => f.name === 'notes/readme.txt')!.method).toBe(8);
    expect(files.find((f) => f.name === 'noise.bin')!.method).toBe(0);
  });

  it('writes the same bytes for the same files', () => {
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
  });

  it('refuses names that would escape the folder and repeated names', () => {
    expect(() => createZip([{ name: '../x', data: '' }])).toThrow(/bad zip entry name/);
    expect(() => createZip([{ name: '/etc/x', data: '' }])).toThrow(/bad zip entry name/);
    expect(() => createZip([{ name: 'a', data: '' }, { name: 'a', data: '' }])).toThrow(/given twice/);
  });

  it('detects a corrupted file', () => {
    const zip = createZip([{ name: 'a.txt', data: 'plain text stored as is' }]);
    const at = 30 + 'a.txt'.length + 3; // a byte of the stored data
    zip[at] = zip[at]! ^ 0xff;
    expect(() => readZip(zip)).toThrow(/CRC-32 mismatch/);
  });

  const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (!hasUnzip) console.warn('zip.test.ts: `unzip` is not installed, so the check with `unzip -t` is skipped');
  it.runIf(hasUnzip)('passes `unzip -t` (skipped when unzip is not installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlab-zip-'));
    try {
      writeFileSync(join(dir, 'test.zip'), createZip(entries));
      const r = spawnSync('unzip', ['-t', join(dir, 'test.zip')], { encoding: 'utf8' });
      expect(r.stdout).toContain('No errors detected');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
