import { useEffect, useRef, useState } from 'react';
import type { RenderProps } from './types.js';
import { bool, cls, num, optionOf, str, toStyle } from './util.js';

const SIZES = new Set(['small', 'medium', 'large']);
const sizeClass = (p: Record<string, unknown>) => (SIZES.has(str(p.size)) ? `size-${str(p.size)}` : undefined);

export function Button({ c, p, app }: RenderProps) {
  return (
    <button
      type="button"
      data-component-id={c.id}
      className={cls('c-button', `v-${str(p.variant, 'default')}`, sizeClass(p), bool(p.fullWidth) && 'full')}
      disabled={bool(p.disabled)}
      style={toStyle(p.style)}
      onClick={() => app.send(c.id, 'click')}
    >
      {str(p.text ?? p.label ?? p.content)}
    </button>
  );
}

/**
 * What the user types, shown while the runtime echoes it back; a value the app itself sets
 * (a clear, a computed result) replaces it. Worked out while drawing, not in an effect: an
 * effect would draw every new value twice.
 */
function useDraft(value: string): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value);
  /** Values typed here and not yet echoed back, oldest first. */
  const pending = useRef<string[]>([]);
  const seen = useRef(value);
  if (seen.current !== value) {
    seen.current = value;
    const i = pending.current.indexOf(value);
    if (i >= 0) pending.current.splice(0, i + 1);
    else pending.current = [];
  }
  return [
    pending.current.length ? draft : value,
    (v: string) => {
      pending.current.push(v);
      if (pending.current.length > 100) pending.current.shift();
      setDraft(v);
    },
  ];
}

const INPUT_TYPES = new Set(['text', 'password', 'email', 'number', 'tel', 'url', 'search']);

export function Input({ c, p, app }: RenderProps) {
  const [draft, setDraft] = useDraft(str(p.value));
  const error = typeof p.error === 'string' ? p.error : '';
  const readOnly = bool(p.readonly) || bool(p.readOnly);
  return (
    <label className={cls('c-field', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      {p.label !== undefined && <span className="c-label">{str(p.label)}</span>}
      <input
        type={INPUT_TYPES.has(str(p.type)) ? str(p.type) : 'text'}
        value={readOnly ? str(p.value) : draft}
        placeholder={str(p.placeholder)}
        readOnly={readOnly}
        disabled={bool(p.disabled)}
        aria-invalid={!!p.error || undefined}
        className={cls('c-input', !!p.error && 'invalid')}
        onChange={(e) => {
          setDraft(e.target.value);
          app.send(c.id, 'change', e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') app.send(c.id, 'submit', (e.target as HTMLInputElement).value);
        }}
      />
      {error && <span className="c-error">{error}</span>}
    </label>
  );
}

export function Textarea({ c, p, app }: RenderProps) {
  const [draft, setDraft] = useDraft(str(p.value));
  const error = typeof p.error === 'string' ? p.error : '';
  return (
    <label className={cls('c-field', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      <textarea
        value={draft}
        rows={num(p.rows, 4)}
        placeholder={str(p.placeholder)}
        disabled={bool(p.disabled)}
        readOnly={bool(p.readonly)}
        className={cls('c-textarea', !!p.error && 'invalid')}
        style={{ resize: (['none', 'both', 'horizontal', 'vertical'].includes(str(p.resize)) ? str(p.resize) : 'vertical') as 'vertical' }}
        onChange={(e) => {
          setDraft(e.target.value);
          app.send(c.id, 'change', e.target.value);
        }}
      />
      {error && <span className="c-error">{error}</span>}
    </label>
  );
}

export function Checkbox({ c, p, app }: RenderProps) {
  const checked = bool(p.checked);
  return (
    <label className={cls('c-check', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      <input type="checkbox" checked={checked} disabled={bool(p.disabled)} onChange={() => app.send(c.id, 'change', !checked)} />
      <span>{str(p.label)}</span>
    </label>
  );
}

export function Radio({ c, p, app }: RenderProps) {
  const group = str(p.name) || c.id;
  const value = p.value ?? c.id;
  return (
    <label className={cls('c-check', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      <input
        type="radio"
        name={`${app.id}:${group}`}
        checked={bool(p.checked)}
        disabled={bool(p.disabled)}
        onChange={() => void app.tool('ui.set', { key: group, value }).then(() => app.send(c.id, 'change', value))}
      />
      <span>{str(p.label)}</span>
    </label>
  );
}

export function Slider({ c, p, app }: RenderProps) {
  const min = num(p.min, 0);
  const max = num(p.max, 100);
  const step = num(p.step, 1);
  const value = num(p.value, min);
  const [draft, setDraft] = useState(value);
  useEffect(() => {
    setDraft(value);
  }, [value]);
  return (
    <label className={cls('c-slider', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      {p.label !== undefined && <span className="c-label">{str(p.label)}</span>}
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={draft}
        disabled={bool(p.disabled)}
        onChange={(e) => {
          const v = Number(e.target.value);
          setDraft(v);
          app.send(c.id, 'change', v);
        }}
      />
      <output>{draft}</output>
    </label>
  );
}

export function Select({ c, p, app }: RenderProps) {
  const options = (Array.isArray(p.options) ? p.options : []).map(optionOf);
  const current = options.findIndex((o) => str(o.value) === str(p.value));
  const error = typeof p.error === 'string' ? p.error : '';
  return (
    <label className={cls('c-field', sizeClass(p))} data-component-id={c.id} style={toStyle(p.style)}>
      <select
        className="c-select"
        value={current < 0 ? '' : String(current)}
        disabled={bool(p.disabled)}
        onChange={(e) => {
          const o = options[Number(e.target.value)];
          if (o) app.send(c.id, 'change', o.value);
        }}
      >
        {current < 0 && <option value="">{str(p.placeholder, 'Choose…')}</option>}
        {options.map((o, i) => (
          <option key={i} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <span className="c-error">{error}</span>}
    </label>
  );
}
