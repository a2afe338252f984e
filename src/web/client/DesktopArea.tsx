import { useLayoutEffect, useRef, useState } from 'react';
import type { Rect } from '../../runtime/windows.js';
import { useDesk } from './context.js';
import { Window, px, type Area } from './Window.js';

/**
 * Where windows live. Windows are laid out in launch order and stacked by z-index (never
 * reordered in the page, so a playing video or a loaded page survives a raise).
 */
export function DesktopArea() {
  const desktop = useDesk((v) => v.desktop)!;
  const ref = useRef<HTMLElement>(null);
  const [area, setArea] = useState<Area>({ w: 1024, h: 640, left: 0, top: 0 });
  const [preview, setPreview] = useState<Rect | null>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setArea((a) => (a.w === r.width && a.h === r.height && a.left === r.left && a.top === r.top ? a : { w: r.width, h: r.height, left: r.left, top: r.top }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const z = new Map(desktop.stack.map((id, i) => [id, i + 1]));
  return (
    <main className="desktop-area" ref={ref} data-windows={Object.keys(desktop.windows).length}>
      {Object.keys(desktop.apps).map((id) => {
        const app = desktop.apps[id]!;
        const win = desktop.windows[id];
        if (!win || win.minimized) return null;
        return <Window key={id} app={app} win={win} focused={desktop.focused === id} z={z.get(id) ?? 1} area={area} onPreview={setPreview} />;
      })}
      {preview && <div className="snap-preview" data-snap-preview style={px(preview, area)} />}
    </main>
  );
}
