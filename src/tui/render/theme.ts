import type { Style } from './style.js';

/**
 * The desktop's colors by role. Components ask for roles (primary, danger, focus...), never
 * for colors, so `agentos config set theme light|mono` changes everything at once.
 */
export interface Theme {
  name: 'dark' | 'light' | 'mono';
  text: Style;
  muted: Style;
  accent: Style;
  primary: Style;
  secondary: Style;
  success: Style;
  warning: Style;
  error: Style;
  /** The focused control (drawn over its own style). */
  focus: Style;
  disabled: Style;
  /** Input fields and textareas. */
  field: Style;
  fieldFocus: Style;
  border: Style;
  borderFocus: Style;
  titleActive: Style;
  titleInactive: Style;
  menuBar: Style;
  dock: Style;
  desktop: Style;
  selection: Style;
  snapPreview: Style;
}

const dark: Theme = {
  name: 'dark',
  text: {},
  muted: { fg: 'gray' },
  accent: { fg: 'cyan' },
  primary: { fg: 'brightWhite', bg: 'blue', bold: true },
  secondary: { fg: 'black', bg: 'white' },
  success: { fg: 'green' },
  warning: { fg: 'yellow' },
  error: { fg: 'red' },
  focus: { inverse: true, bold: true },
  disabled: { dim: true },
  field: { bg: 236 },
  fieldFocus: { bg: 238, underline: false },
  border: { fg: 'gray' },
  borderFocus: { fg: 'cyan', bold: true },
  titleActive: { fg: 'black', bg: 'cyan', bold: true },
  titleInactive: { fg: 'white', bg: 238 },
  menuBar: { fg: 'black', bg: 'white' },
  dock: { fg: 'white', bg: 236 },
  desktop: {},
  selection: { fg: 'black', bg: 'cyan' },
  snapPreview: { fg: 'cyan', dim: true },
};

const light: Theme = {
  ...dark,
  name: 'light',
  muted: { fg: 'gray' },
  accent: { fg: 'blue' },
  secondary: { fg: 'white', bg: 'gray' },
  field: { bg: 254 },
  fieldFocus: { bg: 252 },
  borderFocus: { fg: 'blue', bold: true },
  titleActive: { fg: 'white', bg: 'blue', bold: true },
  titleInactive: { fg: 'black', bg: 252 },
  menuBar: { fg: 'white', bg: 'black' },
  dock: { fg: 'black', bg: 252 },
  selection: { fg: 'white', bg: 'blue' },
};

/** No colors at all: only bold, dim, underline and inverse (NO_COLOR terminals read the same). */
const mono: Theme = {
  name: 'mono',
  text: {},
  muted: { dim: true },
  accent: { bold: true },
  primary: { bold: true, inverse: true },
  secondary: { underline: true },
  success: { bold: true },
  warning: { bold: true },
  error: { bold: true, underline: true },
  focus: { inverse: true, bold: true },
  disabled: { dim: true },
  field: { underline: true },
  fieldFocus: { underline: true, bold: true },
  border: {},
  borderFocus: { bold: true },
  titleActive: { inverse: true, bold: true },
  titleInactive: { dim: true },
  menuBar: { inverse: true },
  dock: { inverse: true },
  desktop: {},
  selection: { inverse: true },
  snapPreview: { dim: true },
};

export const THEMES = { dark, light, mono } as const;
export const themeFor = (name: string | undefined): Theme => THEMES[(name as keyof typeof THEMES) ?? 'dark'] ?? dark;
