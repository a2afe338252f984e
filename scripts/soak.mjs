// Soak test of the terminal desktop: `agentos shell` in tmux (120x40) on an empty
// AGENTOS_HOME, 12 apps opened through the spotlight, then random keys, SGR mouse clicks
// and drags, and window commands for SOAK_MINUTES (default 10). Every 10 s it samples the
// shell's RSS and open fds; at the end it quits with Ctrl+Q and checks that no process the
// shell started outlives it. Prints a JSON summary, writes bench/soak.json, and exits 1 when
// RSS grew past the bound, a process leaked, or the desktop crashed.
//
//   npm run soak                       # 10 minutes
//   SOAK_MINUTES=1 SOAK_SEED=42 node scripts/soak.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'agentos.js');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 2 ** 31);
const SAMPLE_MS = 10_000;
const COLS = 120;
const ROWS = 40;
const SESSION = `agentos-soak-${process.pid}`;
/** RSS may at most double from the start, plus some room for caches filling up. */
const rssBound = (startMb) => 2 * startMb + 50;
/** Typed into the spotlight to open 12 windows (a second calculator and notes included). */
const APPS = ['Calculator', 'Notes', 'Todo', 'Color Mixer', 'File Explorer', 'System Monitor', 'Task Manager', 'Settings', 'Hub', 'Browser', 'Calculator', 'Terminal'];

if (spawnSync('tmux', ['-V']).status !== 0) {
  console.error('soak: needs tmux (apt-get install tmux)');
  process.exit(2);
}
if (!(MINUTES > 0)) {
  console.error(`soak: SOAK_MINUTES must be a positive number, not ${process.env.SOAK_MINUTES}`);
  process.exit(2);
}

// A seeded generator (mulberry32): a failing run can be repeated with its SOAK_SEED.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const below = (n) => Math.floor(random() * n);
const pick = (list) => list[below(list.length)];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (...args) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const key = (k) => tmux('send-keys', '-t', SESSION, k);
const text = (t) => tmux('send-keys', '-t', SESSION, '-l', t);

async function until(test, what, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the screen:\n${s}`);
    await sleep(150);
  }
}

// ---- processes, from /proc ---------------------------------------------------------------

function stat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start at the last ')'.
    const close = s.lastIndexOf(')');
    const rest = s.slice(close + 2).split(' ');
    return { pid, comm: s.slice(s.indexOf('(') + 1, close), ppid: Number(rest[1]), start: rest[19] };
  } catch {
    return undefined;
  }
}

function allProcesses() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => stat(Number(d))).filter(Boolean);
}

/** Every process below `root` (children, their children...), with start times against pid reuse. */
function descendants(root) {
  const byParent = new Map();
  for (const p of allProcesses()) {
    if (!byParent.has(p.ppid)) byParent.set(p.ppid, []);
    byParent.get(p.ppid).push(p);
  }
  const out = [];
  const todo = [root];
  while (todo.length) for (const c of byParent.get(todo.pop()) ?? []) out.push(c), todo.push(c.pid);
  return out;
}

const stillRunning = (p) => stat(p.pid)?.start === p.start;

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
}

const fdCount = (pid) => readdirSync(`/proc/${pid}/fd`).length;

// ---- the desktop ------------------------------------------------------------------------

function start(home) {
  // SHELL=/bin/cat: random keys typed into a terminal window must never run commands.
  const env = [`AGENTOS_HOME=${home}`, 'CI=0', 'SHELL=/bin/cat', 'TERM=xterm-256color', `PATH=${process.env.PATH}`, `HOME=${process.env.HOME}`];
  const cmd = `env ${env.map((e) => `'${e}'`).join(' ')} '${process.execPath}' '${BIN}' shell 2>'${path.join(home, 'stderr.txt')}'; echo "AGENTOS-EXITED $?"; sleep 600`;
  tmux('new-session', '-d', '-s', SESSION, '-x', String(COLS), '-y', String(ROWS), cmd);
}

/** The node process running `agentos shell`: the child of the pane's sh. */
async function shellPid() {
  const pane = Number(tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim());
  for (let i = 0; i < 100; i++) {
    const node = descendants(pane).find((p) => p.comm === 'node');
    if (node) return node.pid;
    await sleep(100);
  }
  throw new Error('could not find the agentos shell process');
}

/**
 * Open an app through the spotlight: Ctrl+K, or the prefix and k, which also works with a
 * terminal window focused (there Ctrl+K belongs to the program in it).
 */
async function openApp(name, viaPrefix = false, ms = 30_000) {
  key('Escape');
  await sleep(100);
  if (viaPrefix) {
    key('C-a');
    await sleep(40);
    key('k');
  } else key('C-k');
  await until((s) => /Spotlight/.test(s), 'the spotlight', ms);
  text(name);
  await sleep(300);
  key('Enter');
  await sleep(600);
}

/** Window commands behind the prefix; never q (quit). Close and new terminal are rare. */
const PREFIXED = [
  ...'npmzrt123456789'.split(''),
  'Tab',
  'BTab',
  'Space',
  'Left',
  'Right',
  'Up',
  'Down',
  'H',
  'L',
  'K',
  'J',
  'PageUp',
  'PageDown',
];
/** Keys a person presses in windows. Not C-k (random text + Enter would generate apps), not C-q. */
const KEYS = ['Tab', 'BTab', 'Enter', 'Escape', 'BSpace', 'Up', 'Down', 'Left', 'Right', 'PageUp', 'PageDown', 'Space', 'F1', 'Home', 'End'];
const TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789+-*/=.,';

async function randomEvent(counts) {
  const r = random();
  if (r < 0.4) {
    counts.keys++;
    if (random() < 0.5) text(pick(TYPED));
    else key(pick(KEYS));
  } else if (r < 0.7) {
    counts.clicks++;
    const x = 1 + below(COLS);
    const y = 1 + below(ROWS);
    text(`\x1b[<0;${x};${y}M`);
    await sleep(30);
    text(`\x1b[<0;${x};${y}m`);
  } else if (r < 0.78) {
    counts.drags++;
    let x = 1 + below(COLS);
    let y = 1 + below(ROWS);
    text(`\x1b[<0;${x};${y}M`);
    for (let i = 0; i < 4; i++) {
      x = Math.max(1, Math.min(COLS, x + below(9) - 4));
      y = Math.max(1, Math.min(ROWS, y + below(5) - 2));
      await sleep(20);
      text(`\x1b[<32;${x};${y}M`);
    }
    text(`\x1b[<0;${x};${y}m`);
  } else if (r < 0.995) {
    counts.window_commands++;
    key('C-a');
    await sleep(40);
    key(pick(PREFIXED));
  } else {
    // Now and then a window closes and another opens, so windows come and go.
    counts.window_commands++;
    key('C-a');
    await sleep(40);
    key('x');
    await sleep(200);
    await openApp(pick(APPS), true, 5000).catch(() => counts.spotlight_misses++);
  }
  await sleep(40 + below(120));
}

/** One call on the desktop's control socket (JSON lines, as `agentos` itself speaks it). */
function control(home, method, params = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(path.join(home, '.run', 'kernel.sock'));
    let buf = '';
    sock.on('connect', () => sock.write(JSON.stringify({ id: 1, method, params }) + '\n'));
    sock.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      sock.end();
      const r = JSON.parse(buf.slice(0, nl));
      if (r.ok) resolve(r.result);
      else reject(new Error(`${method}: ${r.error?.message}`));
    });
    sock.on('error', reject);
  });
}

/**
 * Random clicks open apps now and then (the dock, the hub's shortcuts). The run holds the
 * desktop at about its 12 apps, closing the newest extras, so that what is measured is the
 * same desktop used for 10 minutes, not a growing one.
 */
async function trimWindows(home, keep, counts) {
  const running = await control(home, 'apps.list');
  for (const app of running.slice(keep)) {
    await control(home, 'apps.close', { id: app.id }).catch(() => undefined);
    counts.extra_windows_closed++;
  }
  return running.length;
}

/** Lines on screen that look like a failure (one of each, at most 50). */
const ERROR_LINE = /\bE[A-Z]{3,}\b:|\b[A-Z]?[a-z]*Error\b|\berror\b|\b[Cc]rash|\b[Ee]xception\b|\bTraceback\b/;
function errorsOn(s, seen) {
  for (const line of s.split('\n')) {
    const t = line.replace(/\s+/g, ' ').trim();
    if (ERROR_LINE.test(t) && seen.size < 50) seen.add(t.slice(0, 160));
  }
}

/** Apps in the session the desktop saved when it quit (what was open at the end), or null. */
function appsInSavedSession(home) {
  const dir = path.join(home, 'sessions');
  try {
    const last = JSON.parse(readFileSync(path.join(dir, '.last'), 'utf8')).name;
    return JSON.parse(readFileSync(path.join(dir, `${last}.json`), 'utf8')).workspace.apps.length;
  } catch {
    return null;
  }
}

// ---- the run ----------------------------------------------------------------------------

async function main() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'agentos-soak-'));
  const samples = [];
  const errors = new Set();
  const counts = { keys: 0, clicks: 0, drags: 0, window_commands: 0, spotlight_misses: 0, extra_windows_closed: 0 };
  const known = new Map();
  let pid;
  let exit = null;
  let crashed = null;
  let quitWith = null;
  try {
    start(home);
    await until((s) => /AgentOS/.test(s), 'the desktop', 60_000);
    pid = await shellPid();
    for (const name of APPS) await openApp(name);
    key('Escape');
    await sleep(1000);

    const sample = () => {
      const s = { at_s: Math.round((Date.now() - t0) / 1000), rss_mb: rssMb(pid), fds: fdCount(pid), children: 0 };
      const kids = descendants(pid);
      s.children = kids.length;
      for (const k of kids) known.set(`${k.pid}:${k.start}`, k);
      samples.push(s);
      errorsOn(screen(), errors);
      return s;
    };
    const t0 = Date.now();
    sample();
    const end = t0 + MINUTES * 60_000;
    let nextSample = t0 + SAMPLE_MS;
    while (Date.now() < end) {
      await randomEvent(counts);
      if (Date.now() >= nextSample) {
        while (nextSample <= Date.now()) nextSample += SAMPLE_MS;
        if (/AGENTOS-EXITED/.test(screen()) || !stat(pid)) {
          crashed = 'the desktop exited during the run';
          break;
        }
        const windows = await trimWindows(home, APPS.length, counts).catch(() => null);
        const s = sample();
        s.windows = windows;
        process.stderr.write(`soak: ${s.at_s}s rss ${s.rss_mb} MB, ${s.fds} fds, ${s.children} child processes, ${windows} windows\n`);
      }
    }
    if (!crashed) {
      sample();
      // Ctrl+Q quits from anywhere but a terminal window, where the prefix and q do.
      key('Escape');
      await sleep(200);
      key('C-q');
      quitWith = 'C-q';
      let s = await until((x) => /AGENTOS-EXITED \d+/.test(x), 'the desktop to exit', 10_000).catch(() => undefined);
      if (!s) {
        key('C-a');
        await sleep(100);
        key('q');
        quitWith = 'C-a q (Ctrl+Q went to a terminal window)';
        s = await until((x) => /AGENTOS-EXITED \d+/.test(x), 'the desktop to exit', 30_000);
      }
      exit = Number(/AGENTOS-EXITED (\d+)/.exec(s)[1]);
    }
  } catch (e) {
    crashed = String(e.message ?? e).split('\n')[0];
  }

  // Children are reparented when the shell exits: check the ones recorded while it ran.
  await sleep(2000);
  const leaked = [...known.values()].filter(stillRunning).map((p) => ({ pid: p.pid, comm: p.comm }));
  const windowsAtQuit = appsInSavedSession(home);
  const stderr = existsSync(path.join(home, 'stderr.txt')) ? readFileSync(path.join(home, 'stderr.txt'), 'utf8').trim().split('\n').filter(Boolean).slice(-20) : [];
  spawnSync('tmux', ['kill-session', '-t', SESSION]);
  for (const p of leaked) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {}
  }
  rmSync(home, { recursive: true, force: true });

  const rss = samples.map((s) => s.rss_mb);
  const fds = samples.map((s) => s.fds);
  const first = (a) => a[0] ?? null;
  const last = (a) => a.at(-1) ?? null;
  const bound = samples.length ? rssBound(rss[0]) : null;
  const problems = [];
  if (crashed) problems.push(crashed);
  if (exit !== null && exit !== 0) problems.push(`the desktop exited with ${exit}`);
  if (bound !== null && last(rss) > bound) problems.push(`RSS grew from ${rss[0]} MB to ${last(rss)} MB, past the bound of ${bound} MB (2x start + 50 MB)`);
  if (leaked.length) problems.push(`${leaked.length} process(es) the shell started outlived it: ${leaked.map((p) => `${p.pid} ${p.comm}`).join(', ')}`);
  const summary = {
    at: new Date().toISOString(),
    minutes: MINUTES,
    seed: SEED,
    terminal: `${COLS}x${ROWS}`,
    apps_opened: APPS.length,
    events: counts,
    rss_mb: { start: first(rss), max: rss.length ? Math.max(...rss) : null, end: last(rss), bound },
    fds: { start: first(fds), max: fds.length ? Math.max(...fds) : null, end: last(fds) },
    windows_at_quit: windowsAtQuit,
    child_processes_seen: known.size,
    quit_with: quitWith,
    exit_code: exit,
    leaked_processes: leaked,
    errors_on_screen: [...errors],
    stderr_tail: stderr,
    samples,
    ok: problems.length === 0,
    problems,
  };
  const json = JSON.stringify(summary, null, 2);
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'soak.json'), json + '\n');
  process.stdout.write(json + '\n');
  if (problems.length) for (const p of problems) process.stderr.write(`soak: ${p}\n`);
  process.exit(problems.length ? 1 : 0);
}

await main();
