// First page render in Debian's Chromium: how long a coach waits for the roster and a two-year athlete page,
// from navigation start to first contentful paint, to the load event, and to the last chart drawn by Chart.js.
import { launchChromium } from '@app/testing';

export interface RenderTiming {
  page: string;
  loads: number;
  /** Medians over `loads` fresh navigations (cache disabled per page), ms from navigation start; charts: those in view. */
  htmlMs: number;
  firstContentfulPaintMs: number;
  loadEventMs: number;
  chartsDrawnMs: number;
  chartsInView: number;
  htmlBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

// Runs in the page: navigation entry, paint entry, and the moment every canvas holds a Chart.js chart.
const TIMING_SCRIPT = `(async () => {
  // Charts in view: the roster draws each sparkline as its row scrolls into view.
  const canvases = [...document.querySelectorAll('canvas')].filter((c) => c.getBoundingClientRect().top < window.innerHeight);
  while (!(window.Chart && canvases.every((c) => window.Chart.getChart(c)))) await new Promise((r) => setTimeout(r, 5));
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(NaN), 3000);
  });
  return { html: nav.responseEnd, fcp, load: nav.loadEventEnd, charts: performance.now(), bytes: nav.decodedBodySize, canvases: canvases.length };
})()`;

export async function measurePageRender(baseUrl: string, login: { email: string; password: string }, pages: { name: string; path: string }[], loads = 7): Promise<RenderTiming[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: login });
    if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
    const results: RenderTiming[] = [];
    for (const { name, path } of pages) {
      const samples: { html: number; fcp: number; load: number; charts: number; bytes: number; canvases: number }[] = [];
      for (let i = 0; i < loads + 1; i++) {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
        const sample = await page.evaluate<{ html: number; fcp: number; load: number; charts: number; bytes: number; canvases: number }>(TIMING_SCRIPT);
        if (sample.canvases === 0) throw new Error(`${path} drew no charts`);
        if (i > 0) samples.push(sample); // the first load warms the server, not the measurement
        await page.close();
      }
      results.push({
        page: name,
        loads,
        htmlMs: round(median(samples.map((s) => s.html))),
        firstContentfulPaintMs: round(median(samples.map((s) => s.fcp))),
        loadEventMs: round(median(samples.map((s) => s.load))),
        chartsDrawnMs: round(median(samples.map((s) => s.charts))),
        chartsInView: samples[0].canvases,
        htmlBytes: samples[0].bytes,
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}
