import { useEffect, useMemo, useState } from 'react';
import type { Notification } from '../../runtime/types.js';
import { useConnection, useDesk } from './context.js';

const NONE: readonly Notification[] = [];

const SHOWN_MS = 6000;

/**
 * Notifications as toasts: each shows for a while here (the desktop keeps it for the other
 * views); ✕ dismisses it everywhere. Local errors (a refused click) show the same way.
 */
export function Notices({ local, onLocalDone }: { local: { id: number; message: string }[]; onLocalDone: (id: number) => void }) {
  const conn = useConnection();
  const all = useDesk((v) => v.desktop?.notifications ?? NONE);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  // The same list while nothing changes, so the hide timers are not set again on every draw.
  const notes = useMemo(() => all.filter((n) => !hidden.has(n.id)).slice(-5), [all, hidden]);
  useEffect(() => {
    const timers = notes.map((n) => setTimeout(() => setHidden((h) => new Set(h).add(n.id)), Math.max(0, n.at + SHOWN_MS - Date.now())));
    return () => timers.forEach(clearTimeout);
  }, [notes]);
  useEffect(() => {
    const timers = local.map((l) => setTimeout(() => onLocalDone(l.id), SHOWN_MS));
    return () => timers.forEach(clearTimeout);
  }, [local, onLocalDone]);
  return (
    <div className="notices" aria-live="polite">
      {notes.map((n) => (
        <div key={n.id} className={`toast ${n.level}`} role="status">
          <strong>{n.title}</strong>
          <span>{n.message}</span>
          <button type="button" aria-label="dismiss" onClick={() => conn.send({ type: 'dismiss', notification_id: n.id })}>
            ✕
          </button>
        </div>
      ))}
      {local.map((l) => (
        <div key={`l${l.id}`} className="toast error" role="alert">
          <span>{l.message}</span>
          <button type="button" aria-label="dismiss" onClick={() => onLocalDone(l.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

/** Alerts and confirmations (the permission prompt among them): answered here, closed everywhere. */
export function Dialogs() {
  const conn = useConnection();
  const d = useDesk((v) => v.desktop?.dialogs[0]);
  const appTitle = useDesk(({ desktop }) => {
    const first = desktop?.dialogs[0];
    return first ? desktop.apps[first.app]?.title : undefined;
  });
  if (!d) return null;
  const answer = (yes: boolean) => conn.send({ type: 'dialog', dialog_id: d.id, yes });
  return (
    <div className="overlay dialog-overlay">
      <div className="dialog" role="alertdialog" aria-label={d.title} data-dialog-id={d.id} onKeyDown={(e) => e.key === 'Escape' && answer(false)}>
        <header>
          {appTitle ? `${appTitle}: ` : ''}
          {d.title}
        </header>
        <p>{d.message}</p>
        <footer>
          {d.kind === 'confirm' ? (
            <>
              <button type="button" onClick={() => answer(false)}>
                No
              </button>
              <button type="button" className="primary" autoFocus onClick={() => answer(true)}>
                Yes
              </button>
            </>
          ) : (
            <button type="button" className="primary" autoFocus onClick={() => answer(true)}>
              OK
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
