#!/usr/bin/env node
// Rewrites the settings tables in README.md and lessons/README.md from the settings schema: `npm run docs:settings`.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./scripts/settings-docs.ts', { configFile: false, logLevel: 'error' });
const changed = module.writeDocs();
console.log(changed.length ? `Updated ${changed.join(', ')}` : 'The settings tables were already up to date.');
