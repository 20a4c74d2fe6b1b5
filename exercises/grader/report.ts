/**
 * Grader reports in the formats graders already use: plain text, JSON, Gradescope's
 * `results.json` and JUnit XML. Points per test come from the exercise's metadata.
 */
import type { SubmissionReport } from './grade';

/** The report formats. */
export const formats = ['text', 'json', 'gradescope', 'junit'] as const;
/** A report format. */
export type Format = (typeof formats)[number];

const statusWord = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', timeout: 'TIMEOUT', 'not-run': 'NOT RUN' } as const;

/** A readable summary: one block per submission, one line per test, and the totals. */
export function textReport(reports: SubmissionReport[], isolation: string): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.learner} (${r.file}): ${r.points}/${r.maxPoints} points, ${r.passed}/${r.total} tests passed`);
    if (r.problem) lines.push(`  ! ${r.problem}`);
    for (const t of r.tests) lines.push(`  ${statusWord[t.status].padEnd(7)} ${t.visibility === 'hidden' ? '[hidden] ' : ''}${t.name} (${t.points}/${t.maxPoints})${t.status === 'passed' ? '' : `\n          ${t.message}`}`);
    if (r.stdout) lines.push(`  stdout: ${r.stdout.replace(/\n/g, '\n          ')}`);
    lines.push('');
  }
  const points = reports.reduce((s, r) => s + r.points, 0);
  const max = reports.reduce((s, r) => s + r.maxPoints, 0);
  lines.push(`${reports.length} submission${reports.length === 1 ? '' : 's'}, ${points}/${max} points in all. Isolation: ${isolation}.`);
  return lines.join('\n') + '\n';
}

/** Plain JSON: everything, for scripts. */
export function jsonReport(reports: SubmissionReport[], isolation: string): string {
  return JSON.stringify({ isolation, submissions: reports }, null, 2) + '\n';
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
  return {
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
  };
}

/** Gradescope JSON: one `results.json` object, or an object of them keyed by file when several. */
export function gradescopeReport(reports: SubmissionReport[], isolation?: string): string {
  const value = reports.length === 1 ? gradescopeResult(reports[0]!, isolation) : Object.fromEntries(reports.map((r) => [r.file, gradescopeResult(r, isolation)]));
  return JSON.stringify(value, null, 2) + '\n';
}

const xml = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * JUnit XML: a testsuite per submission, a testcase per test, failures and errors with messages;
 * the isolation used, when given, as a property of each suite.
 */
export function junitReport(reports: SubmissionReport[], isolation?: string): string {
  const properties = isolation ? `\n    <properties><property name="isolation" value="${xml(isolation)}"/></properties>` : '';
  const suites = reports.map((r) => {
    const failures = r.tests.filter((t) => t.status === 'failed').length;
    const errors = r.tests.filter((t) => t.status !== 'failed' && t.status !== 'passed').length;
    const cases = r.tests.map((t) => {
      const attrs = `classname="${xml(`${r.exercise}.${r.learner}`)}" name="${xml(`${t.id}: ${t.name}`)}" time="0"`;
      if (t.status === 'passed') return `    <testcase ${attrs}/>`;
      const tag = t.status === 'failed' ? 'failure' : 'error';
      return `    <testcase ${attrs}>\n      <${tag} message="${xml(t.message)}" type="${t.status}">${xml(t.message)}</${tag}>\n    </testcase>`;
    });
    const out = r.stdout ? `\n    <system-out>${xml(r.stdout)}</system-out>` : '';
    return `  <testsuite name="${xml(`${r.exercise}: ${r.learner}`)}" tests="${r.total}" failures="${failures}" errors="${errors}" time="${(r.ms / 1000).toFixed(3)}">${properties}\n${cases.join('\n')}${out}\n  </testsuite>`;
  });
  const tests = reports.reduce((s, r) => s + r.total, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${tests}">\n${suites.join('\n')}\n</testsuites>\n`;
}
