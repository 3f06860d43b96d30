/**
 * The line chart of open and closed problems over time: dates on a time axis, counts on the
 * vertical axis, one line per series told apart by dash and marker shape as well as colour, each
 * labelled at its end. Markers carry `data-key` (the date), `data-series` and `data-value`.
 */
import { esc } from './format';
import { countTicks, round, svgOpen, text } from './svg';
import type { ChartFrame } from './charts';

/** One point in time with a value per series key. */
export interface LinePoint {
  readonly date: string;
  readonly values: Readonly<Record<string, number>>;
}

/** A line's look: dash pattern and marker shape, so the lines differ without colour. */
export interface LineStyle {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly stroke: string;
  readonly dash: string;
  readonly marker: 'circle' | 'square';
}

const W = 700;
const H = 300;
const L = 56;
const R = 150;
const T = 16;
const B = 56;

const marker = (s: LineStyle, x: number, y: number, attrs: string): string =>
  (s.marker === 'circle'
    ? `<circle cx="${round(x)}" cy="${round(y)}" r="3.5" fill="#fff" stroke="${esc(s.stroke)}" stroke-width="2" ${attrs}/>`
    : `<rect x="${round(x - 3.5)}" y="${round(y - 3.5)}" width="7" height="7" fill="${esc(s.stroke)}" ${attrs}/>`);

/** Lines over time; `yTitle` names the vertical axis. */
export const lineChart = (f: ChartFrame & { readonly yTitle: string }, points: readonly LinePoint[], series: readonly LineStyle[]): string => {
  const times = points.map((p) => Date.parse(`${p.date}T00:00:00Z`));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const plotW = W - L - R;
  const plotH = H - T - B;
  const { top, ticks } = countTicks(Math.max(0, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0))));
  const xOf = (t: number) => L + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
  const yOf = (v: number) => T + plotH - (v / top) * plotH;
  const grid = ticks.map((tk) => `<line class="grid" x1="${L}" x2="${L + plotW}" y1="${round(yOf(tk.value))}" y2="${round(yOf(tk.value))}"/>` +
    text(L - 6, yOf(tk.value) + 4, tk.label, 'class="tick" text-anchor="end"')).join('');
  const every = Math.max(1, Math.ceil(points.length / 8));
  const xTicks = points.map((p, i) => (i % every === 0 || i === points.length - 1
    ? `<line class="tick-mark" x1="${round(xOf(times[i] ?? t0))}" x2="${round(xOf(times[i] ?? t0))}" y1="${T + plotH}" y2="${T + plotH + 4}"/>` +
      text(xOf(times[i] ?? t0), T + plotH + 16, p.date, 'class="tick" text-anchor="middle"')
    : '')).join('');
  const lines = series.map((s) => {
    const xy = points.map((p, i) => [xOf(times[i] ?? t0), yOf(p.values[s.key] ?? 0)] as const);
    const path = xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
    const marks = points.map((p, i) => marker(s, xy[i]?.[0] ?? 0, xy[i]?.[1] ?? 0,
      `class="point" data-key="${esc(p.date)}" data-series="${esc(s.key)}" data-value="${p.values[s.key] ?? 0}"`)).join('');
    const last = points[points.length - 1];
    const end = xy[xy.length - 1];
    const label = last && end ? text(end[0] + 8, end[1] + 4, `${s.zh} ${s.en} ${last.values[s.key] ?? 0}`, 'class="value"') : '';
    return `<g class="series" data-series="${esc(s.key)}"><path d="${path}" fill="none" stroke="${esc(s.stroke)}" stroke-width="2" stroke-dasharray="${esc(s.dash)}"/>${marks}${label}</g>`;
  }).join('');
  return svgOpen(f.id, W, H, f.title, f.desc) + grid + xTicks +
    `<line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${T + plotH}"/><line class="axis" x1="${L}" x2="${L + plotW}" y1="${T + plotH}" y2="${T + plotH}"/>` +
    text(L + plotW / 2, H - 14, f.axisTitle, 'class="axis-title" text-anchor="middle"') +
    text(14, T + plotH / 2, f.yTitle, `class="axis-title" text-anchor="middle" transform="rotate(-90 14 ${round(T + plotH / 2)})"`) +
    lines + '</svg>';
};
