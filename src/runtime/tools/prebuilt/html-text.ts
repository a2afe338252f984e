import { stripControls } from '../../../util/sanitize.js';

/**
 * HTML as readable text, for the browser app: headings, paragraphs, list items and table
 * cells on their own lines, links numbered (`text [3]`) and collected, scripts, styles and
 * markup dropped, entities decoded. A linear scan with indexOf, never a backtracking
 * regular expression over the page, so a hostile page costs its length and no more.
 */
export interface Readable {
  title: string;
  text: string;
  links: { text: string; href: string }[];
}

const MAX_TEXT = 200_000;
const MAX_LINKS = 500;
/** Elements whose content is not text to read. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'button']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'ul', 'ol', 'table', 'tr', 'thead', 'tbody',
  'blockquote', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'form', 'address', 'details', 'summary', 'fieldset', 'hr', 'center',
]);
const HEADINGS: Record<string, string> = { h1: '# ', h2: '## ', h3: '### ', h4: '#### ', h5: '##### ', h6: '###### ' };

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', copy: '©', reg: '®',
  trade: '™', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', middot: '·', bull: '•', laquo: '«', raquo: '»', times: '×',
  divide: '÷', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°', para: '¶', sect: '§', eacute: 'é', egrave: 'è',
  agrave: 'à', ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** A link made absolute against the page's URL; only http(s) links are kept. */
function resolveHref(href: string, base?: string): string | undefined {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

class Output {
  private parts: string[] = [];
  private size = 0;
  /** How many newlines end the output (0, 1, 2+). */
  private trailing = 2;
  full = false;

  text(s: string) {
    if (!s || this.full) return;
    if (this.trailing > 0) s = s.replace(/^ +/, '');
    if (!s) return;
    this.parts.push(s);
    this.size += s.length;
    this.trailing = 0;
    if (this.size > MAX_TEXT) this.full = true;
  }

  /** Raw text with its own newlines (pre). */
  raw(s: string) {
    if (!s || this.full) return;
    this.parts.push(s);
    this.size += s.length;
    const m = /\n*$/.exec(s)![0].length;
    this.trailing = m === s.length ? this.trailing + m : m;
    if (this.size > MAX_TEXT) this.full = true;
  }

  breakLine(n = 1) {
    while (this.trailing < n) {
      this.parts.push('\n');
      this.trailing++;
    }
  }

  result() {
    return this.parts.join('').slice(0, MAX_TEXT).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

export function htmlToText(html: string, base?: string): Readable {
  const lower = html.toLowerCase();
  const out = new Output();
  const links: Readable['links'] = [];
  let title = '';
  let inTitle = false;
  let pre = 0;
  let link: { href?: string; text: string } | null = null;
  const n = html.length;
  let i = 0;

  const addText = (raw: string) => {
    const decoded = decodeEntities(raw);
    if (inTitle) {
      title += decoded;
      return;
    }
    const text = pre ? decoded : decoded.replace(/\s+/g, ' ');
    if (link) link.text += text;
    if (pre) out.raw(text);
    else out.text(text);
  };

  while (i < n && !out.full) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      addText(html.slice(i));
      break;
    }
    if (lt > i) addText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) {
      addText(html.slice(lt));
      break;
    }
    i = gt + 1;
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt + 1, Math.min(gt, lt + 40)));
    if (!m) {
      // `<!DOCTYPE>`, `<?xml?>` and stray `<` of no tag: a lone "<" in text stays text.
      if (!/^[!?]/.test(html[lt + 1] ?? '')) addText(html.slice(lt, gt + 1));
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    const attrs = html.slice(lt + 1 + m[0].length, gt);
    if (!closing && SKIP.has(name)) {
      const end = lower.indexOf(`</${name}`, i);
      i = end < 0 ? n : Math.max(i, lower.indexOf('>', end) + 1 || n);
      if (name === 'button' || name === 'select') out.text(' ');
      continue;
    }
    if (name === 'title') {
      inTitle = !closing;
      continue;
    }
    if (name === 'head' && closing) inTitle = false;
    if (name === 'br') {
      if (pre) out.raw('\n');
      else out.breakLine(1);
    } else if (HEADINGS[name]) {
      out.breakLine(2);
      if (!closing) out.text(HEADINGS[name]);
    } else if (name === 'li') {
      out.breakLine(1);
      if (!closing) out.text('• ');
    } else if (name === 'pre') {
      out.breakLine(2);
      pre = Math.max(0, pre + (closing ? -1 : 1));
    } else if (name === 'td' || name === 'th') {
      if (!closing) out.text(' | ');
    } else if (name === 'p' || name === 'blockquote' || name === 'table' || name === 'hr') {
      out.breakLine(2);
      if (name === 'hr' && !closing) {
        out.text('────────');
        out.breakLine(2);
      }
    } else if (BLOCK.has(name)) {
      out.breakLine(1);
    } else if (name === 'img' && !closing) {
      const alt = attr(attrs, 'alt');
      if (alt) out.text(`[image: ${alt.replace(/\s+/g, ' ')}]`);
    } else if (name === 'a') {
      if (!closing) {
        const href = attr(attrs, 'href');
        link = { href: href === undefined ? undefined : resolveHref(href, base), text: '' };
      } else if (link) {
        if (link.href && links.length < MAX_LINKS && link.text.trim()) {
          links.push({ text: link.text.replace(/\s+/g, ' ').trim(), href: link.href });
          out.text(` [${links.length}]`);
        }
        link = null;
      }
    }
  }
  return { title: stripControls(decodeEntities(title).replace(/\s+/g, ' ').trim(), false), text: stripControls(out.result()), links };
}
