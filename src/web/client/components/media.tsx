import { useEffect, useRef } from 'react';
import type { RenderProps } from './types.js';
import { bool, cls, length, mediaSrc, num, str, toStyle } from './util.js';

const NO_COMMANDS: unknown[] = [];
const FITS = new Set(['contain', 'cover', 'fill', 'none', 'scale-down']);

export function Image({ c, p }: RenderProps) {
  const src = mediaSrc(p.src);
  const style = { width: length(p.width), height: length(p.height), objectFit: (FITS.has(str(p.fit)) ? str(p.fit) : 'contain') as 'contain', ...toStyle(p.style) };
  if (!src) return <div data-component-id={c.id} className="c-media-missing" style={style}>{str(p.alt) || 'image'}</div>;
  return <img data-component-id={c.id} className={cls('c-image', bool(p.rounded) && 'rounded')} src={src} alt={str(p.alt)} style={style} referrerPolicy="no-referrer" loading="lazy" />;
}

export function Video({ c, p }: RenderProps) {
  const src = mediaSrc(p.src);
  if (!src) return <div data-component-id={c.id} className="c-media-missing">video: {str(p.src) || 'no source'}</div>;
  return (
    <video
      data-component-id={c.id}
      className="c-video"
      src={src}
      controls={p.controls === undefined ? true : bool(p.controls)}
      autoPlay={bool(p.autoPlay)}
      loop={bool(p.loop)}
      muted={bool(p.muted) || bool(p.autoPlay)}
      playsInline
      style={{ width: length(p.width) ?? '100%', height: length(p.height), ...toStyle(p.style) }}
    />
  );
}

export function Audio({ c, p }: RenderProps) {
  const src = mediaSrc(p.src);
  if (!src) return <div data-component-id={c.id} className="c-media-missing">audio: {str(p.src) || 'no source'}</div>;
  return <audio data-component-id={c.id} className="c-audio" src={src} controls={p.controls === undefined ? true : bool(p.controls)} autoPlay={bool(p.autoPlay)} loop={bool(p.loop)} style={toStyle(p.style)} />;
}

/** What a page in an app may do: never run as our origin, never navigate the desktop. */
const SANDBOX_ALLOWED = new Set(['allow-scripts', 'allow-forms', 'allow-popups', 'allow-modals', 'allow-downloads', 'allow-pointer-lock', 'allow-presentation']);
const DEFAULT_SANDBOX = 'allow-scripts allow-forms allow-popups';

export function sandboxOf(v: unknown): string {
  const asked = typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : DEFAULT_SANDBOX.split(' ');
  return asked.filter((t) => SANDBOX_ALLOWED.has(t)).join(' ');
}

/** Only pages on the web (never this server's own pages) load in an app's iframe. */
export function Iframe({ c, p }: RenderProps) {
  const raw = str(p.src).trim();
  let src: string | undefined;
  try {
    const u = new URL(raw);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin !== location.origin) src = u.href;
  } catch {}
  const style = { width: length(p.width) ?? '100%', height: length(p.height) ?? 320, ...toStyle(p.style) };
  if (!src) return <div data-component-id={c.id} className="c-media-missing" style={style}>page: {raw || 'no address'}</div>;
  return <iframe data-component-id={c.id} className="c-iframe" src={src} title={str(p.title, 'page')} sandbox={sandboxOf(p.sandbox)} referrerPolicy="no-referrer" loading="lazy" style={style} />;
}

/**
 * The app's drawing commands (the terminal view draws the same list in braille), in the
 * canvas's own pixel space: {op: line|rect|circle|point|text, x, y, ..., color?, fill?}.
 */
export function drawCommands(ctx: CanvasRenderingContext2D, commands: unknown[], w: number, h: number) {
  ctx.clearRect(0, 0, w, h);
  const fg = getComputedStyle(ctx.canvas).color || '#ddd';
  for (const raw of commands) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Record<string, unknown>;
    const n = (k: string, d = 0) => num(c[k], d);
    const color = typeof (c.color ?? c.stroke) === 'string' ? str(c.color ?? c.stroke) : typeof c.fill === 'string' ? str(c.fill) : fg;
    const filled = c.fill === true || typeof c.fill === 'string';
    ctx.strokeStyle = color;
    ctx.fillStyle = typeof c.fill === 'string' ? c.fill : color;
    ctx.lineWidth = n('width', n('lineWidth', 1)) || 1;
    switch (c.op ?? c.type) {
      case 'line':
        ctx.beginPath();
        ctx.moveTo(n('x1'), n('y1'));
        ctx.lineTo(n('x2'), n('y2'));
        ctx.stroke();
        break;
      case 'rect': {
        const args = [n('x'), n('y'), n('w', n('width')), n('h', n('height'))] as const;
        if (filled) ctx.fillRect(...args);
        else ctx.strokeRect(...args);
        break;
      }
      case 'circle':
        ctx.beginPath();
        ctx.arc(n('x', n('cx')), n('y', n('cy')), Math.max(0, n('r', n('radius'))), 0, Math.PI * 2);
        if (filled) ctx.fill();
        else ctx.stroke();
        break;
      case 'point':
        ctx.fillRect(n('x'), n('y'), 1, 1);
        break;
      case 'text':
        ctx.font = `${n('size', 12)}px system-ui, sans-serif`;
        ctx.fillStyle = color;
        ctx.fillText(str(c.text), n('x'), n('y'));
        break;
    }
  }
}

/**
 * The commands come from `props.commands` or, as an app writes them, from the canvas's
 * state key (`ui.set {key: "<canvas id>", value: [...]}`).
 */
export function Canvas({ c, p, app }: RenderProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const w = Math.max(1, Math.min(4096, num(p.width, 300)));
  const h = Math.max(1, Math.min(4096, num(p.height, 150)));
  // The canvas's state key arrives as p.commands (STATE_PROPS), like any bound value.
  const commands = Array.isArray(p.commands) ? p.commands : NO_COMMANDS;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawCommands(ctx, commands, w, h);
  }, [commands, w, h]);
  const clickable = !!c.on_event?.click?.length;
  return (
    <canvas
      ref={ref}
      data-component-id={c.id}
      className={cls('c-canvas', bool(p.bordered) && 'bordered', clickable && 'clickable')}
      width={w}
      height={h}
      style={toStyle(p.style)}
      onClick={
        clickable
          ? (e) => {
              const r = e.currentTarget.getBoundingClientRect();
              app.send(c.id, 'click', { x: Math.round(((e.clientX - r.left) / r.width) * w), y: Math.round(((e.clientY - r.top) / r.height) * h) });
            }
          : undefined
      }
    />
  );
}
