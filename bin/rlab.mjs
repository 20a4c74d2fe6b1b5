#!/usr/bin/env node
// `rlab`: runs simulations/cli.ts through tsx, so the CLI and the site share one TypeScript model.
import { register } from 'tsx/esm/api';

// `rlab ... | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../simulations/cli.ts');
process.exitCode = await main(process.argv.slice(2));
