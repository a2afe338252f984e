import { lazy, memo, Suspense, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { AppInstance } from '../../runtime/types.js';
import * as W from '../../runtime/windows.js';
import { AppView } from './AppView.js';
import { useConnection } from './context.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { AGENT_MARK } from '../../mcp/agent-windows.js';
import type { SentWindow } from '../sync.js';
import { isTerminalApp } from '../terminal-app.js';

const TerminalView = lazy(() => import('./TerminalView.js'));

export interface Area {
  w: number;
  h: number;
  left: number;
  top: number;
}

type Grab = { kind: 'move' | W.ResizeEdge; x0: number; y0: number; start: W.Rect; zone: W.SnapZone | null; moved: boolean };

const EDGES: W.ResizeEdge[] = ['top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right'];

/** The original's 20 px snap distance and 400×300 minimum, as fractions of this desktop. */
const snapEdge = (a: Area) => Math.max(W.SNAP_EDGE, 20 / Math.max(1, Math.min(a.w, a.h)));
const minSize = (a: Area) => W.minSizeFor(240, 140, a.w, a.h);

export const px = (r: W.Rect, a: Area) => ({ left: r.x * a.w, top: r.y * a.h, width: r.w * a.w, height: r.h * a.h });

/**
 * One window: a title bar to drag (to an edge or corner to snap, with a preview), edges and
 * corners to resize, buttons to minimize, maximize and close. While the pointer moves the
 * window follows locally; on release the new place goes to the runtime, which every view
 * then shows (the geometry is windows.ts's, so the terminal desktop agrees).
 */
export const Window = memo(function Window({ app, win, focused, z, area, onPreview }: { app: AppInstance; win: W.WindowGeometry; focused: boolean; z: number; area: Area; onPreview: (r: W.Rect | null) => void }) {
  const conn = useConnection();
  const [live, setLive] = useState<W.Rect | null>(null);
  const grab = useRef<Grab | null>(null);
  // The runtime's answer replaces the local rectangle.
  useEffect(() => {
    setLive(null);
  }, [win]);
  const shown = live ?? W.displayRect(win);
  if (!shown) return null;

  const command = (action: 'minimize' | 'toggle_maximize' | 'close' | 'focus') => conn.send({ type: 'window', app_id: app.id, action });
  const begin = (kind: Grab['kind'], e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    grab.current = { kind, x0: e.clientX, y0: e.clientY, start: W.displayRect(win) ?? win.rect, zone: null, moved: false };
    if (!focused) command('focus');
  };
  const move = (e: ReactPointerEvent) => {
    const g = grab.current;
    if (!g) return;
    const dx = (e.clientX - g.x0) / area.w;
    const dy = (e.clientY - g.y0) / area.h;
    if (!g.moved && Math.abs(e.clientX - g.x0) + Math.abs(e.clientY - g.y0) < 3) return;
    g.moved = true;
    if (g.kind === 'move') {
      const p = { x: Math.min(1, Math.max(0, (e.clientX - area.left) / area.w)), y: Math.min(1, Math.max(0, (e.clientY - area.top) / area.h)) };
      g.zone = W.snapZoneAt(p, snapEdge(area));
      onPreview(g.zone ? W.rectForZone(g.zone) : null);
      setLive(W.moveRect(g.start, dx, dy));
    } else setLive(W.resizeRect(g.start, g.kind, dx, dy, minSize(area)));
  };
  const end = () => {
    const g = grab.current;
    grab.current = null;
    onPreview(null);
    if (!g?.moved) return;
    if (g.kind === 'move' && g.zone) conn.send({ type: 'window', app_id: app.id, action: 'snap', zone: g.zone });
    else if (live) conn.send({ type: 'window', app_id: app.id, action: 'place', rect: live });
    // If the runtime changes nothing, stop showing the local rectangle anyway.
    setTimeout(() => !grab.current && setLive(null), 1000);
  };

  const terminal = isTerminalApp(app);
  const error = app.errors.at(-1);
  return (
    <section
      className={`window${focused ? ' focused' : ''}${win.mode !== 'normal' ? ` ${win.mode}` : ''}${win.zone ? ' snapped' : ''}`}
      data-app-id={app.id}
      data-zone={win.zone ?? undefined}
      data-mode={win.mode}
      style={{ ...px(shown, area), zIndex: z }}
      onPointerDown={() => !focused && command('focus')}
      aria-label={app.title}
    >
      <header className="titlebar" onPointerDown={(e) => begin('move', e)} onPointerMove={move} onPointerUp={end} onPointerCancel={end} onDoubleClick={() => command('toggle_maximize')}>
        <span className="icon" aria-hidden>
          {app.blueprint.app.icon ?? '▣'}
        </span>
        <span className="title">{app.title}</span>
        {(win as SentWindow).agent && (
          <span className="agent-mark" title="an agent (an MCP client) opened or drove this window">
            {AGENT_MARK}
          </span>
        )}
        <span className="buttons" onPointerDown={(e) => e.stopPropagation()}>
          <button type="button" data-action="minimize" aria-label="minimize" onClick={() => command('minimize')}>
            –
          </button>
          <button type="button" data-action="maximize" aria-label="maximize" onClick={() => command('toggle_maximize')}>
            □
          </button>
          <button type="button" data-action="close" aria-label="close" className="close" onClick={() => command('close')}>
            ✕
          </button>
        </span>
      </header>
      <div className="window-body">
        <ErrorBoundary what={app.title}>
        {terminal ? (
          <Suspense fallback={<div className="loading">starting the terminal…</div>}>
            <TerminalView appId={app.id} focused={focused} />
          </Suspense>
        ) : (
          <AppView app={app} focused={focused} />
        )}
        </ErrorBoundary>
      </div>
      {error && (
        <div className="app-error" role="alert">
          <span>
            {error.code}: {error.message}
          </span>
          <button type="button" aria-label="dismiss" onClick={() => conn.send({ type: 'clear_errors', app_id: app.id })}>
            ✕
          </button>
        </div>
      )}
      {win.mode === 'normal' &&
        EDGES.map((edge) => <div key={edge} className={`resize ${edge}`} data-edge={edge} onPointerDown={(e) => begin(edge, e)} onPointerMove={move} onPointerUp={end} onPointerCancel={end} />)}
    </section>
  );
});
