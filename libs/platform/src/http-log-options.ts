/**
 * What the request log may contain. Health data and credentials never reach it: the Authorization header,
 * cookies (both ways: a login's Set-Cookie carries the session), webhook signatures, bodies, and the one-time
 * tokens that ride in URLs (invite, password reset, unsubscribe links).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

const URL_TOKEN = /([?&](?:token|code|state)=)[^&#]*/gi;
// Unsigned platforms post to /webhooks/<platform>/<secret path token>.
const WEBHOOK_PATH_TOKEN = /^(\/webhooks\/[^/?#]+\/)[^/?#]+/;

/** `/invite?token=lwi_abc` → `/invite?token=[redacted]` (OAuth code and state, webhook path tokens too). */
export function redactUrlTokens(url: string): string {
  return url.replace(URL_TOKEN, '$1[redacted]').replace(WEBHOOK_PATH_TOKEN, '$1[redacted]');
}

export function httpLogOptions(level: string): Options {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["webhook-signature"]',
        'req.query.token',
        'req.query.code',
        'req.query.state',
        'req.body',
        'res.headers["set-cookie"]',
        'res.body',
      ],
      remove: true,
    },
    serializers: {
      req: (req: { url?: string }) => (typeof req.url === 'string' ? { ...req, url: redactUrlTokens(req.url) } : req),
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    // Accepted webhooks arrive by the thousand a second: they log at debug; refusals and errors stay visible.
    customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return req.url?.startsWith('/webhooks/') ? 'debug' : 'info';
    },
  };
}
