import type { ActionName } from './types.js';

/**
 * The offline chat: what a message asks for, read by patterns in order (first match wins).
 * Each intent names an action and how to pull its argument from the message; `reply` is
 * for intents that need no action.
 */
export interface Intent {
  id: string;
  patterns: RegExp[];
  action?: ActionName;
  /** The action's arguments from the first pattern's match. */
  args?(m: RegExpMatchArray, message: string): Record<string, string>;
  reply?: string;
}

const clean = (s: string | undefined) =>
  (s ?? '')
    .trim()
    .replace(/^(the|my|an?|me)\s+/i, '')
    .replace(/\s+(app|application|window|please|for me|now)$/i, '')
    .replace(/[.!?]+$/, '')
    .trim();

export const CAPABILITIES = [
  'make an app from a sentence ("make a pomodoro timer with 50 minute sessions")',
  'list apps ("what apps do I have?")',
  'open or close an app ("open calculator", "close notes")',
  'explain a command or syscall ("what does agentos ps do?", "explain fs.read")',
];

export const INTENTS: Intent[] = [
  {
    id: 'help',
    patterns: [/^\s*(help|\?|what can you do|what do you do|how can you help)\b/i],
    reply: `I can:\n${CAPABILITIES.map((c) => `- ${c}`).join('\n')}`,
  },
  {
    id: 'greeting',
    patterns: [/^\s*(hi|hello|hey|good (morning|afternoon|evening)|yo)\b[\s!.,]*$/i],
    reply: `Hello! I can:\n${CAPABILITIES.map((c) => `- ${c}`).join('\n')}`,
  },
  {
    id: 'explain',
    patterns: [
      /\b(?:what|how)\s+(?:does|do|is)\s+(?:the\s+)?(?:`?agentos\s+)?`?([a-z][\w.-]*)`?\s*(?:command|syscall)?\s*(?:do|work|mean|for)?\b/i,
      /\b(?:explain|describe|help (?:with|on)|usage of|how to use|tell me about)\s+(?:the\s+)?(?:`?agentos\s+)?`?([a-z][\w.-]*)`?/i,
    ],
    action: 'explain',
    args: (m) => ({ topic: m[1]! }),
  },
  {
    id: 'list',
    patterns: [/\b(list|show|which|what)\b.*\b(apps?|applications|programs|windows)\b/i, /^\s*(apps|ls)\s*$/i],
    action: 'list_apps',
    args: () => ({}),
  },
  {
    id: 'generate',
    patterns: [/\b(?:make|create|build|generate|design|write|give)\s+(?:me\s+)?(?:an?\s+|the\s+)?(?:new\s+)?(?:app\s+(?:for|to|that)\s+)?(.+)/i, /\bi\s+(?:need|want|would like)\s+(?:an?\s+)?(?:app\s+(?:for|to|that)\s+)?(.+)/i],
    action: 'generate_app',
    args: (m) => ({ prompt: m[1]!.replace(/[.!?]+$/, '') }),
  },
  {
    id: 'open',
    patterns: [/\b(?:open|launch|start|run|show)\s+(?:up\s+)?(.+)/i],
    action: 'open_app',
    args: (m) => ({ id: clean(m[1]) }),
  },
  {
    id: 'close',
    patterns: [/\b(?:close|quit|exit|stop|kill|shut down)\s+(.+)/i],
    action: 'close_app',
    args: (m) => ({ id: clean(m[1]) }),
  },
];

/** The first intent a message matches, with the action's arguments. */
export function matchIntent(message: string): { intent: Intent; args: Record<string, string> } | undefined {
  for (const intent of INTENTS) {
    for (const re of intent.patterns) {
      const m = message.match(re);
      if (m) return { intent, args: intent.args?.(m, message) ?? {} };
    }
  }
  return undefined;
}
