/**
 * SVG building blocks shared by the charts: the accessible frame (`role="img"`, `<title>` and
 * `<desc>` referenced by `aria-labelledby`), the fill patterns that keep series apart without
 * colour, and text functions. Every text goes through `esc`.
 */
import { esc } from './format';

/** A series style: a fill colour and a pattern drawn over it, so it reads in greyscale too. */
export interface SeriesStyle {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly fill: string;
  readonly pattern: 'solid' | 'diagonal' | 'cross' | 'dots' | 'horizontal';
}

/** The warning colours and the other series the dashboard uses. */
export const STYLES = {
  green: { key: 'green', zh: '绿', en: 'green (on track)', fill: '#2e7d32', pattern: 'solid' },
  yellow: { key: 'yellow', zh: '黄', en: 'yellow (due soon)', fill: '#f9a825', pattern: 'diagonal' },
  red: { key: 'red', zh: '红', en: 'red (overdue)', fill: '#c62828', pattern: 'cross' },
  noDeadline: { key: 'noDeadline', zh: '无时限', en: 'no deadline yet', fill: '#9e9e9e', pattern: 'dots' },
  on_time: { key: 'on_time', zh: '按时', en: 'on time', fill: '#2e7d32', pattern: 'solid' },
  late: { key: 'late', zh: '逾期报送', en: 'late', fill: '#f9a825', pattern: 'diagonal' },
  missing: { key: 'missing', zh: '未报送', en: 'missing', fill: '#c62828', pattern: 'cross' },
  pending: { key: 'pending', zh: '未到期', en: 'not yet due', fill: '#9e9e9e', pattern: 'dots' },
  bar: { key: 'bar', zh: '', en: '', fill: '#1565c0', pattern: 'solid' },
} as const satisfies Record<string, SeriesStyle>;

const PATTERN_MARKS: Record<SeriesStyle['pattern'], string> = {
  solid: '',
  diagonal: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#fff" stroke-width="1.6"/>',
  cross: '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.4"/>',
  dots: '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
  horizontal: '<path d="M0,4 H8" stroke="#fff" stroke-width="1.6"/>',
};

/** The id of a series' pattern inside one chart. */
export const patternId = (chartId: string, s: SeriesStyle): string => `${chartId}-p-${s.key}`;

/** `<defs>` with one pattern per series. */
export const patternDefs = (chartId: string, series: readonly SeriesStyle[]): string =>
  `<defs>${series.map((s) => `<pattern id="${esc(patternId(chartId, s))}" width="8" height="8" patternUnits="userSpaceOnUse">` +
    `<rect width="8" height="8" fill="${esc(s.fill)}"/>${PATTERN_MARKS[s.pattern]}</pattern>`).join('')}</defs>`;

/** The fill of a series (its pattern). */
export const fillOf = (chartId: string, s: SeriesStyle): string => `url(#${patternId(chartId, s)})`;

/** Opens an accessible SVG: its title and description are read out for the image. */
export const svgOpen = (id: string, width: number, height: number, title: string, desc: string): string =>
  `<svg id="${esc(id)}" class="chart" data-chart="${esc(id)}" role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" ` +
  `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
  `<title id="${esc(id)}-title">${esc(title)}</title><desc id="${esc(id)}-desc">${esc(desc)}</desc>`;

/** A text element (escaped), `attrs` already safe. */
export const text = (x: number, y: number, content: unknown, attrs = ''): string =>
  `<text x="${round(x)}" y="${round(y)}"${attrs ? ` ${attrs}` : ''}>${esc(content)}</text>`;

/** Shortens a label to `max` characters (CJK and Latin alike), with an ellipsis. */
export const clip = (s: string, max: number): string => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

/** Rounds a coordinate to one decimal. */
export const round = (n: number): string => String(Math.round(n * 10) / 10);

/** A legend row: a swatch with its pattern and both labels per series. */
export const legend = (chartId: string, series: readonly SeriesStyle[], x: number, y: number): string => {
  let dx = x;
  return series.map((s) => {
    const label = `${s.zh} ${s.en}`;
    const out = `<g class="legend-item" data-series="${esc(s.key)}"><rect x="${round(dx)}" y="${round(y - 10)}" width="12" height="12" fill="${fillOf(chartId, s)}" stroke="#333" stroke-width="0.5"/>` +
      text(dx + 16, y, label, 'class="legend"') + '</g>';
    dx += 28 + [...label].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 6.2), 0);
    return out;
  }).join('');
};

/** Vertical grid lines and tick labels of a 0..max horizontal axis, with the axis title under them. */
export const xAxis = (x0: number, width: number, yTop: number, yBottom: number, ticks: readonly { value: number; label: string }[], max: number, title: string): string =>
  ticks.map((t) => {
    const x = x0 + (max === 0 ? 0 : (t.value / max) * width);
    return `<line x1="${round(x)}" x2="${round(x)}" y1="${round(yTop)}" y2="${round(yBottom)}" class="grid"/>` + text(x, yBottom + 14, t.label, 'class="tick" text-anchor="middle"');
  }).join('') + text(x0 + width / 2, yBottom + 32, title, 'class="axis-title" text-anchor="middle"');

/** Tick values for a count axis from 0 to at least `max` (about five, whole numbers). */
export const countTicks = (max: number): { readonly top: number; readonly ticks: readonly { value: number; label: string }[] } => {
  if (max <= 0) return { top: 1, ticks: [{ value: 0, label: '0' }, { value: 1, label: '1' }] };
  const rough = max / 5;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag);
  const top = Math.ceil(max / step) * step;
  const ticks: { value: number; label: string }[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push({ value: v, label: String(Math.round(v)) });
  return { top, ticks };
};

/** Ticks of a 0–100 % axis. */
export const PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: `${v * 100}%` }));
