import { existsSync } from 'node:fs';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/** Where the page scripts and stylesheet are: beside this file (dev, tests) or copied there by the build. */
function assetsDir(): string {
  const candidates = [path.join(__dirname, 'assets'), path.resolve(process.cwd(), 'apps/api/src/web/assets')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'app.css')));
  if (!found) throw new Error(`web assets not found in ${candidates.join(' or ')}`);
  return found;
}

// Pages run only our own scripts and styles; nothing may frame them (clickjacking on the alert buttons).
const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  // Swagger UI (/api/docs) brings its own inline bootstrap script: it keeps the default headers.
  if (!req.path.startsWith('/api/docs')) for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  next();
}

/** Static files for the pages (our assets and Chart.js from node_modules) and the pages' security headers. */
export function serveWebAssets(app: INestApplication): void {
  const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  app.use(securityHeaders);
  app.use('/assets/vendor/chart.umd.min.js', (_req: Request, res: Response) => res.sendFile(chartJs, { maxAge: '7d' }));
  app.use('/assets', express.static(assetsDir(), { maxAge: '1h', index: false, fallthrough: false }));
}
