import { useEffect, useMemo, useRef, useState } from 'react';
import type { TileLayout } from '../../runtime/windows.js';
import type { ServerMessage } from '../protocol.js';
import { useConnection, useView } from './context.js';
import { fuzzyScore } from './fuzzy.js';

interface Item {
  key: string;
  label: string;
  hint: string;
  run(): void;
}

interface Progress {
  id: string | null;
  prompt: string;
  thoughts: string[];
  text: string;
  components: number;
  error?: string;
}

const LAYOUTS: TileLayout[] = ['columns', 'rows', 'grid', 'main-and-stack'];

/**
 * Ctrl+K: search apps, windows and commands; Enter runs the first match. With no match (or
 * "> text") it generates an app, showing the generator's thoughts and output as they stream.
 */
export function Spotlight({ onClose, onChat }: { onClose: () => void; onChat: () => void }) {
  const conn = useConnection();
  const { desktop, catalog } = useView();
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  const [gen, setGen] = useState<Progress | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);

  const generate = (prompt: string) => {
    setGen({ id: null, prompt, thoughts: [], text: '', components: 0 });
    conn.request<{ app_id?: string } | undefined>({ type: 'generate_ui', message: prompt, context: {} }).then(
      (r) => (r?.app_id ? onClose() : undefined),
      (e: Error) => setGen((g) => g && { ...g, error: e.message }),
    );
  };

  useEffect(
    () =>
      conn.onStream((m: ServerMessage) => {
        setGen((g) => {
          if (!g) return g;
          if (m.type === 'generation_start') return g.id === null && m.message === g.prompt ? { ...g, id: m.generation_id } : g;
          const id = 'generation_id' in m ? m.generation_id : undefined;
          if (!g.id || id !== g.id) return g;
          if (m.type === 'thought') return { ...g, thoughts: [...g.thoughts, m.content].slice(-8) };
          if (m.type === 'token') return { ...g, text: (g.text + m.content).slice(-600) };
          if (m.type === 'ui_component') return { ...g, components: g.components + 1 };
          if (m.type === 'error') return { ...g, error: m.error };
          return g;
        });
      }),
    [conn],
  );

  const items = useMemo<Item[]>(() => {
    const text = q.trim();
    if (text.startsWith('>')) return [];
    const all: Item[] = [
      ...catalog.map((a) => ({ key: `app:${a.id}`, label: `${a.icon ?? '▢'} ${a.name}`, hint: a.description ?? 'open', run: () => conn.send({ type: 'launch', app_id: a.id }) })),
      ...(catalog.some((a) => a.id === 'terminal') ? [] : [{ key: 'app:terminal', label: '>_ Terminal', hint: 'a shell in a window', run: () => conn.send({ type: 'launch', app_id: 'terminal' }) }]),
      ...Object.values(desktop?.apps ?? {}).map((a) => ({ key: `win:${a.id}`, label: `↗ ${a.title}`, hint: 'switch to window', run: () => conn.send({ type: 'window', app_id: a.id, action: 'focus' }) })),
      ...LAYOUTS.map((l) => ({ key: `tile:${l}`, label: `▦ Tile: ${l}`, hint: 'arrange windows', run: () => conn.send({ type: 'tile', layout: l }) })),
      { key: 'tile:off', label: '▢ Float windows', hint: 'leave tiling', run: () => conn.send({ type: 'tile', layout: 'off' }) },
      { key: 'chat', label: '💬 Chat', hint: 'talk to the assistant', run: onChat },
    ];
    if (!text) return all.slice(0, 12);
    return all
      .map((it) => ({ it, s: fuzzyScore(text, it.label.replace(/^\S+\s/, '')) }))
      .filter((x) => x.s >= 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.it)
      .slice(0, 12);
  }, [q, catalog, desktop, conn, onChat]);

  const prompt = q.trim().replace(/^>\s*/, '');
  const choose = (i: number) => {
    const it = items[i];
    if (it) {
      it.run();
      onClose();
    } else if (prompt) generate(prompt);
  };

  return (
    <div className="overlay" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="spotlight" role="dialog" aria-label="spotlight">
        <input
          ref={input}
          className="spotlight-input"
          placeholder="Open an app, a window, a command — or describe an app to make"
          value={q}
          disabled={!!gen && !gen.error}
          onChange={(e) => {
            setQ(e.target.value);
            setSel(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            else if (e.key === 'ArrowDown') setSel((s) => Math.min(s + 1, items.length));
            else if (e.key === 'ArrowUp') setSel((s) => Math.max(0, s - 1));
            else if (e.key === 'Enter') choose(sel);
            else return;
            e.preventDefault();
          }}
        />
        {gen ? (
          <div className="generation" data-generating={gen.error ? 'failed' : 'running'}>
            <div className="gen-title">Making “{gen.prompt}”…</div>
            {gen.thoughts.map((t, i) => (
              <div key={i} className="thought">
                · {t}
              </div>
            ))}
            {gen.components > 0 && <div className="thought">{gen.components} components so far</div>}
            {gen.text && <pre className="tokens">{gen.text}</pre>}
            {gen.error && <div className="c-error">{gen.error}</div>}
          </div>
        ) : (
          <ul className="results" role="listbox">
            {items.map((it, i) => (
              <li key={it.key} role="option" aria-selected={i === sel} className={i === sel ? 'selected' : ''} onPointerDown={() => choose(i)}>
                <span>{it.label}</span>
                <small>{it.hint}</small>
              </li>
            ))}
            {prompt && (
              <li role="option" aria-selected={sel === items.length} className={sel === items.length ? 'selected generate' : 'generate'} data-generate onPointerDown={() => generate(prompt)}>
                <span>✨ Generate “{prompt}”</span>
                <small>make a new app</small>
              </li>
            )}
          </ul>
        )}
      </div>
    </div>
  );
}
