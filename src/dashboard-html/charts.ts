/**
 * Bar charts: horizontal bars (one value per row, e.g. a rate) and stacked bars (counts of
 * several series per row, e.g. the colour board). Every bar carries `data-key`, `data-series` and
 * `data-value` (the figure as in the dashboard JSON) and prints its figure as text, so nothing
 * depends on colour or on hovering.
 */
import { esc } from './format';
import {
  clip, countTicks, fillOf, legend, patternDefs, round, STYLES, svgOpen, text, xAxis, type SeriesStyle,
} from './svg';

/** One bar. `value` is on the chart's scale (0..max); `shown` is the text printed after it. */
export interface BarRow {
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
  readonly shown: string;
}

/** What every chart is given. */
export interface ChartFrame {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly axisTitle: string;
}

const LABEL_W = 230;
const PLOT_W = 330;
const ROW_H = 20;
const TOP = 8;

const rowLabel = (y: number, label: string): string =>
  `<g class="row-label">${text(LABEL_W - 8, y, clip(label, 17), 'text-anchor="end" class="label"')}<title>${esc(label)}</title></g>`;

/** Horizontal bars on a 0..max axis with the given ticks. */
export const barChart = (f: ChartFrame, rows: readonly BarRow[], max: number, ticks: readonly { value: number; label: string }[]): string => {
  const height = TOP + rows.length * ROW_H + 44;
  const width = LABEL_W + PLOT_W + 150;
  const bottom = TOP + rows.length * ROW_H;
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW_H;
    const w = r.value === null || max === 0 ? 0 : Math.max(0, Math.min(1, r.value / max)) * PLOT_W;
    return `<g class="bar-row" data-key="${esc(r.key)}">${rowLabel(y + 14, r.label)}` +
      `<rect class="bar" x="${LABEL_W}" y="${round(y + 3)}" width="${round(w)}" height="${ROW_H - 6}" fill="${fillOf(f.id, STYLES.bar)}" ` +
      `data-key="${esc(r.key)}" data-series="value" data-value="${esc(r.value === null ? 'null' : String(r.value))}"/>` +
      text(LABEL_W + w + 6, y + 14, r.shown, 'class="value"') + '</g>';
  }).join('');
  return svgOpen(f.id, width, height, f.title, f.desc) + patternDefs(f.id, [STYLES.bar]) +
    xAxis(LABEL_W, PLOT_W, TOP, bottom, ticks, max, f.axisTitle) + bars +
    `<line x1="${LABEL_W}" x2="${LABEL_W}" y1="${TOP}" y2="${bottom}" class="axis"/></svg>`;
};

/** One stacked bar: a count per series key. */
export interface StackRow {
  readonly key: string;
  readonly label: string;
  readonly parts: Readonly<Record<string, number>>;
}

/** Stacked horizontal bars of counts, with a legend and each row's total. */
export const stackedChart = (f: ChartFrame, rows: readonly StackRow[], series: readonly SeriesStyle[]): string => {
  const totals = rows.map((r) => series.reduce((n, s) => n + (r.parts[s.key] ?? 0), 0));
  const { top, ticks } = countTicks(Math.max(0, ...totals));
  const legendY = 14;
  const first = TOP + 22;
  const bottom = first + rows.length * ROW_H;
  const width = LABEL_W + PLOT_W + 150;
  const height = bottom + 44;
  const bars = rows.map((r, i) => {
    const y = first + i * ROW_H;
    let x = LABEL_W;
    const segs = series.map((s) => {
      const v = r.parts[s.key] ?? 0;
      const w = (v / top) * PLOT_W;
      const seg = `<rect class="seg" x="${round(x)}" y="${round(y + 3)}" width="${round(w)}" height="${ROW_H - 6}" fill="${fillOf(f.id, s)}" ` +
        `stroke="#fff" stroke-width="0.5" data-key="${esc(r.key)}" data-series="${esc(s.key)}" data-value="${v}"><title>${esc(`${r.label} · ${s.zh} ${s.en}: ${v}`)}</title></rect>` +
        (v > 0 && w >= 16 ? text(x + w / 2, y + 14, v, 'class="seg-label" text-anchor="middle"') : '');
      x += w;
      return seg;
    }).join('');
    const total = totals[i] ?? 0;
    const summary = series.filter((s) => (r.parts[s.key] ?? 0) > 0).map((s) => `${s.zh}${r.parts[s.key]}`).join(' ');
    return `<g class="stack-row" data-key="${esc(r.key)}">${rowLabel(y + 14, r.label)}${segs}` +
      text(x + 6, y + 14, `${total}${summary ? `（${summary}）` : ''}`, 'class="value"') + '</g>';
  }).join('');
  return svgOpen(f.id, width, height, f.title, f.desc) + patternDefs(f.id, series) + legend(f.id, series, 8, legendY) +
    xAxis(LABEL_W, PLOT_W, first, bottom, ticks, top, f.axisTitle) + bars +
    `<line x1="${LABEL_W}" x2="${LABEL_W}" y1="${first}" y2="${bottom}" class="axis"/></svg>`;
};
