/**
 * Every TypeScript block in a lesson compiles on its own, as a strict module.
 * (`astro check` does not look inside MDX code fences, so this test is the only guard.)
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadLessons } from './lessons';

const options: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  exactOptionalPropertyTypes: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  noEmit: true,
  skipLibCheck: true,
};

const lessons = loadLessons();
const blocks = lessons.flatMap((lesson) =>
  lesson.codeBlocks
    .filter((b) => b.lang === 'ts' || b.lang === 'typescript')
    .map((b) => ({ name: `/lessons/${lesson.folder}/line-${b.line}.ts`, where: `${lesson.path}:${b.line}`, code: b.code })),
);

/** Compiles all blocks in one program (each its own module) and groups diagnostics by block. */
function compileAll(): Map<string, string[]> {
  const files = new Map(blocks.map((b) => [b.name, b.code]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.getSourceFile = (f, lang, onError) =>
    files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile(f, lang, onError);
  const program = ts.createProgram([...files.keys()], options, host);
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName ?? '(global)';
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const at = pos ? `block line ${pos.line + 1}: ` : '';
    byFile.set(name, [...(byFile.get(name) ?? []), at + ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return byFile;
}

describe('TypeScript in lessons', () => {
  const diagnostics = compileAll();

  it('finds code to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('reports no global errors', () => {
    expect(diagnostics.get('(global)') ?? []).toEqual([]);
  });

  it.each(blocks.map((b) => [b.where, b] as const))('%s compiles', (_where, block) => {
    expect(diagnostics.get(block.name) ?? []).toEqual([]);
  });

  it('catches a type error (the check can fail)', () => {
    const program = ts.createProgram(['/probe.ts'], options, {
      ...ts.createCompilerHost(options),
      getSourceFile: (f, lang) =>
        f === '/probe.ts'
          ? ts.createSourceFile(f, 'export const minutes: number = "43.2";', lang)
          : ts.createCompilerHost(options).getSourceFile(f, lang),
      fileExists: (f) => f === '/probe.ts' || ts.sys.fileExists(f),
    });
    expect(ts.getPreEmitDiagnostics(program).length).toBeGreaterThan(0);
  });
});
