/** Where Prometheus's `promtool` is on this machine (for the tests that use it as a peer), or null. */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** `/usr/bin/promtool` (Debian's package) or the first `promtool` on PATH; null when absent. */
export function findPromtool(): string | null {
  if (existsSync('/usr/bin/promtool')) return '/usr/bin/promtool';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'promtool'))) return join(dir, 'promtool');
  }
  return null;
}
