import { z } from 'zod';
import { CATEGORIES, COMPONENT_TYPES, type ComponentType } from './types.js';

/**
 * The 23 components and the props each takes: one table that validation, the JSON Schema
 * for model output and docs/BLUEPRINT.md all read. Every prop is optional; every component
 * also takes `style`. Any prop may instead be a state binding (`"{{state.key}}"`).
 */

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, doc: string) => z.enum(values).describe(doc);
const text = (doc: string) => z.string().describe(doc);
const flag = (doc: string) => z.boolean().describe(doc);
const num = (doc: string) => z.number().describe(doc);
const length = (doc: string) => z.union([z.number(), z.string()], { error: 'expected a number or a CSS length like "50%"' }).describe(doc);

const size = oneOf(['small', 'medium', 'large'], 'size');
const disabled = flag('greyed out and inert');
const variant = (doc = 'visual style') => text(doc);
const error = z.union([z.string(), z.boolean()], { error: 'expected an error message or true/false' }).describe('error message shown under the field, or true to mark it');
const value = z.union([z.string(), z.number()], { error: 'expected a string or a number' }).describe('current value (two-way bound to state[id])');

/** CSS-like declarations; the terminal view reads the few it can show (width, color, ...). */
export const StyleSchema = z
  .record(z.string(), z.union([z.string(), z.number()], { error: 'style values are strings or numbers' }))
  .meta({ id: 'Style', description: 'inline style: CSS property -> value' });

export const COMPONENT_PROPS = {
  button: {
    text: text('label'),
    variant: oneOf(['default', 'primary', 'secondary', 'danger', 'ghost', 'outline'], 'visual style'),
    size,
    fullWidth: flag('stretch to the width of the parent'),
    disabled,
  },
  input: {
    type: oneOf(['text', 'password', 'email', 'number', 'tel', 'url', 'search'], 'kind of text it takes'),
    placeholder: text('hint shown while empty'),
    value,
    variant: variant(),
    size,
    error,
    disabled,
    readonly: flag('shows the value but cannot be edited'),
  },
  text: {
    content: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).describe('the text'),
    variant: oneOf(['h1', 'h2', 'h3', 'body', 'caption', 'label'], 'heading level or role'),
    weight: oneOf(['normal', 'medium', 'semibold', 'bold'], 'font weight'),
    color: oneOf(['primary', 'secondary', 'accent', 'muted', 'error', 'success'], 'colour'),
    align: oneOf(['left', 'center', 'right'], 'alignment'),
  },
  checkbox: {
    label: text('label beside the box'),
    checked: flag('ticked (two-way bound to state[id])'),
    size,
    variant: variant(),
    disabled,
  },
  radio: {
    label: text('label beside the button'),
    name: text('group name: radios sharing it are exclusive'),
    value: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).describe('value the group takes when this one is chosen'),
    size,
    disabled,
  },
  slider: {
    min: num('lowest value'),
    max: num('highest value'),
    step: z.number().positive().describe('increment'),
    value: num('current value (two-way bound to state[id])'),
    size,
    variant: variant(),
    disabled,
  },
  container: {
    layout: oneOf(['vertical', 'horizontal'], 'direction children flow'),
    spacing: oneOf(['none', 'small', 'medium', 'large'], 'space between children'),
    padding: oneOf(['none', 'small', 'medium', 'large'], 'space inside the edge'),
    align: oneOf(['start', 'center', 'end', 'stretch'], 'cross-axis alignment'),
    justify: oneOf(['start', 'center', 'end', 'between', 'around'], 'main-axis distribution'),
    gap: z.number().nonnegative().describe('space between children (px in a browser, cells/8 in a terminal)'),
    role: text('semantic role (sidebar, main, editor, header, footer, content, section)'),
    maxHeight: length('scroll past this height'),
  },
  grid: {
    columns: z.number().int().min(1).max(6).describe('number of columns (1-6)'),
    spacing: oneOf(['none', 'small', 'medium', 'large'], 'space between cells'),
    gap: z.number().nonnegative().describe('space between cells'),
    responsive: flag('fewer columns on narrow windows'),
  },
  list: {
    variant: oneOf(['default', 'bordered', 'striped'], 'visual style'),
    spacing: oneOf(['none', 'small', 'medium', 'large'], 'space between items'),
    items: z.array(z.unknown()).describe('initial items (strings or objects), besides any children; list.* tools edit them in state[id]'),
  },
  select: {
    options: z
      .array(
        z.union([z.string(), z.object({ label: z.string(), value: z.union([z.string(), z.number()]) }).strict()], {
          error: 'each option is a string or {"label": ..., "value": ...}',
        }),
      )
      .describe('choices: strings or {label, value}'),
    value: z.union([z.string(), z.number()], { error: 'expected a string or a number' }).describe('chosen value (two-way bound to state[id])'),
    variant: variant(),
    size,
    error,
    disabled,
  },
  textarea: {
    placeholder: text('hint shown while empty'),
    value: text('current text (two-way bound to state[id])'),
    rows: z.number().int().positive().describe('visible lines'),
    resize: oneOf(['none', 'vertical', 'horizontal', 'both'], 'which way the user may resize it'),
    variant: variant(),
    size,
    error,
    disabled,
  },
  image: {
    src: text('URL or VFS path of the image'),
    alt: text('text shown instead (and in a terminal)'),
    width: length('width'),
    height: length('height'),
    fit: oneOf(['cover', 'contain', 'fill', 'none', 'scale-down'], 'how it fills its box'),
    rounded: flag('rounded corners'),
  },
  video: {
    src: text('URL or VFS path of the video'),
    controls: flag('show play/pause controls'),
    autoPlay: flag('start playing when shown'),
    loop: flag('start over at the end'),
    muted: flag('no sound'),
    width: length('width'),
    height: length('height'),
  },
  audio: {
    src: text('URL or VFS path of the sound'),
    controls: flag('show play/pause controls'),
    autoPlay: flag('start playing when shown'),
    loop: flag('start over at the end'),
    variant: variant(),
  },
  canvas: {
    width: z.number().positive().describe('width in px (a terminal draws it in braille cells)'),
    height: z.number().positive().describe('height in px'),
    bordered: flag('draw a border'),
  },
  badge: {
    text: text('label'),
    variant: oneOf(['default', 'primary', 'secondary', 'success', 'error', 'warning', 'info'], 'colour'),
    size,
  },
  card: {
    title: text('heading'),
    footer: text('text at the bottom'),
  },
  divider: {
    orientation: oneOf(['horizontal', 'vertical'], 'direction of the line'),
    variant: oneOf(['solid', 'dashed', 'dotted'], 'line style'),
  },
  modal: {
    title: text('heading'),
    open: flag('shown (modal.open / modal.close change it)'),
    size: oneOf(['small', 'medium', 'large', 'full'], 'size'),
    centered: flag('centred in the window'),
  },
  tabs: {
    defaultTab: text('id of the child shown first'),
    variant: oneOf(['default', 'bordered', 'pills', 'underline', 'vertical'], 'visual style'),
    size,
  },
  'app-shortcut': {
    app_id: text('id of the app it launches'),
    name: text('name shown'),
    icon: text('emoji or short icon text'),
    description: text('one line about the app'),
    category: z.enum(CATEGORIES).describe('app category'),
    variant: oneOf(['icon', 'card', 'list'], 'how it is drawn'),
  },
  iframe: {
    src: text('URL of the page'),
    title: text('title (shown in a terminal instead of the page)'),
    width: length('width'),
    height: length('height'),
    sandbox: text('the iframe sandbox attribute (browser view)'),
  },
  progress: {
    value: z.number().describe('how far along'),
    max: z.number().positive().describe('value at completion (default 100)'),
    variant: variant(),
    size,
  },
} as const satisfies Record<ComponentType, Record<string, z.ZodType>>;

/** Every component takes `style`; a child of `tabs` also takes `label`, its tab title. */
export const COMMON_PROPS = { style: StyleSchema } as const;
export const TAB_LABEL = z.string().describe('tab title (children of tabs)');

/** Components that hold children. */
export const CONTAINER_TYPES: ReadonlySet<ComponentType> = new Set(['container', 'grid', 'list', 'card', 'modal', 'tabs']);

/** Shorthand: `{"button": "Save"}` puts the string in this prop. */
export const PRIMARY_PROP: Partial<Record<ComponentType, string>> = {
  text: 'content',
  button: 'text',
  badge: 'text',
  card: 'title',
  modal: 'title',
  checkbox: 'label',
  radio: 'label',
  input: 'placeholder',
  textarea: 'placeholder',
  image: 'src',
  video: 'src',
  audio: 'src',
  iframe: 'src',
  progress: 'value',
  slider: 'value',
  'app-shortcut': 'app_id',
};

/** The roles that name a vertical container. */
export const ROLE_ALIASES = ['sidebar', 'main', 'editor', 'header', 'footer', 'content', 'section'] as const;

/** Other names a component type may be written with, and the props they imply. */
export const TYPE_ALIASES: Record<string, { type: ComponentType; props: Record<string, unknown> }> = {
  row: { type: 'container', props: { layout: 'horizontal' } },
  col: { type: 'container', props: { layout: 'vertical' } },
  column: { type: 'container', props: { layout: 'vertical' } },
  app_shortcut: { type: 'app-shortcut', props: {} },
  ...Object.fromEntries(ROLE_ALIASES.map((r) => [r, { type: 'container' as const, props: { layout: 'vertical', role: r } }])),
};

const TYPES: ReadonlySet<string> = new Set(COMPONENT_TYPES);
export const isComponentType = (s: string): s is ComponentType => TYPES.has(s);

/** Every name a type may be written with, for did-you-mean. */
export const TYPE_NAMES: readonly string[] = [...COMPONENT_TYPES, ...Object.keys(TYPE_ALIASES)];

/** The prop schema of one prop of one type (undefined: no such prop). */
export function propSchema(type: ComponentType, prop: string, inTabs = false): z.ZodType | undefined {
  const own = COMPONENT_PROPS[type] as Record<string, z.ZodType>;
  if (Object.hasOwn(own, prop)) return own[prop];
  if (prop === 'style') return StyleSchema;
  if (prop === 'label' && inTabs) return TAB_LABEL;
  return undefined;
}

export function propNames(type: ComponentType, inTabs = false): string[] {
  return [...Object.keys(COMPONENT_PROPS[type]), 'style', ...(inTabs ? ['label'] : [])];
}

/** Event names a component may bind in `on_event` (or `@name` in the shorthand). */
export const EVENT_NAMES = ['click', 'dblclick', 'change', 'input', 'submit', 'hover', 'focus', 'blur', 'select', 'toggle', 'open', 'close', 'keydown'] as const;
