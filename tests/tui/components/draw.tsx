import { render } from 'ink-testing-library';
import type { Component } from '../../../src/blueprint/types.js';
import { makeContext, renderComponent } from '../../../src/tui/components/index.js';
import { EMPTY_VIEW, type AssetSource, type ViewState } from '../../../src/tui/components/types.js';
import type { Block } from '../../../src/tui/render/block.js';
import { BlockView } from '../../../src/tui/render/BlockView.js';
import { plain, setColorDepth } from '../../../src/tui/render/style.js';
import { THEMES } from '../../../src/tui/render/theme.js';

setColorDepth('256');

export interface Drawn {
  /** What Ink wrote, styles included. */
  frame: string;
  /** What a user reads. */
  text: string;
  lines: string[];
  block: Block;
}

/** Render one component through its renderer and Ink (ink-testing-library), as a user would see it. */
export function draw(
  c: Partial<Component> & { type: Component['type'] },
  opts: { state?: Record<string, unknown>; view?: Partial<ViewState>; width?: number; viewport?: number; assets?: AssetSource } = {},
): Drawn {
  const comp: Component = { id: c.id ?? 'c1', props: {}, ...c } as Component;
  const ctx = makeContext({
    width: opts.width ?? 30,
    viewport: opts.viewport ?? 10,
    state: opts.state ?? {},
    theme: THEMES.dark,
    view: { ...EMPTY_VIEW, ...opts.view },
    assets: opts.assets,
  });
  const block = renderComponent(comp, ctx);
  const { lastFrame, unmount } = render(<BlockView block={block} />);
  const frame = lastFrame() ?? '';
  unmount();
  const text = plain(frame);
  return { frame, text, lines: text.split('\n'), block };
}

export const INVERSE = /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/;
export const DIM = /\x1b\[([0-9;]*;)?2(;[0-9;]*)?m/;
