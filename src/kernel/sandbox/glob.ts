/**
 * Glob matching for scopes. `**` crosses `/`, `*` does not, `?` is one character.
 * Compiled once per pattern and cached: checks run on every syscall.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `/**` at the end also matches the folder itself.
        if (glob[i + 2] === undefined && glob[i - 1] === '/') {
          src = src.slice(0, -1) + '(?:/.*)?';
        } else src += '.*';
        i++;
      } else src += '[^/]*';
    } else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(src + '$');
  cache.set(glob, re);
  return re;
}

export const globMatch = (glob: string, value: string) => globToRegExp(glob).test(value);

/** How specific a pattern is: longer literal prefixes win, so rules sort most specific first. */
export function specificity(glob: string): number {
  const star = glob.search(/[*?]/);
  return star === -1 ? glob.length + 1000 : star;
}
