import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/runtime/tools/prebuilt/html-text.js';
import { addressToUrl } from '../../src/runtime/tools/prebuilt/browser.js';
import { onCleanup } from '../helpers/kernel.js';
import { appDesk, click, stateOf, type, errorsOf } from './setup.js';

const PAGES: Record<string, [string, string]> = {
  '/': ['text/html; charset=utf-8', '<!doctype html><html><head><title>Home &amp; Garden</title><style>body{color:red}</style><script>alert(1)</script></head><body><h1>Welcome</h1><p>Hello <b>world</b> &mdash; read <a href="/about">about us</a>.</p><ul><li>one</li><li>two</li></ul></body></html>'],
  '/about': ['text/html', '<html><head><title>About</title></head><body><p>We make <a href="https://example.org/x">things</a>.</p></body></html>'],
  '/data': ['application/json', '{"a":1,"b":[2,3]}'],
};

async function site(): Promise<string> {
  const server = http.createServer((req, res) => {
    const page = PAGES[req.url ?? '/'];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    res.writeHead(200, { 'content-type': page[0] }).end(page[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('browser', () => {
  it('fetches a page through net.http and shows it as readable text, with back and forward', async () => {
    const base = await site();
    const { runtime: rt, kernel } = await appDesk();
    const id = await rt.launchApp('browser');
    await type(rt, id, 'url', `${base}/`);
    await click(rt, id, 'go');
    let s = stateOf(rt, id);
    expect(s.title).toBe('Home & Garden');
    expect(s.page).toBe('# Welcome\n\nHello world — read about us [1].\n\n• one\n• two');
    expect(s.links).toEqual([expect.objectContaining({ value: `${base}/about` })]);
    expect(String(s.status)).toMatch(/^200 OK · \d+ B · 1 links$/);
    // The request was the app's own syscall.
    expect(kernel.metrics.snapshot().by_syscall['net.http']?.calls).toBe(1);

    await rt.dispatchEvent(id, { component: 'links', event: 'select', value: 0 });
    await rt.idle();
    s = stateOf(rt, id);
    expect(s.title).toBe('About');
    expect(s.url).toBe(`${base}/about`);
    await click(rt, id, 'back');
    expect(stateOf(rt, id).title).toBe('Home & Garden');
    await click(rt, id, 'forward');
    expect(stateOf(rt, id).title).toBe('About');
    await click(rt, id, 'forward');
    expect(String(stateOf(rt, id).status)).toMatch(/Nothing to go forward/);

    await type(rt, id, 'url', `${base}/data`);
    await rt.dispatchEvent(id, { component: 'url', event: 'submit' });
    await rt.idle();
    expect(stateOf(rt, id).page).toBe('{\n  "a": 1,\n  "b": [\n    2,\n    3\n  ]\n}');
    await type(rt, id, 'url', `${base}/missing`);
    await click(rt, id, 'go');
    expect(String(stateOf(rt, id).status)).toMatch(/^404/);
    await type(rt, id, 'url', 'http://127.0.0.1:1/');
    await click(rt, id, 'go');
    expect(String(stateOf(rt, id).status)).toMatch(/Could not load/);
    expect(errorsOf(rt, id)).toEqual([]);
  });

  it('reads typed addresses as a browser does', () => {
    expect(addressToUrl('example.com')).toBe('https://example.com/');
    expect(addressToUrl('http://a.b/c?d')).toBe('http://a.b/c?d');
    expect(addressToUrl('file:///etc/passwd')).toBeUndefined();
    expect(addressToUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('turns hostile or odd HTML into plain text without markup or escape sequences', () => {
    const r = htmlToText('<p>a<!-- hidden <p>x</p> -->b</p><pre>  keep\n  this</pre><p>\u001b[31mred &#x41;&#66;&unknown;</p><a href="javascript:x()">bad</a><img alt="cat">1 < 2', 'http://h/');
    expect(r.text).toBe('ab\n\n  keep\n  this\n\nred AB&unknown;\n\nbad[image: cat]1 < 2');
    expect(r.links).toEqual([]);
    expect(htmlToText('<p>' + '<'.repeat(50_000)).text.length).toBeGreaterThan(0);
  });
});
