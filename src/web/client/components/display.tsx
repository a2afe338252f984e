import type { JSX } from 'react';
import type { RenderProps } from './types.js';
import { bool, cls, columned, num, str, toStyle } from './util.js';

const TEXT_TAGS: Record<string, keyof JSX.IntrinsicElements> = { h1: 'h1', h2: 'h2', h3: 'h3', caption: 'small', label: 'span', body: 'p' };

/** App text is always text: React escapes it; nothing is ever parsed as HTML. */
export function Text({ c, p }: RenderProps) {
  const variant = str(p.variant, 'body');
  const Tag = TEXT_TAGS[variant] ?? 'p';
  const text = str(p.content ?? p.text ?? p.value);
  return (
    <Tag
      data-component-id={c.id}
      className={cls('c-text', `t-${variant}`, p.color !== undefined && `color-${str(p.color)}`, p.weight !== undefined && `w-${str(p.weight)}`, columned(text) && 'columns')}
      style={{ textAlign: (['left', 'center', 'right'].includes(str(p.align)) ? str(p.align) : undefined) as 'left', ...toStyle(p.style) }}
    >
      {text}
    </Tag>
  );
}

export function Badge({ c, p }: RenderProps) {
  return (
    <span data-component-id={c.id} className={cls('c-badge', `v-${str(p.variant, 'default')}`, `size-${str(p.size, 'medium')}`)} style={toStyle(p.style)}>
      {str(p.text ?? p.label ?? p.content)}
    </span>
  );
}

export function Progress({ c, p }: RenderProps) {
  const max = Math.max(1e-9, num(p.max, 100));
  const value = Math.max(0, Math.min(max, num(p.value, 0)));
  const pct = Math.round((value / max) * 100);
  return (
    <div data-component-id={c.id} className={cls('c-progress', `v-${str(p.variant, 'default')}`, `size-${str(p.size, 'medium')}`)} style={toStyle(p.style)} role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className="bar" style={{ width: `${pct}%` }} />
      <span className="pct">{p.label !== undefined ? str(p.label) : `${pct}%`}</span>
    </div>
  );
}

export function Divider({ c, p }: RenderProps) {
  const vertical = p.orientation === 'vertical';
  return <hr data-component-id={c.id} className={cls('c-divider', vertical && 'vertical', `v-${str(p.variant, 'solid')}`)} style={toStyle(p.style)} aria-orientation={vertical ? 'vertical' : 'horizontal'} />;
}

/** A shortcut launches its app unless the Blueprint binds its click to something else. */
export function AppShortcut({ c, p, app }: RenderProps) {
  const target = str(p.app_id ?? p.appId);
  const variant = ['icon', 'card', 'list'].includes(str(p.variant)) ? str(p.variant) : 'icon';
  return (
    <button
      type="button"
      data-component-id={c.id}
      className={cls('c-shortcut', `v-${variant}`)}
      style={toStyle(p.style)}
      disabled={bool(p.disabled)}
      title={str(p.description)}
      onClick={() => (c.on_event?.click?.length || !target ? app.send(c.id, 'click') : app.launch(target))}
    >
      <span className="icon" aria-hidden>
        {str(p.icon, '▢')}
      </span>
      <span className="name">{str(p.name ?? p.label, target)}</span>
      {variant !== 'icon' && p.description !== undefined && <span className="desc">{str(p.description)}</span>}
    </button>
  );
}
