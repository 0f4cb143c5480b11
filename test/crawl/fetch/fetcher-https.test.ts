import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError } from '../../../src/core/errors.js';
import { createFetcher } from '../../../src/crawl/fetch/index.js';

const ADDRESS = '127.0.0.91';
const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** HTTPS through the resolve map: the request goes to the address, SNI and certificate check use the host name. */
describe('createFetcher over HTTPS', () => {
  let server: https.Server;
  let port = 0;
  const sni: (string | false | null)[] = [];

  before(async () => {
    server = https.createServer({ cert: fixture('secure-test.crt'), key: fixture('secure-test.key') }, (req, res) => {
      sni.push((req.socket as TLSSocket).servername);
      res.end(`tls ${req.headers.host}`);
    });
    await new Promise<void>((resolve) => server.listen(0, ADDRESS, resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it('sends the host name as SNI and checks the certificate against it', async () => {
    const fetcher = createFetcher({ resolve: [`*.test=${ADDRESS}:${port}`], allowAddresses: [ADDRESS], tlsCa: fixture('secure-test.crt') });
    const r = await fetcher.fetch('https://secure.test/');
    const sub = await fetcher.fetch('https://www.secure.test/');
    assert.equal(r.body.toString(), 'tls secure.test');
    assert.equal(sub.body.toString(), 'tls www.secure.test');
    assert.deepEqual(sni.slice(-2), ['secure.test', 'www.secure.test']);
    await assert.rejects(fetcher.fetch('https://other.test/'), (e: unknown) => e instanceof NonRetryableError && e.code === 'NETWORK', 'certificate for another name');
    await fetcher.close();
  });

  it('refuses an untrusted certificate (not retryable)', async () => {
    const fetcher = createFetcher({ resolve: [`*.test=${ADDRESS}:${port}`], allowAddresses: [ADDRESS] });
    await assert.rejects(fetcher.fetch('https://secure.test/'), (e: unknown) => e instanceof NonRetryableError && e.code === 'NETWORK');
    await fetcher.close();
  });
});
