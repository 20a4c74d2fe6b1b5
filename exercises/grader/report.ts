/**
 * Grader reports in the formats graders already use: plain text, JSON, Gradescope's
 * `results.json` and JUnit XML. Points per test come from the exercise's metadata.
 */
import type { SubmissionReport } from './grade';
import { serviceText, terminalBlock, terminalLine, wellFormed, xmlAttribute, xmlText } from './safe-text';

/** The report formats. */
export const formats = ['text', 'json', 'gradescope', 'junit'] as const;
/** A report format. */
export type Format = (typeof formats)[number];

const statusWord = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', timeout: 'TIMEOUT', 'not-run': 'NOT RUN' } as const;

/**
 * A readable summary: one block per submission, one line per test, and the totals. Learner text
 * (file names, messages, what the submission printed) has its control characters shown as
 * escapes, and printed output is kept behind a `|` margin, so no submission can add or hide a line.
 */
export function textReport(reports: SubmissionReport[], isolation: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${terminalLine(r.learner)} (${terminalLine(r.file)}): ${r.points}/${r.maxPoints} points, ${r.passed}/${r.total} tests passed`);
    if (r.problem) lines.push(`  ! ${terminalLine(r.problem)}`);
    for (const t of r.tests) lines.push(`  ${statusWord[t.status].padEnd(7)} ${t.visibility === 'hidden' ? '[hidden] ' : ''}${terminalLine(t.name)} (${t.points}/${t.maxPoints})${t.status === 'passed' ? '' : `\n          ${terminalLine(t.message)}`}`);
    if (r.stdout) lines.push('  stdout of the submission:', terminalBlock(r.stdout, '    | '));
    lines.push('');
  }
  const points = reports.reduce((s, r) => s + r.points, 0);
  const max = reports.reduce((s, r) => s + r.maxPoints, 0);
  lines.push(`${reports.length} submission${reports.length === 1 ? '' : 's'}, ${points}/${max} points in all. Isolation: ${isolation}.`);
  return lines.join('\n') + '\n';
}

/** One progress line for stderr: the learner, the score and the problem if any, on one line whatever the learner's text holds. */
export function progressLine(done: number, total: number, r: SubmissionReport): string {
  return `[${done}/${total}] ${terminalLine(r.learner)}: ${r.points}/${r.maxPoints}${r.problem ? ` (${terminalLine(r.problem)})` : ''}\n`;
}

/** JSON.stringify that writes every string as well-formed Unicode (no lone surrogates: I-JSON, RFC 7493). */
function wellFormedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? wellFormed(v) : v), 2) + '\n';
}

/**
 * Plain JSON: everything, for scripts. Strings are kept as they were (JSON escapes control
 * characters), except lone surrogates, which become U+FFFD so that any JSON reader accepts the file.
 */
export function jsonReport(reports: SubmissionReport[], isolation: string): string {
  return wellFormedJson({ isolation, submissions: reports });
}

/** The isolation description's warning (e.g. no network isolation), if it has one. */
export function isolationWarning(isolation: string | undefined): string | undefined {
  const at = isolation?.indexOf('WARNING') ?? -1;
  return at < 0 ? undefined : isolation!.slice(at);
}

/**
 * Gradescope's `results.json` for one submission: `score`, `execution_time` (s), `output`, and
 * `tests` with `name`, `score`, `max_score`, `status` ("passed"/"failed"), `output`, `visibility`
 * (hidden tests are shown "after_published"). `output` ends with the isolation warning, if any.
 */
export function gradescopeResult(r: SubmissionReport, isolation?: string): Record<string, unknown> {
  const warning = isolationWarning(isolation);
  const result = {
    score: r.points,
    max_score: r.maxPoints,
    execution_time: Math.round(r.ms / 100) / 10,
    output: `${r.problem ? `Could not grade: ${r.problem}` : `${r.passed} of ${r.total} tests passed.`}${warning ? ` ${warning}.` : ''}`,
    stdout_visibility: 'hidden',
    tests: r.tests.map((t) => ({
      name: `${t.task}. ${t.name}`,
      number: t.id,
      score: t.points,
      max_score: t.maxPoints,
      status: t.status === 'passed' ? 'passed' : 'failed',
      output: t.message,
      visibility: t.visibility === 'hidden' ? 'after_published' : 'visible',
    })),
    // Learner text is shown as plain text, never as HTML or Markdown.
    output_format: 'text',
    test_output_format: 'text',
  };
  return JSON.parse(JSON.stringify(result, (_key, v: unknown) => (typeof v === 'string' ? serviceText(v) : v))) as Record<string, unknown>;
}

/**
 * Gradescope JSON: one `results.json` object, or an object of them keyed by file when several.
 * Strings are well-formed and free of controls a web service mishandles (`serviceText`).
 */
export function gradescopeReport(reports: SubmissionReport[], isolation?: string): string {
  const value = reports.length === 1 ? gradescopeResult(reports[0]!, isolation) : Object.fromEntries(reports.map((r) => [serviceText(r.file), gradescopeResult(r, isolation)]));
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * JUnit XML: a testsuite per submission, a testcase per test, failures and errors with messages;
 * the isolation used, when given, as a property of each suite. Always well-formed XML 1.0:
 * characters it forbids (controls, lone surrogates, U+FFFE/U+FFFF) are written as visible escapes.
 */
export function junitReport(reports: SubmissionReport[], isolation?: string): string {
  const properties = isolation ? `\n    <properties><property name="isolation" value="${xmlAttribute(isolation)}"/></properties>` : '';
  const suites = reports.map((r) => {
    const failures = r.tests.filter((t) => t.status === 'failed').length;
    const errors = r.tests.filter((t) => t.status !== 'failed' && t.status !== 'passed').length;
    const cases = r.tests.map((t) => {
      const attrs = `classname="${xmlAttribute(`${r.exercise}.${r.learner}`)}" name="${xmlAttribute(`${t.id}: ${t.name}`)}" time="0"`;
      if (t.status === 'passed') return `    <testcase ${attrs}/>`;
      const tag = t.status === 'failed' ? 'failure' : 'error';
      return `    <testcase ${attrs}>\n      <${tag} message="${xmlAttribute(t.message)}" type="${t.status}">${xmlText(t.message)}</${tag}>\n    </testcase>`;
    });
    const out = `${r.stdout ? `\n    <system-out>${xmlText(r.stdout)}</system-out>` : ''}${r.stderr ? `\n    <system-err>${xmlText(r.stderr)}</system-err>` : ''}`;
    return `  <testsuite name="${xmlAttribute(`${r.exercise}: ${r.learner}`)}" tests="${r.total}" failures="${failures}" errors="${errors}" time="${(r.ms / 1000).toFixed(3)}">${properties}\n${cases.join('\n')}${out}\n  </testsuite>`;
  });
  const tests = reports.reduce((s, r) => s + r.total, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${tests}">\n${suites.join('\n')}\n</testsuites>\n`;
}
