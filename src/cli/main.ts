#!/usr/bin/env node
// Entry point of the `divbot` binary. Long-running commands (run, fakes) keep the event loop
// alive and exit on their own; the others end here with their exit code.
import { main } from './cli.js';

process.exitCode = await main(process.argv);
