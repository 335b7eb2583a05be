// A Vite plugin that fails `vite build` when any lesson or scenario file is
// malformed, listing every mistake as file:line:col. The parser is
// TypeScript under src/lessons; Vite's module runner loads it on demand, so
// the config itself stays small.
import { runnerImport } from 'vite';

/** @returns {import('vite').Plugin} */
export function lessonCheck() {
  return {
    name: 'authlab:lesson-check',
    apply: 'build',
    async buildStart() {
      const { module } = await runnerImport('./scripts/lesson-files.ts', { configFile: false, logLevel: 'error' });
      const { diagnostics } = module.parseFiles(module.lessonFiles());
      if (diagnostics.length > 0) {
        this.error(`Malformed lesson or scenario files:\n${diagnostics.map((/** @type {{ file: string, line: number, col: number, message: string }} */ d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n')}`);
      }
    },
  };
}
