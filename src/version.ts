/** Replaced at build time with package.json's version; read from it when run from source. */
declare const __AGENTOS_VERSION__: string | undefined;
export const VERSION: string = typeof __AGENTOS_VERSION__ === 'string' ? __AGENTOS_VERSION__ : '0.1.0';
