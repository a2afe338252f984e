import { KernelError } from '../errors.js';

/** Host variables a child may inherit: where programs are, language, terminal, who and where. */
const INHERITED = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE',
  'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME', 'TERM', 'COLORTERM', 'TZ', 'TMPDIR', 'NO_COLOR',
];

/**
 * Variables that make a program load or run code it was not asked to: the dynamic linker's
 * (LD_*, DYLD_*), Node's, the shells' startup hooks, other interpreters' preloads.
 */
const CODE_LOADING = /^(LD_|DYLD_|BASH_FUNC_)|^(NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|PS4|IFS|PERL5OPT|PERL5LIB|PYTHONSTARTUP|PYTHONPATH|PYTHONHOME|RUBYOPT|RUBYLIB|GCONV_PATH|JAVA_TOOL_OPTIONS|GIT_EXEC_PATH|GIT_SSH_COMMAND)$/;

export const loadsCode = (name: string) => CODE_LOADING.test(name);

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * A child's whole environment, built from an allowlist (spawned with `extendEnv: false`):
 * allowlisted host variables, then the calling process's environment, then what the call
 * passed. A code-loading variable passed explicitly is refused; one found elsewhere is dropped.
 */
export function childEnv(host: NodeJS.ProcessEnv, own: ReadonlyMap<string, string>, passed: Record<string, string> = {}, extra: Record<string, string> = {}): Record<string, string> {
  for (const name of Object.keys(passed)) {
    if (loadsCode(name)) throw new KernelError('EPERM', `${name} can change how programs load code and cannot be passed to a child`);
  }
  const env: Record<string, string> = {};
  for (const name of INHERITED) {
    const v = host[name];
    if (v !== undefined) env[name] = v;
  }
  for (const [name, v] of own) if (!loadsCode(name)) env[name] = v;
  Object.assign(env, extra, passed);
  env.PATH ||= DEFAULT_PATH;
  return env;
}
