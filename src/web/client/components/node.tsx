import { memo, type ComponentType as ReactComponent } from 'react';
import type { Component, ComponentType } from '../../../blueprint/types.js';
import { childrenOf, resolvedProps } from '../../../runtime/components.js';
import { useApp, useAppState } from '../app-context.js';
import { Button, Checkbox, Input, Radio, Select, Slider, Textarea } from './controls.js';
import { AppShortcut, Badge, Divider, Progress, Text } from './display.js';
import { Card, Container, Grid, List, Modal, Tabs } from './layout.js';
import { Audio, Canvas, Iframe, Image, Video } from './media.js';
import type { RenderProps } from './types.js';

/** One renderer per component type: the 23 of the Blueprint format. */
export const RENDERERS: Record<ComponentType, ReactComponent<RenderProps>> = {
  button: Button,
  input: Input,
  text: Text,
  checkbox: Checkbox,
  radio: Radio,
  slider: Slider,
  container: Container,
  grid: Grid,
  list: List,
  select: Select,
  textarea: Textarea,
  image: Image,
  video: Video,
  audio: Audio,
  canvas: Canvas,
  badge: Badge,
  card: Card,
  divider: Divider,
  modal: Modal,
  tabs: Tabs,
  'app-shortcut': AppShortcut,
  iframe: Iframe,
  progress: Progress,
};

/** Same JSON value: props are rebuilt from the state on every change, so identity says little. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A renderer draws again only when what it reads changed (a click elsewhere in the app redraws nothing here). */
const sameInputs = (a: RenderProps, b: RenderProps) => a.c === b.c && a.kids === b.kids && a.app === b.app && sameValue(a.p, b.p);

const DRAWN = Object.fromEntries(Object.entries(RENDERERS).map(([type, R]) => [type, memo(R, sameInputs)])) as Partial<Record<string, ReactComponent<RenderProps>>>;

/** A component as its app's state says to draw it; hidden ones are not drawn at all. */
export const Node = memo(function Node({ c }: { c: Component }) {
  const app = useApp();
  const state = useAppState();
  const p = resolvedProps(state, c);
  if (p.hidden === true) return null;
  const R = DRAWN[c.type];
  if (!R) return <div data-component-id={c.id} className="c-unknown">{`unknown component "${String(c.type)}"`}</div>;
  return <R c={c} p={p} kids={childrenOf(state, c)} app={app} />;
});
