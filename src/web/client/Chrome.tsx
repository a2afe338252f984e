import { memo, useEffect, useState } from 'react';
import type { AppInstance } from '../../runtime/types.js';
import { TILE_LAYOUTS, type TileLayout } from '../../runtime/windows.js';
import type { View } from './connection.js';
import { sameList, useConnection, useDesk } from './context.js';

export type TileMode = TileLayout | 'off';

/** Made once: a formatter costs far more to build than to use. */
const TIME = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

const Clock = memo(function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(t);
  }, []);
  return <time>{TIME.format(now)}</time>;
});

/** The menu bar: spotlight, the focused app, window layout, chat, link status, clock. */
export function MenuBar({ tile, setTile, onSpotlight, onChat }: { tile: TileMode; setTile: (t: TileMode) => void; onSpotlight: () => void; onChat: () => void }) {
  const status = useDesk((v) => v.status);
  const title = useDesk(({ desktop: d }) => (d?.focused ? (d.apps[d.focused]?.title ?? '') : ''));
  return (
    <nav className="menubar" aria-label="menu bar">
      <button type="button" className="logo" onClick={onSpotlight} title="Spotlight (Ctrl+K)">
        ◆ AgentOS
      </button>
      <span className="focused-app">{title}</span>
      <span className="spacer" />
      <label className="tile-mode">
        <span>Layout</span>
        <select value={tile} onChange={(e) => setTile(e.target.value as TileMode)} aria-label="window layout">
          <option value="off">floating</option>
          {TILE_LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onChat} title="Chat (Ctrl+J)">
        💬
      </button>
      <span className={`link ${status}`} title={`link: ${status}`} data-status={status}>
        ●
      </span>
      <Clock />
    </nav>
  );
}

/** What the dock shows of a running app: it draws again when one of these changes, not on every click. */
type Running = Pick<AppInstance, 'id' | 'appId' | 'title'> & { icon: string | undefined };

const runningApps = ({ desktop }: View): Running[] => Object.values(desktop?.apps ?? {}).map((a) => ({ id: a.id, appId: a.appId, title: a.title, icon: a.blueprint.app.icon }));
const sameRunning = sameList<Running>((a, b) => a.id === b.id && a.appId === b.appId && a.title === b.title && a.icon === b.icon);

/** The dock: every launchable app (a dot under running ones) and windows of apps not in the catalog. */
export function Dock() {
  const conn = useConnection();
  const catalog = useDesk((v) => v.catalog);
  const running = useDesk(runningApps, sameRunning);
  const open = (appId: string) => {
    const mine = running.filter((a) => a.appId === appId);
    const win = mine.length ? mine[mine.length - 1]! : undefined;
    if (win) conn.send({ type: 'window', app_id: win.id, action: 'focus' });
    else conn.send({ type: 'launch', app_id: appId });
  };
  const entries = [...catalog];
  if (!entries.some((e) => e.id === 'terminal')) entries.push({ id: 'terminal', name: 'Terminal', icon: '>_' });
  const others = running.filter((a) => !entries.some((e) => e.id === a.appId));
  return (
    <footer className="dock" aria-label="dock">
      {entries.map((e) => (
        <button
          key={e.id}
          type="button"
          className={`dock-item${running.some((a) => a.appId === e.id) ? ' running' : ''}`}
          data-dock-app-id={e.id}
          title={e.description ? `${e.name}: ${e.description}` : e.name}
          onClick={() => open(e.id)}
          onContextMenu={(ev) => {
            ev.preventDefault();
            conn.send({ type: 'launch', app_id: e.id });
          }}
        >
          <span className="icon">{e.icon ?? e.name.slice(0, 1)}</span>
          <span className="label">{e.name}</span>
        </button>
      ))}
      {others.length > 0 && <span className="dock-sep" />}
      {others.map((a) => (
        <button key={a.id} type="button" className="dock-item running" data-dock-window={a.id} title={a.title} onClick={() => conn.send({ type: 'window', app_id: a.id, action: 'focus' })}>
          <span className="icon">{a.icon ?? a.title.slice(0, 1)}</span>
          <span className="label">{a.title}</span>
        </button>
      ))}
    </footer>
  );
}
