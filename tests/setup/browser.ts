import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium as launchDebianChromium } from '@app/testing';
import { TestApp } from './test-app';

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

/** Chromium for a test file, with the screenshot folder ready. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchDebianChromium();
}

/** The test app on a real port, for the browser. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

/** Collects script errors and failed requests: a page that "works" with errors in the console does not pass. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} @ ${page.url()}`);
  });
  return errors;
}

export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string, startAt = '/'): Promise<void> {
  await page.goto(`${baseUrl}${startAt}`);
  await page.waitForSelector('#login-form');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('#login-form button[type=submit]')]);
}

/** How many data points Chart.js holds for the chart on this canvas (0 when nothing was drawn). */
export function chartPoints(page: Page, selector: string): Promise<number> {
  const canvas = `document.querySelector(${JSON.stringify(selector)})`;
  return page.evaluate<number>(
    `(() => { const chart = window.Chart && ${canvas} && window.Chart.getChart(${canvas});
      return chart ? chart.data.datasets.reduce((n, ds) => n + ds.data.filter((v) => v !== null && v !== undefined).length, 0) : 0; })()`,
  );
}

/** Waits until Chart.js has drawn a chart on the canvas (page scripts run deferred). */
export async function waitForChart(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(`!!(window.Chart && document.querySelector(${JSON.stringify(selector)}) && window.Chart.getChart(document.querySelector(${JSON.stringify(selector)})))`);
}

export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}
