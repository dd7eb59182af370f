import { ConfigError, loadConfig } from '../../apps/api/src/config/app-config';
import { startTestApp, type TestApp } from '../support/test-app';

const PARTNER = 'https://partner.example.cn';

/** A browser's CORS preflight for a signed-in JSON POST from `origin`. */
const preflight = (t: TestApp, origin: string) =>
  t.http
    .options('/api/events')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'authorization,content-type');

describe('security headers, CORS and the OpenAPI UI', () => {
  describe('with CORS_ORIGINS listing one partner', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: `${PARTNER}, http://localhost:5173` });
    });
    afterAll(() => t?.close());

    it.each(['/api/health', '/api/no-such-route', '/api/events'])(
      'answers %s with CSP, nosniff, no framing, no referrer and HSTS',
      async (path) => {
        const res = await t.http.get(path);
        const csp = res.headers['content-security-policy'];
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        // frame-ancestors 'none' above is what current browsers obey; this is for old ones.
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        // Decision: one year, no includeSubDomains/preload (browsers ignore it over plain http).
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(res.headers['x-powered-by']).toBeUndefined();
      },
    );

    it('sends the same headers with a refusal of the early sign-in check (401) and a 404', async () => {
      const ok = await t.http.get('/api/health');
      const refused = await t.http
        .post('/api/events/00000000-0000-4000-8000-000000000000/registrations')
        .send({ answers: {} })
        .expect(401);
      const missing = await t.http.get('/api/no-such-route').expect(404);
      const names = Object.keys(ok.headers).filter((name) =>
        /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-security|x-content-type-options|x-dns-prefetch-control|x-download-options|x-frame-options|x-permitted-cross-domain-policies|x-xss-protection)/.test(
          name,
        ),
      );
      expect(names.length).toBeGreaterThanOrEqual(10);
      for (const name of names) {
        expect(refused.headers[name]).toBe(ok.headers[name]);
        expect(missing.headers[name]).toBe(ok.headers[name]);
      }
    });

    it('allows a preflight from a listed origin, exactly', async () => {
      const res = await preflight(t, PARTNER);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(PARTNER);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/origin/i);
      const local = await preflight(t, 'http://localhost:5173');
      expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    });

    it.each([
      'https://evil.example',
      'https://partner.example.cn.evil.example',
      'https://evil-partner.example.cn',
      'http://partner.example.cn',
      'https://partner.example.cn:8443',
      'null',
    ])('refuses a preflight from the unlisted origin %s (no Access-Control-Allow-Origin)', async (origin) => {
      const res = await preflight(t, origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('marks actual responses for listed origins only', async () => {
      const ok = await t.http.get('/api/events').set('Origin', PARTNER).expect(200);
      expect(ok.headers['access-control-allow-origin']).toBe(PARTNER);
      expect(ok.headers['access-control-expose-headers']).toContain('content-disposition');
      const evil = await t.http.get('/api/events').set('Origin', 'https://evil.example').expect(200);
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves the OpenAPI UI and document outside production (tests and development)', async () => {
      await t.http.get('/api/docs-json').expect(200);
      await t.http.get('/api/docs').expect(200);
    });
  });

  describe('by default: same origin only, and in production the OpenAPI UI is off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ NODE_ENV: 'production' });
    });
    afterAll(() => t?.close());

    it('sends no CORS header to any origin', async () => {
      for (const origin of [PARTNER, 'https://evil.example']) {
        const pre = await preflight(t, origin);
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
        const get = await t.http.get('/api/events').set('Origin', origin).expect(200);
        expect(get.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('answers /api/docs and /api/docs-json with the API’s 404', async () => {
      for (const path of ['/api/docs', '/api/docs-json']) {
        const res = await t.http.get(path).expect(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });
  });

  it('turns the OpenAPI UI on in production only when OPENAPI_UI=true', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', OPENAPI_UI: 'true' });
    try {
      const doc = await t.http.get('/api/docs-json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
    } finally {
      await t.close();
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', OPENAPI_UI: 'false' }).openApiUi).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).openApiUi).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', NODE_ENV: 'production' }).openApiUi).toBe(false);
  });

  it.each(['*', 'https://partner.example.cn/', 'https://partner.example.cn/app', 'partner.example.cn', ''])(
    'refuses CORS_ORIGINS=%j at start with one line',
    (value) => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', CORS_ORIGINS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', CORS_ORIGINS: value })).toThrow(
        /^Invalid configuration: CORS_ORIGINS must be a comma-separated list of exact origins/,
      );
    },
  );
});
