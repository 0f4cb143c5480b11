/**
 * Contact extraction: plain, obfuscated and decoy addresses in text and in HTML (an address inside
 * a script, image file names), mailto links, social profiles, and the demo web's contact pages as
 * served.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDemoWeb } from '../../src/demo/index.js';
import { extractContactsFromHtml, extractEmails, isEmailAddress, mailtoAddress, socialNetwork } from '../../src/prospect/index.js';
import { SMALL_DEMO } from './demo-crawl.js';

describe('extractEmails', () => {
  it('finds plain addresses and the common obfuscations, lower-cased', () => {
    const text = 'Write to Jane.Doe@Example.org or sales [at] shop-one [dot] co [dot] uk, tips(at)news.example.com, ' + 'press {at} example {dot} net and info @ nowhere; also ops [ AT ] example [ DOT ] io.';
    assert.deepEqual(extractEmails(text), [
      { address: 'jane.doe@example.org', how: 'text' },
      { address: 'sales@shop-one.co.uk', how: 'obfuscated' },
      { address: 'tips@news.example.com', how: 'obfuscated' },
      { address: 'press@example.net', how: 'obfuscated' },
      { address: 'ops@example.io', how: 'obfuscated' },
    ]);
  });

  it('rejects decoys: image and asset file names, half addresses, and never guesses', () => {
    assert.deepEqual(extractEmails('logo@2x.png banner@3x.jpg icon@2x.webp style@v2.css user@localhost @handle name@ a@b'), []);
    assert.deepEqual(extractEmails('no address here, just a contact form'), []);
    assert.equal(isEmailAddress('logo@2x.png'), false);
    assert.equal(isEmailAddress('hello@homeshop-review.test'), true);
    assert.equal(mailtoAddress('mailto:Editor@Gizmoguide.test?subject=Hi'), 'editor@gizmoguide.test');
    assert.equal(mailtoAddress('mailto:%20jo%40example.org'), 'jo@example.org');
    assert.equal(mailtoAddress('mailto:?subject=no-address'), null);
  });

  it('reads each text from its start, whatever was checked before', () => {
    assert.equal(isEmailAddress('a-rather-long-address-to-move-any-regexp-state@example.org'), true);
    const text = 'tips [at] example [dot] org and ads [at] example [dot] org';
    assert.deepEqual(extractEmails(text).map((e) => e.address), ['tips@example.org', 'ads@example.org']);
    assert.deepEqual(extractEmails(text).map((e) => e.address), ['tips@example.org', 'ads@example.org']);
  });
});

describe('extractContactsFromHtml', () => {
  it('reads mailto links, visible text and social profiles, never scripts or attributes', () => {
    const html = `<html><head><script>var x = "pixel@tracker.example";</script><style>.a{content:"s@t.example"}</style></head>
      <body><img src="/img/logo@2x.png" alt="team@alt-text.example"><p>Mail <a href="mailto:Desk@Paper.example">the desk</a>
      or letters [at] paper [dot] example.</p><noscript>hidden@paper.example</noscript>
      <a href="https://twitter.com/paper">Twitter</a> <a href="https://twitter.com/intent/tweet?text=hi">share</a>
      <a href="https://www.linkedin.com/company/paper/">LinkedIn</a> <a href="/about">About</a></body></html>`;
    const found = extractContactsFromHtml(html, 'http://paper.example/contact');
    assert.deepEqual(found.map((c) => `${c.type} ${c.value} ${c.how}`), [
      'email desk@paper.example mailto',
      'email letters@paper.example obfuscated',
      'social https://twitter.com/paper profile',
      'social https://www.linkedin.com/company/paper/ profile',
      'page http://paper.example/contact page',
    ]);
    assert.equal(socialNetwork('https://x.com/someone'), 'x');
    assert.equal(socialNetwork('https://www.facebook.com/sharer/sharer.php?u=x'), null);
    assert.equal(socialNetwork('https://example.com/someone'), null);
  });

  it('finds exactly the planted contacts on the demo web as served, and none of its decoys', () => {
    const web = generateDemoWeb(SMALL_DEMO);
    const truth = web.truth;
    const pages = [...new Set(truth.contacts.map((c) => c.pageUrl))];
    assert.ok(pages.length >= 5);
    for (const url of pages) {
      const body = web.responses.get(url)?.body.toString('utf8') ?? '';
      const found = extractContactsFromHtml(body, url).map((c) => `${c.type} ${c.value} ${c.how}`).sort();
      const want = truth.contacts.filter((c) => c.pageUrl === url).map((c) => `${c.type} ${c.value} ${c.how}`).sort();
      assert.deepEqual(found, want, url);
    }
    const gizmoContact = web.responses.get('http://www.gizmoguide.test/contact-us')?.body.toString('utf8') ?? '';
    for (const decoy of truth.contactDecoys) assert.ok(gizmoContact.includes(decoy), `the decoy ${decoy} is on the page`);
  });
});
