// The README's configuration table, generated from the schema's metadata so it cannot drift
// (readme.test.ts fails when README.md is out of date).
import { DASHBOARD_USER_PREFIX } from './dashboard-users.js';
import { DASHBOARD_USERS_FIELD, VARIABLES } from './schema.js';
import { GROUP_TITLES, GROUPS, type VarMeta } from './var-def.js';

const cell = (text: string) => text.replaceAll('|', '\\|');

function defaultCell(meta: VarMeta): string {
  if (meta.default === undefined) return 'unset';
  if (meta.defaultIsProse) return cell(meta.default);
  return `\`${meta.default}\``;
}

const INTRO = [
  'Every variable can come from the environment, from an optional `.env` file, or for one run from',
  '`--set KEY=VALUE`; `--set` wins over the environment, which wins over `.env`. An empty value counts',
  'as unset: the default applies, even over a lower source (`--set PORT=` restores the default for one',
  'run). Booleans are exactly `true`, `false`, `1` or `0`. Values are read',
  'verbatim — ` true` or `5 ` is an error, not silently trimmed — except the items of comma-separated',
  'lists, which are trimmed. A bad value stops start-up with exit code 2, naming every bad variable.',
  '`divbot config check` prints the effective configuration; secrets are never printed or logged.',
];

// Columns padded to their widest cell, as biome formats Markdown tables, so `biome check` passes.
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

export function configTableMarkdown(): string {
  const out = [...INTRO];
  for (const group of GROUPS) {
    const rows = [['Variable', 'Default', 'Meaning']];
    for (const { name, meta } of VARIABLES) {
      if (meta.group !== group) continue;
      const shown = name === DASHBOARD_USERS_FIELD ? `${DASHBOARD_USER_PREFIX}<NAME>` : name;
      const meaning = meta.secret ? `${meta.meaning} (secret)` : meta.meaning;
      rows.push([`\`${shown}\``, defaultCell(meta), cell(meaning)]);
    }
    out.push('', `### ${GROUP_TITLES[group]}`, '', ...table(rows));
  }
  return `${out.join('\n')}\n`;
}
