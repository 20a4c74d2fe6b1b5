/**
 * `rlab rules`: prints (or writes) the Prometheus recording and alerting rules for the
 * multiwindow, multi-burn-rate alerts the `burn-rate` simulator evaluates, with the same factors.
 */
import { statSync, writeFileSync } from 'node:fs';
import { formatOptions, parseArgs, UsageError, type Command, type OptionsSpec } from '../core/command';
import { formatWindow, parseDuration } from '../core/duration';
import { clip, quote } from '../core/input';
import { MAX_PERIOD_SECONDS, MIN_PERIOD_SECONDS } from './model';
import { prometheusRuleSpec, rulesYaml } from './rules';

const OPTIONS = {
  slo: { type: 'string', valueName: 'PERCENT', description: 'SLO target in percent, e.g. 99.95 (default 99.9, as the lesson)' },
  period: { type: 'string', valueName: 'DURATION', description: 'SLO period from 1d to 365d, e.g. 28d (default 30d)' },
  service: { type: 'string', valueName: 'NAME', description: 'value of the counter\'s "service" label, e.g. payment-api (required)' },
  sloth: { type: 'boolean', description: "add Sloth's 1d/2h ticket pair (3x on 30 days)" },
  runbook: { type: 'string', valueName: 'URL', description: 'runbook_url annotation (default https://runbooks.example.com/slo/NAME)' },
  out: { type: 'string', valueName: 'FILE', description: 'write the rules to FILE instead of printing them' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab rules --service NAME [--slo PERCENT] [--period DURATION] [options]

Prints a Prometheus rule file for an availability SLO measured by the counter
http_requests_total{service="NAME",code="..."} (5xx responses are errors):

  - recording rules slo:sli_error:ratio_rate5m, _rate30m, _rate1h, _rate2h, _rate6h, _rate1d
    and _rate3d (the error ratio over each window), labelled sloth_service and sloth_window;
  - ErrorBudgetBurnPage: 1h and 5m above 14.4x the budget, or 6h and 30m above 6x;
  - ErrorBudgetBurnTicket: 3d and 6h above 1x (with --sloth, or 1d and 2h above 3x).

Factors are those of \`rlab burn-rate\` (2%, 5% and 10% of the budget, scaled to the period:
13.44, 5.6, 0.9333 and 2.8 on 28 days). Comparisons are strict (>), there is no \`for:\`.
Check the file with \`promtool check rules FILE\`.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 done, 1 the --out file cannot be written, 2 bad arguments.

Examples:
  rlab rules --slo 99.9 --period 30d --service payment-api
  rlab rules --slo 99.95 --period 28d --service checkout --sloth --out checkout-slo.rules.yml
`;

function parsePercent(text: string): number {
  const m = /^(\d{1,3}(?:\.\d{1,15})?)%?$/.exec(text.trim());
  const value = m ? Number(m[1]) : NaN;
  if (!(value > 0 && value < 100)) throw new UsageError(`--slo must be a percentage between 0 and 100 (exclusive), e.g. 99.9; got ${quote(text)}`);
  return value;
}

/** Writes `text` to `path` with Node, refusing anything but a regular file (writing to a FIFO with no reader would block for ever). */
export function writeRegularFile(path: string, text: string): void {
  let existing: import('node:fs').Stats | undefined;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined; // a new file
  }
  if (existing && !existing.isFile()) throw new Error(existing.isDirectory() ? 'it is a directory' : 'it exists and is not a regular file (a device, pipe or socket)');
  writeFileSync(path, text, 'utf8');
}

/** The `rules` subcommand, writing `--out` files with `writeFile` (injected for tests). */
export function createRulesCommand(writeFile: (path: string, text: string) => void): Command {
  return {
    name: 'rules',
    summary: 'print Prometheus recording and alerting rules for SLO burn-rate alerts',
    run(argv, io) {
      const { values, positionals } = parseArgs(argv, OPTIONS);
      if (values.help) {
        io.stdout(USAGE);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
      if (values.service === undefined) throw new UsageError('missing --service NAME, e.g. --service payment-api');
      const sloPercent = parsePercent(values.slo ?? '99.9');
      let periodSeconds = 30 * 86_400;
      if (values.period !== undefined) {
        const p = parseDuration(values.period);
        if (p === null || !(p >= MIN_PERIOD_SECONDS && p <= MAX_PERIOD_SECONDS)) {
          throw new UsageError(`--period must be a duration from ${formatWindow(MIN_PERIOD_SECONDS)} to ${formatWindow(MAX_PERIOD_SECONDS)}, like 30d or 28d; got ${quote(values.period)}`);
        }
        periodSeconds = p;
      }
      let spec;
      try {
        spec = prometheusRuleSpec({
          sloPercent,
          periodSeconds,
          service: values.service,
          sloth: values.sloth === true,
          ...(values.runbook === undefined ? {} : { runbookUrl: values.runbook }),
        });
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(e.message);
        throw e;
      }
      const yaml = rulesYaml(spec);
      if (values.out === undefined) {
        io.stdout(yaml);
        return 0;
      }
      try {
        writeFile(values.out, yaml);
      } catch (e) {
        io.stderr(`rlab rules: cannot write --out ${quote(values.out)}: ${clip(e instanceof Error ? e.message : String(e), 200)}\n`);
        return 1;
      }
      io.stdout(`Wrote ${spec.recordings.length} recording rules and ${spec.alerts.length} alerts to ${values.out}\n`);
      return 0;
    },
  };
}

/** `rlab rules`, writing files with Node. */
export const rulesCommand: Command = createRulesCommand(writeRegularFile);
