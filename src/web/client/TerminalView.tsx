import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import type { ServerMessage } from '../protocol.js';
import { useConnection } from './context.js';

type Info = Extract<ServerMessage, { type: 'term_info' }>;

const THEME = { background: '#0d1117', foreground: '#d0d7de', cursor: '#8cc4ff', selectionBackground: '#264f78' };

/** Width and height of one character cell in the terminal's font. */
function cellSize(el: HTMLElement, font: string, size: number) {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${font};font-size:${size}px;line-height:normal`;
  probe.textContent = 'W'.repeat(50);
  el.appendChild(probe);
  const r = probe.getBoundingClientRect();
  probe.remove();
  return { w: r.width / 50 || 8, h: r.height * 1.0 || 17 };
}

/**
 * A terminal window drawn by xterm.js from the same pty the terminal desktop shows: output
 * arrives over /stream, keys go back. Alone (agentos serve) the browser sizes the pty to
 * its window; beside the terminal desktop it shows the desktop's size.
 */
export default function TerminalView({ appId, focused }: { appId: string; focused: boolean }) {
  const conn = useConnection();
  const box = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const [info, setInfo] = useState<Pick<Info, 'status' | 'message'>>({ status: 'waiting' });

  useEffect(() => {
    const el = box.current!;
    const font = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';
    const fontSize = 13;
    const term = new Terminal({ fontFamily: font, fontSize, cursorBlink: true, scrollback: 5000, theme: THEME, allowProposedApi: false });
    termRef.current = term;
    term.open(el);
    let owner = false;
    const cell = cellSize(el, font, fontSize);
    const fits = () => ({ cols: Math.max(20, Math.floor((el.clientWidth - 12) / cell.w)), rows: Math.max(5, Math.floor((el.clientHeight - 8) / cell.h)) });
    const off = conn.onTerminal(appId, (m) => {
      if (m.type === 'term_data') term.write(m.data);
      else if (m.type === 'term_info') {
        owner = !!m.owner;
        setInfo({ status: m.status, message: m.message });
        if (!owner && m.cols && m.rows && (m.cols !== term.cols || m.rows !== term.rows)) term.resize(m.cols, m.rows);
      }
    });
    const offOpen = conn.onOpen(() => {
      // A (re)connection replays the output so far: start from a clean screen.
      term.reset();
      const { cols, rows } = fits();
      term.resize(cols, rows);
      conn.send({ type: 'term_open', app_id: appId, cols, rows });
    });
    const input = term.onData((data) => conn.send({ type: 'term_input', app_id: appId, data }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!owner) return;
        const { cols, rows } = fits();
        if (cols === term.cols && rows === term.rows) return;
        term.resize(cols, rows);
        conn.send({ type: 'term_resize', app_id: appId, cols, rows });
      }, 80);
    });
    ro.observe(el);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
      off();
      offOpen();
      input.dispose();
      conn.send({ type: 'term_close', app_id: appId });
      term.dispose();
      termRef.current = null;
    };
  }, [appId, conn]);

  useEffect(() => {
    if (focused) termRef.current?.focus();
  }, [focused]);

  return (
    <div className="terminal" data-terminal={appId} data-status={info.status} onPointerDown={() => termRef.current?.focus()}>
      <div className="terminal-screen" ref={box} />
      {info.status !== 'running' && <div className="term-status">{info.status === 'waiting' ? 'waiting for the terminal…' : (info.message ?? info.status)}</div>}
    </div>
  );
}
