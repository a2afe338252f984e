import { describe, expect, test } from 'vitest';
import { SERVICE_NAMES, SERVICE_TOOLS } from '../../../src/runtime/services/index.js';

describe('the service tool table', () => {
  test('every tool names its service, which is the first part of its id (system.* apart)', () => {
    for (const t of SERVICE_TOOLS) {
      expect(SERVICE_NAMES).toContain(t.service);
      expect(t.id.split('.')[0]).toBe(t.service);
      expect(t.doc.length).toBeGreaterThan(5);
    }
  });

  test('ids are unique and cover what the original offered', () => {
    const ids = SERVICE_TOOLS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        ...['set', 'get', 'remove', 'list', 'clear'].map((v) => `storage.${v}`),
        ...['list', 'stat', 'read', 'write', 'create', 'mkdir', 'delete', 'move', 'copy', 'exists'].map((v) => `filesystem.${v}`),
        ...['info', 'time', 'getLogs', 'ping'].map((v) => `system.${v}`),
        ...['register', 'login', 'logout', 'verify', 'getUser'].map((v) => `auth.${v}`),
      ]),
    );
    // system.log, alert, notify... belong to the runtime's own system tools.
    expect(ids).not.toContain('system.log');
  });
});
