/**
 * Sessions: the whole workspace saved and restored (apps with their state and Blueprints,
 * parent/child links, window geometry, z-order, focus, chat, clipboard).
 *
 *   await saveSession(runtime, 'work');                  // /home/sessions/work.json, atomic
 *   await restoreSession(runtime, 'work');               // parents first, ids remapped
 *   const s = await openDesktopSession(runtime, { name: opts.session, fresh: opts.fresh });
 *   ...                                                  // autosaves every session.autosaveSeconds
 *   await s.close();                                     // on exit: one last save
 */
export { saveSession, restoreSession, sessionStoreFor, sessionService, type SaveOptions } from './sessions.js';
export { startAutosave, openDesktopSession, type Autosave, type DesktopSession } from './autosave.js';
export { SessionStore, checkSessionName, type SessionInfo, type SessionProblem } from './store.js';
export { captureWorkspace, restoreWorkspace, type RestoreOptions, type RestoreResult } from './workspace.js';
export { SESSION_FORMAT, SESSION_VERSION, SESSION_NAME, decodeSession, encodeSession, SessionFormatError, type Session, type Workspace, type AppSnapshot } from './format.js';
