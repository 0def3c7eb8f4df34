import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { httpLogOptions, redactUrlTokens } from './http-log-options';

describe('redactUrlTokens', () => {
  it.each([
    ['/invite?token=lwi_abc', '/invite?token=[redacted]'],
    ['/reset-password?x=1&token=lwr_abc#top', '/reset-password?x=1&token=[redacted]#top'],
    ['/oauth/strava/callback?code=c0de&state=s7&scope=read', '/oauth/strava/callback?code=[redacted]&state=[redacted]&scope=read'],
    ['/roster?teamId=t1', '/roster?teamId=t1'],
    ['/webhooks/polar/whk_SECRET?x=1', '/webhooks/polar/[redacted]?x=1'],
    ['/webhooks/strava', '/webhooks/strava'],
  ])('should turn %s into %s', (url, expected) => {
    expect(redactUrlTokens(url)).toBe(expected);
  });
});

describe('the request log', () => {
  async function logOf(level: string, handler: http.RequestListener, request: { path: string; method?: string; headers?: Record<string, string> }): Promise<string> {
    let out = '';
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((out += chunk.toString()), done()) });
    const middleware = pinoHttp({ ...httpLogOptions(level), logger: pino({ level }, sink) });
    const server = http.createServer((req, res) => middleware(req, res, () => handler(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}${request.path}`, { method: request.method ?? 'GET', headers: request.headers });
    await new Promise((resolve) => server.close(resolve));
    return out;
  }

  it('should keep session cookies, bearer tokens, signatures and link tokens out of it', async () => {
    const log = await logOf(
      'info',
      (_req, res) => {
        res.setHeader('set-cookie', 'lw_session=lws_SECRETSESSION; HttpOnly');
        res.end('{}');
      },
      { path: '/invite?token=lwi_SECRETLINK', headers: { authorization: 'Bearer lwt_SECRETBEARER', cookie: 'lw_session=lws_SECRETCOOKIE', 'webhook-signature': 'v1,SECRETSIG' } },
    );
    expect(log).toContain('/invite?token=[redacted]');
    expect(log).not.toMatch(/SECRET/);
  });

  it('should log accepted webhooks at debug and refused ones at warn', async () => {
    const ok = await logOf('info', (_req, res) => ((res.statusCode = 202), res.end()), { path: '/webhooks/standard', method: 'POST' });
    expect(ok).toBe('');
    const refused = await logOf('info', (_req, res) => ((res.statusCode = 401), res.end()), { path: '/webhooks/standard', method: 'POST' });
    expect(JSON.parse(refused).level).toBe(40);
    const page = await logOf('info', (_req, res) => res.end(), { path: '/roster' });
    expect(JSON.parse(page).level).toBe(30);
  });
});
