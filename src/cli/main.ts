#!/usr/bin/env node
// Entry point of the `divbot` binary. Long-running commands (run, fakes) keep the event loop
// alive and exit on their own; the others end here with their exit code.
import { main } from './cli.js';

// `divbot indicators | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv);
