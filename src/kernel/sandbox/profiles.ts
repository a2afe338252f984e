import type { Capability, Grant } from './capabilities.js';
import { CAPABILITY_NAMES } from './capabilities.js';

/** The three presets of the original, with scopes made explicit. */
export const PROFILE_NAMES = ['MINIMAL', 'STANDARD', 'PRIVILEGED'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Places no profile but PRIVILEGED may write: the kernel's own views and the shipped apps. */
const SYSTEM_DIRS = ['/proc/**', '/apps/**'];

const allow = (cap: Capability, scope?: string[]): Grant => ({ cap, scope });
const deny = (cap: Capability, scope: string[]): Grant => ({ cap, scope, deny: true });

export const PROFILES: Record<ProfileName, Grant[]> = {
  // Nothing but the clock; system dirs blocked outright.
  MINIMAL: [allow('TIME_ACCESS'), ...SYSTEM_DIRS.map((d) => deny('READ_FILE', [d]))],
  // Files in the user's data and temp dirs, system info, time, messages.
  STANDARD: [
    allow('READ_FILE', ['/home/**', '/tmp/**', '/apps/**']),
    allow('WRITE_FILE', ['/home/**', '/tmp/**']),
    allow('CREATE_FILE', ['/home/**', '/tmp/**']),
    allow('DELETE_FILE', ['/home/**', '/tmp/**']),
    allow('LIST_DIRECTORY', ['/home/**', '/tmp/**', '/apps/**']),
    allow('SYSTEM_INFO'),
    allow('TIME_ACCESS'),
    allow('SEND_MESSAGE'),
    allow('RECEIVE_MESSAGE'),
  ],
  // Nearly all: every capability over every scope, but still no writes to /proc.
  PRIVILEGED: [
    ...CAPABILITY_NAMES.map((cap) => allow(cap)),
    deny('WRITE_FILE', ['/proc/**']),
    deny('DELETE_FILE', ['/proc/**']),
    deny('CREATE_FILE', ['/proc/**']),
  ],
};

export const isProfileName = (s: string): s is ProfileName => (PROFILE_NAMES as readonly string[]).includes(s);

export const grantsFor = (profile: ProfileName): Grant[] => PROFILES[profile].map((g) => ({ ...g, scope: g.scope && [...g.scope] }));
