import { inflateSync } from 'node:zlib';
import { crc32 } from './png';
import { LOAD_CHART_COLOURS, LOAD_CHART_PADDING, type LoadChartDay, loadChartSlot, renderLoadChartPng } from './load-chart.png';

interface Decoded {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunkTypes: string[];
  raw: Buffer;
  pixel(x: number, y: number): [number, number, number];
}

/** A strict decoder for what we write: checks every chunk CRC, inflates IDAT, reads filter-0 RGB scanlines. */
function decode(png: Buffer): Decoded {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunkTypes: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | null = null;
  let o = 8;
  while (o < png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString('ascii', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    expect(png.readUInt32BE(o + 8 + len)).toBe(crc32(png.subarray(o + 4, o + 8 + len)));
    chunkTypes.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  if (ihdr === null) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3 + 1;
  return {
    width,
    height,
    bitDepth: ihdr[8],
    colourType: ihdr[9],
    chunkTypes,
    raw,
    pixel: (x, y) => {
      expect(raw[y * stride]).toBe(0);
      const p = y * stride + 1 + x * 3;
      return [raw[p], raw[p + 1], raw[p + 2]];
    },
  };
}

function days(n: number, load: (i: number) => number, ratio: (i: number) => number | null = () => 1.1): LoadChartDay[] {
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    load: load(i),
    acwrEwma: ratio(i),
  }));
}

const colourCount = (d: Decoded, c: readonly number[]) => {
  const stride = d.width * 3 + 1;
  let n = 0;
  for (let y = 0; y < d.height; y++) {
    for (let x = 0; x < d.width; x++) {
      const p = y * stride + 1 + x * 3;
      if (d.raw[p] === c[0] && d.raw[p + 1] === c[1] && d.raw[p + 2] === c[2]) n++;
    }
  }
  return n;
};

describe('renderLoadChartPng', () => {
  it('should produce a valid 480×160 RGB PNG whose IDAT inflates to height × (1 + width × 3) bytes', () => {
    const d = decode(renderLoadChartPng(days(42, (i) => 200 + i * 10)));
    expect([d.width, d.height, d.bitDepth, d.colourType]).toEqual([480, 160, 8, 2]);
    expect(d.chunkTypes[0]).toBe('IHDR');
    expect(d.chunkTypes[d.chunkTypes.length - 1]).toBe('IEND');
    expect(d.raw.length).toBe(160 * (1 + 480 * 3));
  });

  it('should honour custom width and height', () => {
    const d = decode(renderLoadChartPng(days(10, () => 100), { width: 200, height: 60 }));
    expect([d.width, d.height]).toEqual([200, 60]);
    expect(d.raw.length).toBe(60 * (1 + 200 * 3));
  });

  it('should reject sizes that are not sane integers', () => {
    expect(() => renderLoadChartPng([], { width: 0 })).toThrow(RangeError);
    expect(() => renderLoadChartPng([], { height: 10.5 })).toThrow(RangeError);
    expect(() => renderLoadChartPng([], { width: 100_000 })).toThrow(RangeError);
  });

  it('should paint the last day bar in the recent colour and an early day bar in grey', () => {
    const input = days(42, () => 300);
    const d = decode(renderLoadChartPng(input));
    const y = 160 - LOAD_CHART_PADDING - 2; // just above the baseline, inside every full bar
    const last = loadChartSlot(41, 42, 480);
    const first = loadChartSlot(0, 42, 480);
    expect(d.pixel(last.x, y)).toEqual([...LOAD_CHART_COLOURS.recentBar]);
    expect(d.pixel(last.x + last.w - 1, y)).toEqual([...LOAD_CHART_COLOURS.recentBar]);
    expect(d.pixel(first.x, y)).toEqual([...LOAD_CHART_COLOURS.bar]);
    // exactly 7 recent bars, 35 grey ones: count columns on that row
    let recent = 0;
    let grey = 0;
    for (let x = 0; x < 480; x++) {
      const p = d.pixel(x, y).join();
      if (p === LOAD_CHART_COLOURS.recentBar.join()) recent++;
      if (p === LOAD_CHART_COLOURS.bar.join()) grey++;
    }
    expect(recent).toBe(7 * last.w);
    expect(grey).toBe(35 * first.w);
  });

  it('should show only the last 42 days, ordered by date', () => {
    // 60 days: the first 18 have 1000 AU, the last 42 have 100 AU; given in reverse order.
    const many = days(60, (i) => (i < 18 ? 1000 : 100), () => null);
    const d = decode(renderLoadChartPng([...many].reverse()));
    const topRow = LOAD_CHART_PADDING + 1;
    // Were a 1000 AU day shown, the 100 AU bars would be a tenth as tall: all 42 reaching the top means they are not.
    for (let i = 0; i < 42; i++) {
      const { x } = loadChartSlot(i, 42, 480);
      expect(d.pixel(x, topRow)).toEqual([...(i >= 35 ? LOAD_CHART_COLOURS.recentBar : LOAD_CHART_COLOURS.bar)]);
    }
  });

  it('should mark the 1.3 and 1.5 bands and draw the ratio line', () => {
    const d = decode(renderLoadChartPng(days(30, () => 0, (i) => 0.8 + i * 0.02)));
    expect(colourCount(d, LOAD_CHART_COLOURS.band13)).toBeGreaterThan(100);
    expect(colourCount(d, LOAD_CHART_COLOURS.band15)).toBeGreaterThan(100);
    expect(colourCount(d, LOAD_CHART_COLOURS.ratioLine)).toBeGreaterThan(100);
  });

  it('should render a blank chart for empty input, with no bars and no ratio line', () => {
    const d = decode(renderLoadChartPng([]));
    expect(d.raw.length).toBe(160 * (1 + 480 * 3));
    expect(colourCount(d, LOAD_CHART_COLOURS.bar)).toBe(0);
    expect(colourCount(d, LOAD_CHART_COLOURS.recentBar)).toBe(0);
    expect(colourCount(d, LOAD_CHART_COLOURS.ratioLine)).toBe(0);
    expect(d.pixel(0, 0)).toEqual([255, 255, 255]);
  });

  it('should draw no bars for all-zero loads and survive null, NaN and negative values', () => {
    const zero = decode(renderLoadChartPng(days(20, () => 0, () => null)));
    expect(colourCount(zero, LOAD_CHART_COLOURS.bar) + colourCount(zero, LOAD_CHART_COLOURS.recentBar)).toBe(0);
    expect(colourCount(zero, LOAD_CHART_COLOURS.ratioLine)).toBe(0);
    const odd = decode(renderLoadChartPng(days(20, (i) => [NaN, -5, Infinity, 50][i % 4], (i) => (i % 3 === 0 ? null : i % 3 === 1 ? NaN : 1.2))));
    expect(colourCount(odd, LOAD_CHART_COLOURS.bar) + colourCount(odd, LOAD_CHART_COLOURS.recentBar)).toBeGreaterThan(0);
  });

  it('should be deterministic for the same input and differ for different input', () => {
    const input = days(42, (i) => (i * 37) % 500, (i) => (i < 28 ? null : 1 + i / 100));
    expect(renderLoadChartPng(input).equals(renderLoadChartPng(input.map((x) => ({ ...x }))))).toBe(true);
    expect(renderLoadChartPng(input).equals(renderLoadChartPng(days(42, () => 1)))).toBe(false);
  });
});

describe('crc32', () => {
  it('should match the standard check value', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
  });
});
