import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { Connection, streamUrl } from './connection.js';
import { ConnectionContext } from './context.js';
import { ErrorBoundary } from './ErrorBoundary.js';

const conn = new Connection(streamUrl());
conn.start();
// For tests and the curious: the live link (no token: the cookie carries it).
(window as unknown as { agentos?: Connection }).agentos = conn;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConnectionContext.Provider value={conn}>
      <ErrorBoundary what="The desktop">
        <App />
      </ErrorBoundary>
    </ConnectionContext.Provider>
  </StrictMode>,
);
