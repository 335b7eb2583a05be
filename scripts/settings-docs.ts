/**
 * The settings tables in README.md (link parameters) and lessons/README.md
 * (`world:` / `config:`), written from the settings schema (src/sim/config.ts)
 * so they cannot drift from it. `npm run docs:settings` rewrites them;
 * test/unit/settings-docs.test.ts fails while they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSettingValue, type SettingInfo } from '../src/sim/settings/setting-kinds';
import { SETTINGS, type Setting } from '../src/sim/settings/setting-list';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const code = (text: unknown) => `\`${String(text)}\``;
/** A table cell: no pipes or line breaks inside. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** Prose in a cell: `__Host-` must not start bold text. */
const prose = (text: string) => cell(text).replace(/__/g, '\\_\\_');

/** `1000–2592000000 ms (1 s – 30 days)`, `Strict`, `Lax` …, `true` or `false`. */
function valuesOf(info: SettingInfo, flagWords: [string, string]): string {
  if (info.kind === 'flag') return `${code(flagWords[0])} or ${code(flagWords[1])}`;
  if (info.kind === 'choice') return info.options.map(code).join(', ');
  if (info.kind === 'text') return 'text';
  const unit = info.unit ? ` ${info.unit}` : '';
  const [min, max] = [formatSettingValue(info, info.min), formatSettingValue(info, info.max)];
  // In words too when that reads better: 2592000000 ms is 30 days.
  const range = `${info.min}–${info.max}${unit}`;
  return min === `${info.min}${unit}` && max === `${info.max}${unit}` ? range : `${range} (${min} – ${max})`;
}

function defaultOf(info: SettingInfo): string {
  const shown = code(info.default);
  const words = formatSettingValue(info, info.default);
  return info.kind === 'number' && words !== String(info.default) ? `${shown} (${words})` : shown;
}

/** The `world:` / `config:` settings table for lessons/README.md. */
export function lessonSettingsTable(): string {
  const rows = SETTINGS.map((s) => {
    const where = s.section ? '' : ' Only in `world:`.';
    return `| ${code(s.key)} | ${cell(valuesOf(s.info, ['true', 'false']))} | ${cell(defaultOf(s.info))} | ${prose(s.info.explain + where)} |`;
  });
  return ['| setting | values | default | what it changes |', '|---|---|---|---|', ...rows].join('\n');
}

/** The link parameters table for README.md: every setting the Sandbox shows, the vulnerable switches in one row. */
export function urlParameterTable(): string {
  const linked = SETTINGS.filter((s) => s.info.place === 'sandbox');
  const row = (s: Setting) => `| ${code(s.key)} | ${cell(valuesOf(s.info, ['1', '0']))} | ${cell(s.info.label)} |`;
  const switches = linked.filter((s) => s.section === 'vulnerable');
  const rows = [
    ...linked.filter((s) => s.section !== 'vulnerable').map(row),
    `| ${code('vulnerable.<switch>')} | ${code('1')} or ${code('0')} | a flaw, off by default: ${switches.map((s) => code(s.name)).join(', ')} |`,
  ];
  return ['| parameter | values | setting |', '|---|---|---|', ...rows].join('\n');
}

interface GeneratedBlock {
  file: string;
  name: string;
  render: () => string;
}

export const BLOCKS: readonly GeneratedBlock[] = [
  { file: 'README.md', name: 'link parameters', render: urlParameterTable },
  { file: 'lessons/README.md', name: 'settings', render: lessonSettingsTable },
];

const markers = (block: GeneratedBlock) => ({
  start: `<!-- ${block.name}: generated from src/sim/config.ts by npm run docs:settings -->`,
  end: `<!-- end of ${block.name} -->`,
});

/** `text` with the block between its markers written afresh; throws if the markers are missing. */
export function withBlock(text: string, block: GeneratedBlock): string {
  const { start, end } = markers(block);
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`${block.file}: no "${start}" … "${end}" markers for the ${block.name} table`);
  return `${text.slice(0, from + start.length)}\n${block.render()}\n${text.slice(to)}`;
}

/** Rewrites every generated block; returns the files that changed. */
export function writeDocs(root = ROOT): string[] {
  const changed: string[] = [];
  for (const block of BLOCKS) {
    const path = join(root, block.file);
    const before = readFileSync(path, 'utf8');
    const after = withBlock(before, block);
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(block.file);
    }
  }
  return changed;
}
