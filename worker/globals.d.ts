// What scripts/app-worker-plugin.mjs writes above worker/app-worker.js in the build.
declare const APP_PRECACHE: {
  /** Derived from the content of every cached file: a new build, a new cache. */
  version: string;
  /** Every file of the build, relative to the worker script. */
  files: string[];
};
