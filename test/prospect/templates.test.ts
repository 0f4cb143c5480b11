/** Outreach templates: merge fields escaped for HTML and for the subject header; a missing field is an error. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { DEFAULT_TEMPLATES, parseTemplate, renderTemplate, templateFields } from '../../src/prospect/index.js';

const isInvalid = (fields: string[]) => (e: unknown): boolean => e instanceof ValidationError && e.code === 'INVALID_INPUT' && fields.every((f) => e.issues.some((i) => i.where === f));

describe('renderTemplate', () => {
  it('fills fields: HTML-escaped in an HTML body, as they are in text, on one line in the subject', () => {
    const fields = { site: 'Tom & Jerry\'s <b>blog</b>', page_title: 'Widgets\r\nBcc: victim@example.org', dead_url: 'http://a.example/x?a=1&b="2"', your_url: 'https://acme.example/' };
    const html = renderTemplate({ subject: 'About {{page_title}}', html: '<p>{{site}} links to <a href="{{dead_url}}">{{ dead_url }}</a>; try {{your_url}}</p>' }, fields);
    assert.equal(html.subject, 'About Widgets Bcc: victim@example.org');
    assert.ok(!/[\r\n]/.test(html.subject));
    assert.equal(html.html, '<p>Tom &amp; Jerry&#39;s &lt;b&gt;blog&lt;/b&gt; links to <a href="http://a.example/x?a=1&amp;b=&quot;2&quot;">http://a.example/x?a=1&amp;b=&quot;2&quot;</a>; try https://acme.example/</p>');
    const text = renderTemplate({ subject: 'Hi {{SITE}}', text: '{{site}}: {{dead_url}}' }, fields);
    assert.equal(text.text, 'Tom & Jerry\'s <b>blog</b>: http://a.example/x?a=1&b="2"');
    assert.equal(text.subject, "Hi Tom & Jerry's <b>blog</b>");
  });

  it('refuses a missing or blank field, naming each, rather than mailing an empty string', () => {
    assert.throws(() => renderTemplate({ subject: 'Hi {{site}}', text: 'See {{your_url}} instead of {{dead_url}}' }, { site: 'a.example', dead_url: '  ' }), isInvalid(['your_url', 'dead_url']));
    assert.throws(() => renderTemplate({ subject: 'Hi', text: 'x {{ not a field }}' }, {}), isInvalid(['{{not a field}}']));
    assert.throws(() => renderTemplate({ subject: 'Hi' }, {}), isInvalid(['template']));
    assert.throws(() => renderTemplate({ subject: '{{site}}', text: 'x' }, { site: '\r\n' }), isInvalid(['site']));
  });

  it('reads template files and has a default template for every kind', () => {
    const t = parseTemplate('Subject: Hello {{site}}\n\nDear editor,\n{{your_url}}\n');
    assert.deepEqual(t, { subject: 'Hello {{site}}', text: 'Dear editor,\n{{your_url}}\n' });
    assert.deepEqual(parseTemplate('subject: x\r\n\r\n<p>y</p>', true), { subject: 'x', html: '<p>y</p>' });
    assert.throws(() => parseTemplate('Hello {{site}}'), isInvalid(['template']));
    for (const [kind, tpl] of Object.entries(DEFAULT_TEMPLATES)) {
      assert.ok(templateFields(tpl).includes('your_url'), kind);
      assert.ok(templateFields(tpl).includes('sender_name'), kind);
    }
  });
});
