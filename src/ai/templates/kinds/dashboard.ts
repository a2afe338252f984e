import type { ToolBinding } from '../../../blueprint/types.js';
import { defineKind } from '../kind.js';
import { durations, listAfter, listBefore, urlOf } from '../params.js';
import { slug, titleCase, type Sentence } from '../sentence.js';
import { ref, tool } from '../tools.js';
import { button, caption, card, grid, heading, input, row, text } from '../ui.js';

const WEATHER_FIELDS = ['temperature', 'humidity', 'wind speed', 'conditions'];

export const dashboard = defineKind({
  id: 'dashboard',
  name: 'Dashboard',
  icon: '🌤️',
  category: 'utilities',
  keywords: { weather: 4, forecast: 4, dashboard: 3, 'api viewer': 4, 'json viewer': 3, 'fetch json': 3, endpoint: 2, api: 2, monitor: 1, status: 1, url: 1, http: 1, https: 1 },
  params: (s: Sentence) => {
    const url = urlOf(s);
    const named = listAfter(s, ['showing', 'show', 'shows', 'displaying', 'display', 'fields', 'with'], { maxWords: 2 }).filter((f) => !/^(a|the|url|data|refresh|auto|json)$/.test(f) && !/https?/.test(f));
    const fields = named.length >= 2 ? named : listBefore(s, ['fields', 'values', 'cards']);
    const weather = /\b(weather|forecast|temperature)\b/.test(s.text);
    const every = durations(s).find((d) => /every|refresh/.test(s.text.slice(Math.max(0, s.text.indexOf(d.text) - 20), s.text.indexOf(d.text))));
    return { url, fields: fields.length ? fields.slice(0, 8) : weather ? WEATHER_FIELDS : ['value'], weather, refreshMs: every?.ms };
  },
  describe: (p) => [p.url ? `URL ${p.url}` : 'URL typed in the app', `fields ${p.fields.join(', ')}`, p.refreshMs ? `refresh every ${p.refreshMs / 1000}s` : ''].filter(Boolean).join(', '),
  build: (p) => {
    const fetch: ToolBinding[] = [tool.httpGet(ref('url'), 'data'), tool.set('updated', 'updated just now')];
    const host = p.url ? new URL(p.url).host : undefined;
    return {
      description: `${p.weather ? 'Weather' : 'Live data'} from ${p.url ?? 'a JSON URL you enter'}: ${p.fields.join(', ')}${p.refreshMs ? `, refreshed every ${p.refreshMs / 60000 >= 1 ? `${p.refreshMs / 60000} min` : `${p.refreshMs / 1000} s`}` : ''}.`,
      components: [
        row('source', [input('url', { type: 'url', value: p.url ?? '', placeholder: 'https://api.example.com/data.json' }), button('refresh', 'Refresh', fetch, { variant: 'primary' })]),
        grid('cards', Math.min(p.fields.length, 4), p.fields.map((f) => card(`card-${slug(f)}`, titleCase(f), [heading(`value-${slug(f)}`, ref(`data.${f.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase())}`), 'h2')]))),
        caption('updated', 'not loaded yet'),
        text('raw-title', 'Response', { variant: 'label' }),
        text('raw', ref('data'), { color: 'muted' }),
      ],
      permissions: ['NETWORK_ACCESS'],
      tags: host ? [host] : [],
      lifecycle: {
        on_mount: p.url ? [...fetch, ...(p.refreshMs ? [tool.every('refresh-timer', p.refreshMs, fetch)] : [])] : [],
        on_unmount: p.refreshMs ? [tool.stopTimer('refresh-timer')] : [],
      },
      keys: { r: fetch },
    };
  },
});

export const DASHBOARD_KINDS = [dashboard];
