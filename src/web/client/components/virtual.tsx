import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Past this many rows, only those in view (and a few around) are in the page. */
export const VIRTUAL_AFTER = 100;
const OVERSCAN = 6;

/**
 * A scrolling column of `count` rows where only the visible ones exist: thousands of items
 * cost what a screenful costs. Rows share one height, measured from the first one drawn.
 */
export function Virtual({ count, row, maxHeight, className, label }: { count: number; row: (i: number) => ReactNode; maxHeight?: string | number; className?: string; label?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [view, setView] = useState(480);
  const [rowH, setRowH] = useState(34);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setView(el.clientHeight || 480);
    const first = el.querySelector<HTMLElement>('[data-vrow]');
    const h = first?.firstElementChild ? (first.firstElementChild as HTMLElement).offsetHeight : 0;
    if (h > 4 && Math.abs(h - rowH) > 1) setRowH(h);
  });
  const from = Math.max(0, Math.floor(top / rowH) - OVERSCAN);
  const to = Math.min(count, Math.ceil((top + view) / rowH) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = from; i < to; i++)
    rows.push(
      <div key={i} data-vrow={i} style={{ height: rowH, overflow: 'hidden' }}>
        {row(i)}
      </div>,
    );
  return (
    <div ref={box} className={className ? `virtual ${className}` : 'virtual'} style={{ maxHeight: maxHeight ?? '60vh', overflowY: 'auto' }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} aria-label={label} tabIndex={0}>
      <div style={{ height: count * rowH, position: 'relative' }}>
        <div style={{ transform: `translateY(${from * rowH}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
