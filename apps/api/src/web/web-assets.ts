import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

/** Static files for the pages (our assets and Chart.js from node_modules) and the pages' security headers. */
export async function serveWebAssets(app: NestFastifyApplication): Promise<void> {
  const chartJs = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) => {
      // Swagger UI (/api/docs) brings its own inline bootstrap script: it keeps the default headers. Webhook
      // senders read no HTML.
      if (!req.url.startsWith('/api/docs') && !req.url.startsWith('/webhooks/')) void reply.headers(PAGE_HEADERS);
      done();
    });
  await app.register(fastifyStatic, { root: assetsDir(), prefix: '/assets/', maxAge: '1h', index: false });
  await app.register(fastifyStatic, {
    root: path.dirname(chartJs),
    prefix: '/assets/vendor/',
    maxAge: '7d',
    decorateReply: false,
    allowedPath: (pathName) => pathName === `/${path.basename(chartJs)}`,
  });
}
