/**
 * The heat map of the task matrix: one row per task, one column per department. A cell's shade
 * is its value (0..1, darker is more) and the cell prints its text, so it reads without colour;
 * lead departments are marked by a corner triangle, departments not named by the task are left blank. Cells carry
 * `data-key` (`row|column`), `data-series` (the role) and `data-value`.
 */
import { esc } from './format';
import type { ChartFrame } from './charts';
import { clip, round, svgOpen, text } from './svg';

/** One cell: its value (0..1), the text printed in it, and the department's role in the task. */
export interface HeatCell {
  readonly value: number | null;
  readonly shown: string;
  readonly role: 'lead' | 'co' | null;
  readonly title: string;
}

/** One row of the heat map. */
export interface HeatRow {
  readonly key: string;
  readonly label: string;
  /** By column name; a missing column is a blank cell. */
  readonly cells: Readonly<Record<string, HeatCell>>;
}

const LABEL_W = 220;
const CELL_W = 32;
const CELL_H = 17;
const HEAD_H = 110;

/** A blue from light (0) to dark (1); text turns white on dark cells. */
const shade = (v: number): string => {
  const l = Math.round(94 - v * 62);
  return `hsl(210, 70%, ${l}%)`;
};

/** The heat map, with a legend of shades and of the outline. */
export const heatMap = (f: ChartFrame, rows: readonly HeatRow[], columns: readonly string[]): string => {
  const width = LABEL_W + Math.max(columns.length * CELL_W, 420) + 20;
  const height = HEAD_H + rows.length * CELL_H + 76;
  const heads = columns.map((c, j) => {
    const x = LABEL_W + j * CELL_W + CELL_W / 2;
    return `<g class="col-label">${text(x, HEAD_H - 6, clip(c, 9), `class="label" transform="rotate(-60 ${round(x)} ${HEAD_H - 6})"`)}<title>${esc(c)}</title></g>`;
  }).join('');
  const body = rows.map((r, i) => {
    const y = HEAD_H + i * CELL_H;
    const cells = columns.map((c, j) => {
      const cell = r.cells[c];
      const x = LABEL_W + j * CELL_W;
      if (cell === undefined) return `<rect class="blank" x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}"/>`;
      const v = cell.value ?? 0;
      const ink = v > 0.55 ? '#fff' : '#111';
      const lead = cell.role === 'lead' ? `<path d="M${x + 1},${y + 1} h7 l-7,7 z" fill="${ink}"/>` : '';
      return `<g class="cell"><rect x="${x + 0.5}" y="${y + 0.5}" width="${CELL_W - 1}" height="${CELL_H - 1}" fill="${shade(v)}" ` +
        `stroke="#fff" stroke-width="0.5" data-key="${esc(`${r.key}|${c}`)}" data-series="${esc(cell.role ?? 'other')}" ` +
        `data-value="${esc(cell.value === null ? 'null' : String(cell.value))}"><title>${esc(cell.title)}</title></rect>${lead}` +
        text(x + CELL_W / 2 + 2, y + 12.5, cell.shown, `class="cell-label" text-anchor="middle" fill="${ink}"`) + '</g>';
    }).join('');
    return `<g class="heat-row" data-key="${esc(r.key)}"><g class="row-label">${text(LABEL_W - 6, y + 12.5, clip(r.label, 16), 'class="label" text-anchor="end"')}<title>${esc(r.label)}</title></g>${cells}</g>`;
  }).join('');
  const ly = HEAD_H + rows.length * CELL_H + 40;
  const scale = [0, 0.25, 0.5, 0.75, 1].map((v, k) =>
    `<rect x="${LABEL_W + k * 26}" y="${ly - 11}" width="24" height="14" fill="${shade(v)}" stroke="#999" stroke-width="0.5"/>` +
    text(LABEL_W + k * 26 + 12, ly + 16, `${v * 100}%`, 'class="tick" text-anchor="middle"')).join('');
  const key = `<rect x="${LABEL_W + 150}" y="${ly - 11}" width="24" height="14" fill="${shade(0.25)}"/><path d="M${LABEL_W + 151},${ly - 10} h7 l-7,7 z" fill="#111"/>` +
    text(LABEL_W + 180, ly, '牵头部门 lead department · 无标记 co-responsible', 'class="legend"');
  return svgOpen(f.id, width, height, f.title, f.desc) + heads + body + text(LABEL_W, ly - 18, f.axisTitle, 'class="axis-title"') + scale + key + '</svg>';
};
