/**
 * The scenario tests page's runs of the bundled lessons and scenario files,
 * each scenario in a fresh world registered with the MSW service worker.
 */
import { browserWorldHost, type Catalog } from './lesson-catalog';
import { createScenarioRuns, type RunTarget } from './scenario-runs';

export const catalogRuns = createScenarioRuns(browserWorldHost);

/** Every file of the catalog that parsed, in the catalog's order. */
export function runTargets(catalog: Catalog): RunTarget[] {
  return catalog.entries.flatMap((e) => (e.parsed ? [{ file: e.file, parsed: e.parsed }] : []));
}
