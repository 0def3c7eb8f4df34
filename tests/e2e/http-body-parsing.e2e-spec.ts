import request from 'supertest';
import { startTestApp, TestApp } from '../setup/test-app';

// One body parser serves every route (apps/api/src/http/body-parsing.ts): raw bytes for webhooks, JSON for the
// rest, each read only up to its route's limit. Whatever arrives, the answer is a clear 4xx JSON error.
describe('request bodies (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => t?.close());

  const http = () => request(t.app.getHttpServer());

  it('should refuse a JSON body over 256 KiB on an API route with 413 while reading it', async () => {
    const res = await http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    ['broken JSON', '{"email": '],
    ['a __proto__ key (prototype poisoning)', '{"__proto__": {"admin": true}, "email": "a@b.test", "password": "long-enough-pw"}'],
  ])('should refuse %s with 400', async (_name, body) => {
    const res = await http().post('/api/auth/login').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'MALFORMED_JSON' });
  });

  it('should read +json media types as JSON', async () => {
    const res = await http().post('/api/auth/login').set('content-type', 'application/merge-patch+json').send('{"email": "not-an-email"}');
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
  });

  it('should not read a body of a type the API does not take, and answer as if none came', async () => {
    const res = await http().post('/api/auth/login').set('content-type', 'text/plain').send('email=a@b.test');
    expect(res.status).toBe(422);
    // A sign-out form posted without JavaScript (urlencoded) reaches the route rather than a 415.
    const logout = await http().post('/api/auth/logout').set('content-type', 'application/x-www-form-urlencoded').send('');
    expect(logout.status).toBe(401);
  });

  it('should hand webhooks their bytes whatever the content type, and give the data-set platforms a larger limit', async () => {
    const unsigned = await http().post('/webhooks/standard').set('content-type', 'text/plain').send('{"type": "session.upserted"}');
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error).toBe('SIGNATURE_MISSING');
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const standard = await http().post('/webhooks/standard').set('content-type', 'application/json').send(big);
    expect(standard.status).toBe(413);
    // Garmin may send ≥ 100 MB: 2 MiB is read and then judged by Garmin's own rules, not refused for its size.
    const garmin = await http().post('/webhooks/garmin').set('content-type', 'application/json').send(big);
    expect(garmin.status).not.toBe(413);
    expect(garmin.status).toBeGreaterThanOrEqual(400);
    expect(garmin.status).toBeLessThan(500);
  });
});
