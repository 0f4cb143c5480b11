import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFetcher, hopsOf, SsrfBlockedError } from '../../../src/crawl/fetch/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const PUBLIC_LOOKING = '127.0.0.41';
const INTERNAL = '127.0.0.42';

function isSsrf(address: string) {
  return (e: unknown): boolean => e instanceof SsrfBlockedError && e.code === 'SSRF_BLOCKED' && e.address === address && e.message.includes(address);
}

describe('SSRF guard', () => {
  let outside: TestServer;
  let inside: TestServer;

  before(async () => {
    inside = await startTestServer(INTERNAL, (_req, res) => void res.end('secret'));
    outside = await startTestServer(PUBLIC_LOOKING, (req, res) => {
      if (req.url === '/to-internal') return void res.writeHead(302, { location: `${inside.origin}/admin` }).end();
      if (req.url === '/to-internal-name') return void res.writeHead(301, { location: `http://intranet.corp:${inside.port}/` }).end();
      if (req.url === '/to-metadata') return void res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      res.end('public');
    });
  });

  after(async () => {
    await outside.close();
    await inside.close();
  });

  it('refuses loopback, private, link-local, IPv6 loopback and IPv4-mapped literals before connecting', async () => {
    const fetcher = createFetcher();
    const cases: [string, string][] = [
      [`http://127.0.0.1:${inside.port}/`, '127.0.0.1'],
      [`http://${INTERNAL}:${inside.port}/`, INTERNAL],
      ['http://10.1.2.3/', '10.1.2.3'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['http://[::1]/', '::1'],
      ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
      ['http://2130706433/', '127.0.0.1'],
      ['http://0x7f.1/', '127.0.0.1'],
    ];
    for (const [url, address] of cases) await assert.rejects(fetcher.fetch(url), isSsrf(address), url);
    await fetcher.close();
    assert.equal(inside.requests.length, 0, 'nothing reached the internal server');
  });

  it('refuses a host name that resolves to a private address, via the resolve map or DNS', async () => {
    const viaMap = createFetcher({ resolve: [`intranet.corp=${INTERNAL}:${inside.port}`] });
    await assert.rejects(viaMap.fetch('http://intranet.corp/'), isSsrf(INTERNAL));
    await viaMap.close();
    const viaLookup = createFetcher({ lookup: (host) => Promise.resolve(host === 'evil.example' ? ['192.168.1.10'] : ['8.8.8.8']) });
    await assert.rejects(viaLookup.fetch('http://evil.example/'), isSsrf('192.168.1.10'));
    await viaLookup.close();
    const viaSystemDns = createFetcher();
    await assert.rejects(viaSystemDns.fetch(`http://localhost:${inside.port}/`), (e: unknown) => e instanceof SsrfBlockedError);
    await viaSystemDns.close();
    assert.equal(inside.requests.length, 0);
  });

  it('checks again at every redirect hop: an allowed server cannot bounce us inside', async () => {
    const fetcher = createFetcher({ allowAddresses: [PUBLIC_LOOKING], resolve: [`intranet.corp=${INTERNAL}`] });
    for (const [path, address] of [['/to-internal', INTERNAL], ['/to-internal-name', INTERNAL], ['/to-metadata', '169.254.169.254']] as const) {
      const err = await fetcher.fetch(`${outside.origin}${path}`).then(() => null, (e: unknown) => e);
      assert.ok(isSsrf(address)(err), path);
      assert.deepEqual(hopsOf(err).map((h) => [h.url, h.ip]), [[`${outside.origin}${path}`, PUBLIC_LOOKING]], 'the hop taken is kept');
    }
    await fetcher.close();
    assert.equal(inside.requests.length, 0);
  });

  it('lets allowAddresses (IPs and CIDRs) and allowPrivate through', async () => {
    const cidr = createFetcher({ allowAddresses: ['127.0.0.40/30'] });
    assert.equal((await cidr.fetch(`${outside.origin}/to-internal`)).body.toString(), 'secret');
    await cidr.close();
    const open = createFetcher({ allowPrivate: true });
    assert.equal((await open.fetch(`http://[::ffff:${INTERNAL}]:${inside.port}/`)).body.toString(), 'secret');
    await open.close();
  });
});
