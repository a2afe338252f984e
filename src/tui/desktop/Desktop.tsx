import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { DesktopController } from './controller.js';
import { composeScreen } from './layers.js';

/** Re-render every `ms` (the menu bar clock, expiring toasts). */
function useTick(ms: number) {
  const [, set] = useState(0);
  useEffect(() => {
    const t = setInterval(() => set((n) => n + 1), ms);
    t.unref?.();
    return () => clearInterval(t);
  }, [ms]);
}

/**
 * The whole screen: the layers composed into cells here (Ink paints overlapping boxes too,
 * but re-measures every character of every window on every frame). With a `sink` (the
 * real terminal) the composed rows go straight to it, which repaints only the rows that
 * changed; without one (tests) they are one Ink <Text>.
 */
export function Desktop({ ctl, sink }: { ctl: DesktopController; sink?: (lines: string[]) => void }) {
  const ui = useSyncExternalStore(ctl.subscribe, ctl.getState);
  useSyncExternalStore(ctl.rt.subscribe, ctl.rt.getSnapshot);
  useTick(15_000);
  const lines = composeScreen(ctl);
  useLayoutEffect(() => sink?.(lines));
  if (sink) return null;
  return (
    <Box width={ui.cols} height={ui.rows} overflow="hidden">
      <Text wrap="truncate-end">{lines.join('\n')}</Text>
    </Box>
  );
}
