import type { Blueprint } from '../../blueprint/types.js';
import type { CatalogEntry } from '../../runtime/catalog.js';
import type { ResizeEdge, SnapZone, TileLayout, CellRect } from '../../runtime/windows.js';
import type { ViewState } from '../components/types.js';

/** What covers the desktop and takes the keys while it is open. */
export type Overlay =
  | { kind: 'spotlight'; query: string; selected: number }
  | { kind: 'help'; scroll: number }
  | {
      kind: 'permission';
      /** App instance id (for a denial) or the Blueprint's app id (for a first launch). */
      appId: string;
      title: string;
      text: string;
      choice: number;
      /** A denied capability to grant, and what it was denied for (a path, host or command). */
      cap?: string;
      target?: string;
      pid?: number;
      /** A generated app waiting for the user's yes before it starts. */
      blueprint?: Blueprint;
    };

export interface Drag {
  kind: 'move' | 'resize';
  id: string;
  edge?: ResizeEdge;
  /** Pointer where the drag started. */
  x: number;
  y: number;
  /** The window's cells when the drag started. */
  start: CellRect;
  /** The zone a drop here snaps to (move drags only). */
  snap: SnapZone | null;
}

/**
 * The view's own state: nothing here belongs to an app. Immutable; each change is a new
 * object with a higher version (the Ink tree reads it with useSyncExternalStore).
 */
export interface UiState {
  version: number;
  cols: number;
  rows: number;
  /** The prefix key was pressed; the next key is a window command. */
  prefix: boolean;
  overlay: Overlay | null;
  chatOpen: boolean;
  chatFocused: boolean;
  chatInput: string;
  /** Per window: focused control, cursors, scroll offsets, open select. */
  views: Readonly<Record<string, ViewState>>;
  drag: Drag | null;
  tiling: TileLayout | null;
  /** One line for the menu bar: what the prefix waits for, what just failed. */
  hint: string | null;
  apps: readonly CatalogEntry[];
  /** App ids whose first-launch permissions the user allowed for good. */
  trusted: readonly string[];
  /** Generations in progress, by prompt (shown in the menu bar). */
  generating: readonly string[];
}

export const initialUi = (cols: number, rows: number): UiState => ({
  version: 0,
  cols,
  rows,
  prefix: false,
  overlay: null,
  chatOpen: false,
  chatFocused: false,
  chatInput: '',
  views: {},
  drag: null,
  tiling: null,
  hint: null,
  apps: [],
  trusted: [],
  generating: [],
});
