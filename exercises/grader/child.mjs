// @ts-check
/**
 * The submission's process: reads { nonce, code, probes } from stdin, runs the sandbox runner
 * and writes one line per message to file descriptor 3 (never stdout: what the submission
 * prints is data, not protocol). Each line starts with the nonce, which the submission never
 * sees, so it cannot forge a result line. Started by `isolate.ts` under Node's permission model.
 */
import { writeSync } from 'node:fs';
import { runSubmission } from '../../src/lib/grading/sandbox-runner.mjs';

const write = writeSync;
const stringify = JSON.stringify;
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  /** @type {{ nonce: string, code: string, probes: import('../../src/lib/grading/sandbox-runner.mjs').Probe[] }} */
  const job = JSON.parse(input);
  input = '';
  const nonce = job.nonce;
  job.nonce = '';
  const post = (/** @type {unknown} */ message) => write(3, `${nonce} ${stringify(message)}\n`);
  runSubmission(job.code, job.probes, post).then(
    () => process.exit(0),
    (e) => {
      post({ type: 'load-error', error: String(e) });
      process.exit(0);
    },
  );
});
