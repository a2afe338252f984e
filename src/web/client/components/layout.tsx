import { useRef, type KeyboardEvent } from 'react';
import type { Component } from '../../../blueprint/types.js';
import { Node } from './node.js';
import type { RenderProps } from './types.js';
import { Virtual, VIRTUAL_AFTER } from './virtual.js';
import { bool, cls, columned, length, num, optionOf, str, toStyle } from './util.js';

const SPACE: Record<string, number> = { none: 0, small: 4, medium: 10, large: 18 };
const JUSTIFY: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', between: 'space-between', around: 'space-around' };
const ALIGN: Record<string, string> = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch' };

const gapOf = (p: Record<string, unknown>) => (typeof p.gap === 'number' ? p.gap : (SPACE[str(p.gap)] ?? SPACE[str(p.spacing, 'medium')] ?? 10));

export function Container({ c, p, kids }: RenderProps) {
  const children = kids;
  const horizontal = p.layout === 'horizontal' || p.direction === 'row' || p.direction === 'horizontal';
  const style = {
    display: 'flex',
    flexDirection: horizontal ? 'row' : 'column',
    gap: gapOf(p),
    padding: SPACE[str(p.padding, 'none')] ?? 0,
    justifyContent: JUSTIFY[str(p.justify)],
    alignItems: ALIGN[str(p.align)],
    maxHeight: length(p.maxHeight),
    overflowY: p.maxHeight !== undefined ? 'auto' : undefined,
    flexWrap: horizontal && bool(p.wrap) ? 'wrap' : undefined,
    ...toStyle(p.style),
  } as const;
  if (!horizontal && children.length > VIRTUAL_AFTER) {
    return (
      <div data-component-id={c.id} className={cls('c-container', str(p.role) && `role-${str(p.role)}`)} style={toStyle(p.style)}>
        <Virtual count={children.length} maxHeight={length(p.maxHeight)} row={(i) => <Node c={children[i]!} />} />
      </div>
    );
  }
  return (
    <div data-component-id={c.id} className={cls('c-container', horizontal ? 'row' : 'col', str(p.role) && `role-${str(p.role)}`)} style={style as React.CSSProperties}>
      {children.map((k) => (
        <Node key={k.id} c={k} />
      ))}
    </div>
  );
}

export function Grid({ c, p, kids }: RenderProps) {
  const children = kids;
  const columns = Math.max(1, Math.min(12, Math.round(num(p.columns, 3))));
  const gap = gapOf(p);
  const template = bool(p.responsive) ? `repeat(auto-fill, minmax(${Math.round(480 / columns)}px, 1fr))` : `repeat(${columns}, minmax(0, 1fr))`;
  if (children.length > VIRTUAL_AFTER * columns) {
    const rows = Math.ceil(children.length / columns);
    return (
      <div data-component-id={c.id} className="c-grid" style={toStyle(p.style)}>
        <Virtual
          count={rows}
          row={(r) => (
            <div style={{ display: 'grid', gridTemplateColumns: template, gap }}>
              {children.slice(r * columns, r * columns + columns).map((k) => (
                <Node key={k.id} c={k} />
              ))}
            </div>
          )}
        />
      </div>
    );
  }
  return (
    <div data-component-id={c.id} className="c-grid" style={{ display: 'grid', gridTemplateColumns: template, gap, ...toStyle(p.style) }}>
      {children.map((k) => (
        <Node key={k.id} c={k} />
      ))}
    </div>
  );
}

/** Items (strings or {label, value}: choosing one sends `select` with its value) or child components. */
export function List({ c, p, kids, app }: RenderProps) {
  const items = Array.isArray(p.items) ? p.items : [];
  const children = kids;
  const count = items.length + children.length;
  const variant = str(p.variant, 'default');
  const row = (i: number) => {
    if (i >= items.length) return <Node key={children[i - items.length]!.id} c={children[i - items.length]!} />;
    const o = optionOf(items[i]);
    return (
      <button type="button" className={cls('c-list-item', variant === 'striped' && i % 2 === 1 && 'odd', columned(o.label) && 'columns')} disabled={bool(p.disabled)} onClick={() => app.send(c.id, 'select', o.value)}>
        {o.label}
      </button>
    );
  };
  return (
    <div data-component-id={c.id} className={cls('c-list', `v-${variant}`)} style={toStyle(p.style)} role="list">
      {count === 0 && <div className="c-empty">(empty)</div>}
      {count > VIRTUAL_AFTER ? (
        <Virtual count={count} maxHeight={length(p.maxHeight)} row={row} label={str(p.label) || undefined} />
      ) : (
        <div style={{ maxHeight: length(p.maxHeight), overflowY: p.maxHeight !== undefined ? 'auto' : undefined }}>
          {Array.from({ length: count }, (_, i) => (
            <div role="listitem" key={i < items.length ? `item-${i}` : children[i - items.length]!.id}>
              {row(i)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function Card({ c, p, kids }: RenderProps) {
  return (
    <section data-component-id={c.id} className="c-card" style={toStyle(p.style)}>
      {p.title !== undefined && <header className="c-card-title">{str(p.title)}</header>}
      <div className="c-card-body">
        {kids.map((k) => (
          <Node key={k.id} c={k} />
        ))}
      </div>
      {p.footer !== undefined && <footer className="c-card-footer">{str(p.footer)}</footer>}
    </section>
  );
}

const tabLabel = (k: Component) => str(k.props.label ?? k.props.title ?? k.id);

/** A row of tab titles over the active child; arrows move between tabs (as the terminal view does). */
export function Tabs({ c, p, kids, app }: RenderProps) {
  const children = kids;
  const active = children.find((k) => k.id === p.active) ?? children[0];
  const bar = useRef<HTMLDivElement>(null);
  const pick = (id: string) => void app.tool('tabs.switch', { tabs_id: c.id, tab_id: id }).then(() => app.send(c.id, 'change', id));
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const i = Math.max(0, children.findIndex((k) => k.id === active?.id));
    const next = children[(i + (e.key === 'ArrowLeft' ? -1 : 1) + children.length) % children.length];
    if (next) {
      pick(next.id);
      bar.current?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(next.id)}"]`)?.focus();
    }
  };
  return (
    <div data-component-id={c.id} className={cls('c-tabs', `v-${str(p.variant, 'default')}`)} style={toStyle(p.style)}>
      <div className="c-tab-bar" role="tablist" ref={bar} onKeyDown={onKey}>
        {children.map((k) => (
          <button key={k.id} type="button" role="tab" data-tab={k.id} aria-selected={k.id === active?.id} tabIndex={k.id === active?.id ? 0 : -1} className={cls('c-tab', k.id === active?.id && 'active')} disabled={bool(p.disabled)} onClick={() => pick(k.id)}>
            {tabLabel(k)}
          </button>
        ))}
      </div>
      <div className="c-tab-panel" role="tabpanel">
        {active && <Node key={active.id} c={active} />}
      </div>
    </div>
  );
}

/** Nothing in the flow; when open, a box over its window. Escape or ✕ closes it. */
export function Modal({ c, p, kids, app }: RenderProps) {
  if (!bool(p.open)) return null;
  const close = () => void app.tool('modal.close', { modal_id: c.id });
  return (
    <div className="c-modal-backdrop" data-component-id={c.id} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), close())}>
      <div className={cls('c-modal', `size-${str(p.size, 'medium')}`)} role="dialog" aria-modal="true" aria-label={str(p.title) || 'dialog'} style={toStyle(p.style)}>
        <header>
          <span>{str(p.title)}</span>
          <button type="button" className="close" aria-label="close" onClick={close} autoFocus>
            ✕
          </button>
        </header>
        <div className="c-modal-body">
          {kids.map((k) => (
            <Node key={k.id} c={k} />
          ))}
        </div>
      </div>
    </div>
  );
}
