#!/usr/bin/env node
// Runs lesson/scenario files: `npm run scenario -- lessons/02-server-side-sessions.md`.
// The runner is TypeScript under src/; Vite's module runner loads it without a build.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./scripts/scenario-cli.ts', { configFile: false, logLevel: 'error' });
process.exitCode = await module.main(process.argv.slice(2));
