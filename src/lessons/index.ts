/**
 * src/lessons: lesson and scenario files → typed data (parser with
 * file:line:col diagnostics) → a runner that plays them against fresh
 * worlds. No Node or DOM APIs here: the host supplies file text and worlds.
 */
export * from './types';
export * from './diagnostics';
export * from './parse-lesson';
export * from './curriculum';
export * from './runner';
export * from './report-text';
export { ACTIONS, ACTORS, usagesOf } from './actions';
export { SUBJECTS } from './expectations';
export type { RunContext, Notebook } from './run-context';
