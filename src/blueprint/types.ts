/**
 * The canonical form every Blueprint normalizes into (both the explicit and the shorthand
 * form of the original load into this). The zod schemas in schema.ts check that they
 * describe the same shapes; these names are what the rest of the program imports.
 */
export const COMPONENT_TYPES = [
  'button', 'input', 'text', 'checkbox', 'radio', 'slider', 'container', 'grid', 'list',
  'select', 'textarea', 'image', 'video', 'audio', 'canvas', 'badge', 'card', 'divider',
  'modal', 'tabs', 'app-shortcut', 'iframe', 'progress',
] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

export const CATEGORIES = ['system', 'productivity', 'utilities', 'creative'] as const;
export type Category = (typeof CATEGORIES)[number];

/** A tool call bound to an event or key: the tool id and arguments that may read state and the event. */
export interface ToolBinding {
  tool: string;
  args?: Record<string, unknown>;
}

/** Events a component can bind: click, change, submit, hover, focus, blur, ... */
export type EventBindings = Record<string, ToolBinding[]>;

export interface Component {
  type: ComponentType;
  id: string;
  props: Record<string, unknown>;
  on_event?: EventBindings;
  children?: Component[];
}

export interface AppInfo {
  id: string;
  name: string;
  description?: string;
  icon?: string;
  category?: Category;
  version?: string;
  author?: string;
  tags?: string[];
  /** A profile name (MINIMAL | STANDARD | PRIVILEGED) and/or capability names. */
  permissions?: string[];
}

/** A service the app uses, with the subset of its tools it may call (absent: all). */
export interface ServiceRef {
  name: string;
  /** Tool verbs (`get`, `set`), as written after the service name in a tool id. */
  tools?: string[];
  /** Service options given in the object form (`{"filesystem": {"root": "/home"}}`). */
  config?: Record<string, unknown>;
}

export interface Lifecycle {
  on_mount?: ToolBinding[];
  on_unmount?: ToolBinding[];
  on_focus?: ToolBinding[];
}

export interface Blueprint {
  app: AppInfo;
  services: ServiceRef[];
  ui: {
    title: string;
    layout: 'vertical' | 'horizontal';
    components: Component[];
    lifecycle: Lifecycle;
    /** Ours: key name -> tool bindings, applied when no input has focus. */
    keys?: Record<string, ToolBinding[]>;
  };
  config?: Record<string, unknown>;
}
