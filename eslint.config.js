// ESLint flat config. Besides typescript-eslint's recommended rules it enforces
// the layer rules of DESIGN.md with core rules only (no extra plugins):
//   src/ui → src/app → src/lessons, src/machines → src/server → src/sim
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SEE = 'see DESIGN.md layers';
const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx'];

/** Layers and which other layers each may import (imports point down only). */
const LAYERS = {
  sim: [],
  server: ['sim'],
  machines: ['sim', 'server'],
  lessons: ['sim', 'server', 'machines'],
  app: ['sim', 'server', 'machines', 'lessons'],
  ui: ['sim', 'server', 'machines', 'lessons', 'app'],
};
const REACT_OK = ['app', 'ui'];
const MSW_OK = ['server', 'app', 'ui'];

// Import sources as regexes (core no-restricted-imports matches them case-insensitively).
const REACT = [
  '^react(?:-dom)?(?:/|$)',
  '^@xstate/react(?:/|$)',
  // zustand's main entry is the React hook API; only zustand/vanilla(+middleware) is React-free.
  '^zustand(?:$|/(?:react|traditional|shallow)(?:/|$))',
];
const MSW = ['^msw(?:/|$)', '^@mswjs/'];
/** `../app/x`, `../../app/x`, `../../src/app`, `/src/app/x`, `src/app/x`. */
const layerImport = (names) =>
  `^(?:(?:\\.\\./)+(?:src/)?|/?src/|.*/src/)(?:${names.join('|')})(?:/|$)`;

/** esquery regex literals may not contain '/', so spell it \x2F. */
const dynamicImport = (regex, message) => ({
  selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/i]`,
  message: `${message} (dynamic import)`,
});

// src/sim runs on a virtual clock with injected randomness and no DOM.
const SIM_PURE = 'src/sim is the pure world';
const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location'];
const TIMERS = ['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame'];
const simGlobals = [
  ...DOM_GLOBALS.map((name) => ({
    name,
    message: `${SIM_PURE}: no DOM (${name}); take what you need as a parameter — ${SEE}.`,
  })),
  ...TIMERS.map((name) => ({
    name,
    message: `${SIM_PURE}: no real timers (${name}); schedule on the virtual clock (src/sim/clock.ts) — ${SEE}.`,
  })),
  { name: 'performance', message: `${SIM_PURE}: no real time (performance); use the virtual clock — ${SEE}.` },
];
const simProperties = [
  { object: 'Date', property: 'now', message: `${SIM_PURE}: no Date.now(); read the virtual clock — ${SEE}.` },
  { object: 'Math', property: 'random', message: `${SIM_PURE}: no Math.random(); use the injected random source — ${SEE}.` },
  // globalThis.window etc. would dodge no-restricted-globals.
  ...[...DOM_GLOBALS, ...TIMERS, 'performance'].map((property) => ({
    object: 'globalThis',
    property,
    message: `${SIM_PURE}: no DOM, real timers or real time (globalThis.${property}) — ${SEE}.`,
  })),
];
const simSyntax = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: `${SIM_PURE}: no argument-less new Date() (that is the real clock); pass the virtual time in — ${SEE}.`,
  },
  {
    selector: "CallExpression[callee.type='Identifier'][callee.name='Date']",
    message: `${SIM_PURE}: Date() returns the real time; use the virtual clock — ${SEE}.`,
  },
];

/** Config objects enforcing the import rules (and, for sim, purity) for one layer. */
function layerConfigs(layer) {
  const forbidden = Object.keys(LAYERS).filter((l) => l !== layer && !LAYERS[layer].includes(l));
  const allowed = LAYERS[layer].length ? LAYERS[layer].map((l) => `src/${l}`).join(', ') : 'no other src/ layer';
  const layerMsg =
    layer === 'sim'
      ? `${SIM_PURE}: it may not import other src/ layers — ${SEE}.`
      : `src/${layer} may import only ${allowed} (imports point down) — ${SEE}.`;
  const reactMsg =
    layer === 'sim'
      ? `${SIM_PURE}: it may not import React/MSW/DOM-bound code — ${SEE}.`
      : `React is only for src/ui and src/app; src/${layer} stays UI-free — ${SEE}.`;
  const mswMsg =
    layer === 'sim'
      ? `${SIM_PURE}: it may not import React/MSW/DOM-bound code — ${SEE}.`
      : `msw is only for src/server, src/app, src/ui and tests; not src/${layer} — ${SEE}.`;
  const nodeMsg = `src/ runs in the browser: no node: built-ins in src/${layer} (tests may use them) — ${SEE}.`;

  const restrictions = (forTests) => [
    ...(forbidden.length ? [{ regex: layerImport(forbidden), message: layerMsg }] : []),
    ...(REACT_OK.includes(layer) ? [] : REACT.map((regex) => ({ regex, message: reactMsg }))),
    ...(MSW_OK.includes(layer) || forTests ? [] : MSW.map((regex) => ({ regex, message: mswMsg }))),
    ...(forTests ? [] : [{ regex: '^node:', message: nodeMsg }]),
  ];
  const syntax = (forTests) => [
    ...restrictions(forTests).map((r) => dynamicImport(r.regex, r.message)),
    ...(REACT_OK.includes(layer)
      ? []
      : [{ selector: 'JSXElement, JSXFragment', message: reactMsg }]),
    ...(layer === 'sim' && !forTests ? simSyntax : []),
  ];

  const files = [`src/${layer}/**/*.{ts,tsx}`];
  return [
    {
      name: `authlab/layer-${layer}`,
      files,
      ignores: TESTS,
      rules: {
        'no-restricted-imports': ['error', { patterns: restrictions(false) }],
        'no-restricted-syntax': ['error', ...syntax(false)],
        ...(layer === 'sim'
          ? {
              'no-restricted-globals': ['error', ...simGlobals],
              'no-restricted-properties': ['error', ...simProperties],
            }
          : {}),
      },
    },
    {
      // Colocated tests keep the layer direction but may use msw, node: and real time.
      name: `authlab/layer-${layer}-tests`,
      files: TESTS.map((t) => t.replace('src/', `src/${layer}/`)),
      rules: {
        'no-restricted-imports': ['error', { patterns: restrictions(true) }],
        'no-restricted-syntax': ['error', ...syntax(true)],
      },
    },
  ];
}

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'public/mockServiceWorker.js', 'test-results/', 'coverage/']),
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    // Browser code. (src/sim is stricter still, see its layer config.)
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/**', 'scripts/**', '*.config.{js,ts}', ...TESTS],
    languageOptions: { globals: globals.node },
  },
  {
    // The built app's service worker: plain JavaScript with a worker's globals.
    files: ['worker/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker, APP_PRECACHE: 'readonly' } },
  },
  Object.keys(LAYERS).flatMap(layerConfigs),
);
