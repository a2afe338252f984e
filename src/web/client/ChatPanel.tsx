import { useEffect, useRef, useState } from 'react';
import { useConnection, useDesk } from './context.js';
import type { ChatMessage } from '../../runtime/types.js';

const NO_CHAT: readonly ChatMessage[] = [];

/** The assistant: the desktop's chat (shared with the terminal view), answers streaming in. */
export function ChatPanel({ onClose }: { onClose: () => void }) {
  const conn = useConnection();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const chat = useDesk((v) => v.desktop?.chat ?? NO_CHAT);
  useEffect(() => {
    // Braces: scrollIntoView returns a promise in new browsers, and an effect may return only a cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [chat]);
  const send = () => {
    const message = text.trim();
    if (!message) return;
    setText('');
    setBusy(true);
    conn.request({ type: 'chat', message }).finally(() => setBusy(false));
  };
  return (
    <aside className="chat-panel" aria-label="chat">
      <header>
        <span>Assistant</span>
        <button type="button" aria-label="close chat" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="chat-log">
        {chat.length === 0 && <p className="muted">Ask to open, close or make an app: “make me a stopwatch”.</p>}
        {chat.map((m) => (
          <div key={m.id} className={`msg ${m.role}`} data-chat-id={m.id}>
            {m.thoughts && m.thoughts.length > 0 && (
              <details>
                <summary>{m.thoughts.length} thoughts</summary>
                {m.thoughts.map((t, i) => (
                  <div key={i} className="thought">
                    · {t}
                  </div>
                ))}
              </details>
            )}
            <div className="content">{m.content || (m.role === 'assistant' ? '…' : '')}</div>
          </div>
        ))}
        <div ref={end} />
      </div>
      <form
        className="chat-input"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <input value={text} placeholder={busy ? 'thinking…' : 'Message'} onChange={(e) => setText(e.target.value)} aria-label="message" />
        <button type="submit" disabled={!text.trim()}>
          Send
        </button>
      </form>
    </aside>
  );
}
