import { memo } from 'react';
import { Text } from 'ink';
import type { Block } from './block.js';

/**
 * A block as one Ink <Text>: lines joined by newlines. One element per window keeps Ink's
 * per-frame work small; the lines are already styled and exactly as wide as the block.
 */
export const BlockView = memo(function BlockView({ block }: { block: Block }) {
  return <Text wrap="truncate-end">{block.lines.join('\n')}</Text>;
});
