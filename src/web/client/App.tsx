import { useCallback, useEffect, useRef, useState } from 'react';
import { ChatPanel } from './ChatPanel.js';
import { Dock, MenuBar, type TileMode } from './Chrome.js';
import type { View } from './connection.js';
import { useConnection, useDesk } from './context.js';
import { DesktopArea } from './DesktopArea.js';
import { Dialogs, Notices } from './Notices.js';
import { Spotlight } from './Spotlight.js';

const TILE_KEY = 'agentos.tile';

/** The windows on screen, as one string: tiling runs again when it changes. */
const visibleWindows = ({ desktop }: View) =>
  desktop ? desktop.stack.filter((id) => desktop.windows[id] && !desktop.windows[id]!.minimized).sort().join(',') : '';

/** The browser desktop: menu bar, windows, dock, and the overlays (spotlight, chat, toasts, dialogs). */
export function App() {
  const conn = useConnection();
  const ready = useDesk((v) => v.desktop !== null);
  const status = useDesk((v) => v.status);
  const focused = useDesk((v) => v.desktop?.focused ?? null);
  const visible = useDesk(visibleWindows);
  const [spotlight, setSpotlight] = useState(false);
  const [chat, setChat] = useState(false);
  const [tile, setTileState] = useState<TileMode>(() => (localStorage.getItem(TILE_KEY) as TileMode | null) ?? 'off');
  const [errors, setErrors] = useState<{ id: number; message: string }[]>([]);
  const nextError = useRef(1);

  useEffect(() => conn.onError((message) => setErrors((e) => [...e.slice(-4), { id: nextError.current++, message }])), [conn]);
  const dropError = useCallback((id: number) => setErrors((e) => e.filter((x) => x.id !== id)), []);

  const setTile = (t: TileMode) => {
    setTileState(t);
    localStorage.setItem(TILE_KEY, t);
    conn.send({ type: 'tile', layout: t });
  };
  // Tiling is a mode: windows that open or close are tiled again.
  useEffect(() => {
    if (tile !== 'off' && visible) conn.send({ type: 'tile', layout: tile });
  }, [visible, tile, conn]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSpotlight((s) => !s);
      } else if (mod && e.key.toLowerCase() === 'j') {
        e.preventDefault();
        setChat((c) => !c);
      } else if (e.altKey && e.key === '`') {
        e.preventDefault();
        conn.send({ type: 'cycle', direction: e.shiftKey ? -1 : 1 });
      } else if (e.altKey && focused && (e.key === 'w' || e.key === 'm')) {
        e.preventDefault();
        conn.send({ type: 'window', app_id: focused, action: e.key === 'w' ? 'close' : 'minimize' });
      } else if (e.key === 'Escape' && spotlight) setSpotlight(false);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [conn, focused, spotlight]);

  return (
    <div className={`shell${chat ? ' with-chat' : ''}`} data-ready={ready ? 'yes' : 'no'}>
      <MenuBar tile={tile} setTile={setTile} onSpotlight={() => setSpotlight(true)} onChat={() => setChat((c) => !c)} />
      <div className="middle">
        {ready ? <DesktopArea /> : <main className="desktop-area loading">{status === 'closed' ? 'disconnected — reconnecting…' : 'connecting…'}</main>}
        {chat && <ChatPanel onClose={() => setChat(false)} />}
      </div>
      <Dock />
      {spotlight && (
        <Spotlight
          onClose={() => setSpotlight(false)}
          onChat={() => {
            setSpotlight(false);
            setChat(true);
          }}
        />
      )}
      <Notices local={errors} onLocalDone={dropError} />
      <Dialogs />
    </div>
  );
}
