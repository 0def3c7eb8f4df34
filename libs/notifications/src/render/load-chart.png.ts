/**
 * A small load chart for alert emails: daily load as bars (the last 7 days in a distinct colour) and the EWMA
 * acute:chronic ratio as a line on its own scale, with the 1.3 and 1.5 bands as thin horizontal lines. No text (no
 * font), white background, deterministic for the same input.
 */
import { encodePngRgb } from './png';

export interface LoadChartDay {
  date: string;
  load: number;
  acwrEwma: number | null;
}

export interface LoadChartOptions {
  width?: number;
  height?: number;
}

export type Rgb = readonly [number, number, number];

export const LOAD_CHART_COLOURS = {
  background: [255, 255, 255],
  bar: [190, 190, 190],
  recentBar: [59, 111, 208],
  ratioLine: [32, 32, 32],
  band13: [230, 160, 0],
  band15: [208, 48, 48],
  axis: [150, 150, 150],
} as const satisfies Record<string, Rgb>;

export const LOAD_CHART_MAX_DAYS = 42;
export const LOAD_CHART_RECENT_DAYS = 7;
export const LOAD_CHART_PADDING = 4;
const MIN_SIZE = 16;
const MAX_SIZE = 2048;

/** Where day `i` of `n` sits: its bar's left x and width, and the slot centre. */
export function loadChartSlot(i: number, n: number, width: number): { x: number; w: number; centre: number } {
  const plotW = width - 2 * LOAD_CHART_PADDING;
  const slot = plotW / n;
  const w = Math.max(1, Math.floor(slot * 0.7));
  const left = LOAD_CHART_PADDING + Math.floor(i * slot + (slot - w) / 2);
  return { x: left, w, centre: LOAD_CHART_PADDING + Math.floor(i * slot + slot / 2) };
}

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Uint8Array(width * height * 3).fill(255);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.px[o] = c[0];
    this.px[o + 1] = c[1];
    this.px[o + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy, c);
  }
  hline(x0: number, x1: number, y: number, c: Rgb, dashed = false): void {
    for (let x = x0; x <= x1; x++) if (!dashed || Math.floor((x - x0) / 4) % 2 === 0) this.set(x, y, c);
  }
  /** Bresenham, 2 px thick (the pixel below is painted too). */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    let x = x0;
    let y = y0;
    for (;;) {
      this.set(x, y, c);
      this.set(x, y + 1, c);
      if (x === x1 && y === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }
}

function size(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < MIN_SIZE || v > MAX_SIZE) {
    throw new RangeError(`${name} must be an integer from ${MIN_SIZE} to ${MAX_SIZE}, got ${v}`);
  }
  return v;
}

const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

/** Renders the last up-to-42 days (ordered by date) as a PNG; an empty input gives a blank chart with its axis. */
export function renderLoadChartPng(days: readonly LoadChartDay[], options: LoadChartOptions = {}): Buffer {
  const width = size(options.width, 480, 'width');
  const height = size(options.height, 160, 'height');
  const c = new Canvas(width, height);
  const C = LOAD_CHART_COLOURS;

  const shown = days
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.date < b.d.date ? -1 : a.d.date > b.d.date ? 1 : a.i - b.i))
    .slice(-LOAD_CHART_MAX_DAYS)
    .map(({ d }) => ({ load: Number.isFinite(d.load) && d.load > 0 ? d.load : 0, ratio: finiteOrNull(d.acwrEwma) }));

  const top = LOAD_CHART_PADDING;
  const bottom = height - LOAD_CHART_PADDING - 1; // baseline row
  const plotH = bottom - top;
  const x0 = LOAD_CHART_PADDING;
  const x1 = width - LOAD_CHART_PADDING - 1;

  const ratios = shown.map((s) => s.ratio).filter((r): r is number => r !== null);
  const ratioMax = Math.max(2, ...ratios.map((r) => r * 1.1));
  const ratioY = (r: number) => bottom - Math.round((Math.max(0, r) / ratioMax) * plotH);

  // Bands first, so bars and the line sit on top of them.
  c.hline(x0, x1, ratioY(1.3), C.band13, true);
  c.hline(x0, x1, ratioY(1.5), C.band15, true);

  const n = shown.length;
  const loadMax = Math.max(0, ...shown.map((s) => s.load));
  shown.forEach((s, i) => {
    if (loadMax <= 0 || s.load <= 0) return;
    const h = Math.max(1, Math.round((s.load / loadMax) * plotH));
    const { x, w } = loadChartSlot(i, n, width);
    c.rect(x, bottom - h + 1, w, h, i >= n - LOAD_CHART_RECENT_DAYS ? C.recentBar : C.bar);
  });

  // Ratio line: segments between consecutive known days; an isolated known day is a small dot.
  shown.forEach((s, i) => {
    if (s.ratio === null) return;
    const here = { x: loadChartSlot(i, n, width).centre, y: ratioY(s.ratio) };
    const next = i + 1 < n ? shown[i + 1].ratio : null;
    const prev = i > 0 ? shown[i - 1].ratio : null;
    if (next !== null) c.line(here.x, here.y, loadChartSlot(i + 1, n, width).centre, ratioY(next), C.ratioLine);
    else if (prev === null) c.rect(here.x - 1, here.y - 1, 3, 3, C.ratioLine);
  });

  c.hline(x0, x1, bottom + 1, C.axis);
  return encodePngRgb(width, height, c.px);
}
