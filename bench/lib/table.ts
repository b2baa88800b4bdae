// The stdout table: one row per figure, one column per supervisor, each with its ratio to Supervisor's.
import type { ColumnId, MetricDef } from './types.js';

export interface Cell {
  value: number | null;
  /** "failed", "skipped", or "" */
  status: string;
}

export interface Row {
  scenario: string;
  metric: MetricDef;
  cells: Partial<Record<ColumnId, Cell>>;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

function formatRatio(value: number, reference: number | null): string {
  if (reference === null || !Number.isFinite(reference) || reference === 0 || !Number.isFinite(value)) return '';
  const ratio = value / reference;
  return ` (${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(1)}×)`;
}

export function formatCell(cell: Cell | undefined, reference: Cell | undefined): string {
  if (!cell) return '—';
  if (cell.status) return cell.status;
  if (cell.value === null) return '—';
  return formatNumber(cell.value) + formatRatio(cell.value, reference?.value ?? null);
}

/** A Markdown table (readable as plain text too). */
export function renderTable(rows: readonly Row[], columns: readonly ColumnId[]): string {
  const header = ['scenario', 'figure', ...columns];
  const body = rows.map((row) => [
    row.scenario,
    `${row.metric.label} (${row.metric.unit}, ${row.metric.better} is better)`,
    ...columns.map((c) => formatCell(row.cells[c], row.cells.supervisor)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
