/**
 * One TypeScript: the browser type-checks and transpiles with the TypeScript Monaco bundles, the
 * command-line grader with the `typescript` package. They must be the same version.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));

describe('TypeScript versions', () => {
  it('Monaco bundles the same TypeScript as the grader uses', () => {
    const monacoDir = join(root, 'node_modules', 'monaco-editor', 'esm', 'vs', 'languages', 'features', 'typescript', 'lib');
    const metadata = readFileSync(join(monacoDir, 'typescriptServicesMetadata.js'), 'utf8');
    const monacoTs = /typescriptVersion = "([^"]+)"/.exec(metadata)?.[1];
    // The bundled compiler itself says so too.
    const services = readFileSync(join(monacoDir, 'typescriptServices.js'), 'utf8');
    const compiled = /\bversion = "(\d+\.\d+\.\d+[^"]*)"/.exec(services)?.[1];
    const cli = (require('typescript/package.json') as { version: string }).version;
    const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.typescript;
    expect(monacoTs).toMatch(/^\d+\.\d+\.\d+/);
    expect(compiled).toBe(monacoTs);
    expect(cli).toBe(monacoTs);
    expect(pinned).toBe(monacoTs);
  });
});
