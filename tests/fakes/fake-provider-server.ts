import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  params: Record<string, string>;
}

export interface FakeResponse {
  status?: number;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * A wearable platform's REST API on 127.0.0.1 for tests: routes are registered per test file (see strava.fake.ts),
 * every request is recorded, and anything unrouted answers 404 like a real API would.
 */
export class FakeProviderServer {
  readonly requests: FakeRequest[] = [];
  private readonly routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  private server: http.Server | null = null;
  url = '';

  route(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:([a-zA-Z]+)/g, (_m, k: string) => (keys.push(k), '([^/]+)'))}$`);
    // Later registrations win, so a test can override a default route.
    this.routes.unshift({ method, pattern, keys, handler });
    return this;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req, Buffer.concat(chunks)).then((reply) => {
          const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
          res.writeHead(reply.status ?? 200, { 'content-type': reply.json !== undefined ? 'application/json' : 'application/octet-stream', ...reply.headers });
          res.end(body);
        });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  requestsTo(method: string, pathPrefix: string): FakeRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  private async handle(req: http.IncomingMessage, body: Buffer): Promise<FakeResponse> {
    const url = new URL(req.url ?? '/', 'http://fake');
    for (const route of this.routes) {
      const match = route.method === req.method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1])]));
      const fake: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, params };
      this.requests.push(fake);
      try {
        return await route.handler(fake);
      } catch (error) {
        return { status: 500, json: { error: (error as Error).message } };
      }
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, params: {} });
    return { status: 404, json: { message: 'Record Not Found' } };
  }
}

/** The bearer token of a fake request, or null. */
export function bearerOf(req: FakeRequest): string | null {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7) : null;
}
