import { LOGIN_PAGE, NOT_BUILT } from '../assets.js';
import { HttpError } from '../errors.js';
import { Reply, defineRoute } from '../route.js';

const HTML = 'text/html; charset=utf-8';

export const clientRoutes = [
  defineRoute({
    method: 'GET',
    path: '/',
    doc: 'The browser desktop. `?token=` once sets an HttpOnly cookie and redirects to a clean URL.',
    public: true,
    handler: ({ web, url, authed }) => {
      const fromQuery = url.searchParams.get('token');
      if (fromQuery !== null) {
        if (!web.isToken(fromQuery)) return Reply.text(401, LOGIN_PAGE, HTML);
        // The token leaves the address bar (and history) at once; the cookie carries it on.
        return Reply.redirect('/', { 'Set-Cookie': web.tokenCookie(fromQuery) });
      }
      if (!authed) return Reply.text(401, LOGIN_PAGE, HTML);
      if (!web.assets.index) return Reply.text(503, NOT_BUILT, HTML);
      return Reply.text(200, web.assets.index, HTML, { 'Cache-Control': 'no-store' });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/assets/:name',
    doc: 'The client bundle (hashed file names, cached for good).',
    handler: ({ web, params }) => {
      const a = web.assets.get(params.name!);
      if (!a) throw new HttpError(404, 'ENOENT', `no asset "${params.name}"`);
      return Reply.text(200, a.body, a.type, { 'Cache-Control': 'private, max-age=31536000, immutable' });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/routes',
    doc: 'This table: every route with its method and what it does.',
    handler: ({ web }) => ({ routes: web.routes().map((r) => ({ method: r.method, path: r.path, doc: r.doc, token: !r.public })) }),
  }),
];
