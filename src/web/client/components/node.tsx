import { memo, type ComponentType as ReactComponent } from 'react';
import type { Component, ComponentType } from '../../../blueprint/types.js';
import { resolvedProps } from '../../../runtime/components.js';
import { useApp } from '../app-context.js';
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

/** A component as its app's state says to draw it; hidden ones are not drawn at all. */
export const Node = memo(function Node({ c }: { c: Component }) {
  const app = useApp();
  const p = resolvedProps(app.app.state, c);
  if (p.hidden === true) return null;
  const R = RENDERERS[c.type];
  if (!R) return <div data-component-id={c.id} className="c-unknown">{`unknown component "${String(c.type)}"`}</div>;
  return <R c={c} p={p} app={app} />;
});
