/**
 * Turns a submission's TypeScript into the CommonJS JavaScript the sandbox loads, with the same
 * TypeScript version Monaco bundles (5.9.3, pinned). Syntax errors are reported with line and
 * column; type errors do not stop grading (the tests decide).
 */
import ts from 'typescript';

/** The result of transpiling: code, or the syntax errors that prevent running it. */
export type Transpiled = { ok: true; code: string } | { ok: false; errors: string[] };

/** Transpiles one file's text. */
export function transpileSubmission(source: string, fileName = 'submission.ts'): Transpiled {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, esModuleInterop: false, sourceMap: false },
  });
  const errors = (out.diagnostics ?? [])
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${where ? `line ${where.line + 1}, column ${where.character + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  return errors.length ? { ok: false, errors } : { ok: true, code: out.outputText };
}

/** The TypeScript version used (for reports). */
export const typescriptVersion = ts.version;
