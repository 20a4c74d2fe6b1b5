/**
 * Monaco, bundled (never from a CDN), for the exercise pages only: imported by the
 * `client:only="react"` workbench, so lessons never load it. Sets the web workers (Vite `?worker`
 * imports), TypeScript's compiler options (strict, ES2022, CommonJS output for the sandbox),
 * and transpiles a model with Monaco's own TypeScript worker (TypeScript 5.9.3, the version the
 * command-line grader pins).
 */
import 'monaco-editor/editor/editor.main';
import * as monaco from 'monaco-editor/editor/editor.api';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker();
  },
};

typescript.typescriptDefaults.setCompilerOptions({
  // Monaco's enum stops at ES2020; 9 is TypeScript's ScriptTarget.ES2022.
  target: 9 as typescript.ScriptTarget,
  module: typescript.ModuleKind.CommonJS,
  strict: true,
  noEmitOnError: false,
  esModuleInterop: false,
  isolatedModules: true,
  lib: ['es2022'],
  allowNonTsExtensions: true,
});
// The sandbox has no DOM: only the language (ES2022) and console, whose output goes to the browser's developer tools.
typescript.typescriptDefaults.addExtraLib(
  'declare var console: { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; table(data: unknown): void };',
  'file:///sandbox-globals.d.ts',
);
typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
typescript.typescriptDefaults.setEagerModelSync(true);

// Monaco's own themes with two contrast fixes (WCAG 4.5:1, flagged by axe): dark comments
// (#608b4e on #1e1e1e is 4.2:1) and faded "unnecessary" code (unused names), shown underlined instead.
const unnecessary = { 'editorUnnecessaryCode.opacity': '#000000ff', 'editorUnnecessaryCode.border': '#888888' };
monaco.editor.defineTheme('rlab-light', { base: 'vs', inherit: true, rules: [], colors: unnecessary });
monaco.editor.defineTheme('rlab-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '7ca668' }], colors: unnecessary });

export { monaco, typescript };

/** One problem TypeScript found, 1-based line and column. */
export interface CodeDiagnostic {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/** The transpiled module and the type errors, from Monaco's TypeScript worker. */
export interface TranspileResult {
  /** CommonJS, ES2022; empty when TypeScript could not emit. */
  js: string;
  diagnostics: CodeDiagnostic[];
}

const flatten = (text: string | { messageText: string; next?: unknown[] }): string =>
  typeof text === 'string' ? text : [text.messageText, ...((text.next as { messageText: string }[] | undefined) ?? []).map((n) => flatten(n))].join(' ');

/** Transpiles a model to CommonJS and collects its syntactic and semantic diagnostics. */
export async function transpile(model: monaco.editor.ITextModel): Promise<TranspileResult> {
  const getWorker = await typescript.getTypeScriptWorker();
  const worker = await getWorker(model.uri);
  const file = model.uri.toString();
  const [output, syntactic, semantic] = await Promise.all([worker.getEmitOutput(file), worker.getSyntacticDiagnostics(file), worker.getSemanticDiagnostics(file)]);
  const js = output.outputFiles.find((f) => f.name.endsWith('.js'))?.text ?? '';
  const diagnostics = [...syntactic, ...semantic].map((d): CodeDiagnostic => {
    const pos = model.getPositionAt(d.start ?? 0);
    return { line: pos.lineNumber, column: pos.column, message: flatten(d.messageText as never), severity: d.category === 1 ? 'error' : d.category === 0 ? 'warning' : 'info' };
  });
  return { js, diagnostics };
}

/** Monaco's theme for Starlight's current theme (`data-theme` on the root element). */
export function monacoThemeForPage(): 'rlab-light' | 'rlab-dark' {
  return document.documentElement.dataset.theme === 'light' ? 'rlab-light' : 'rlab-dark';
}
