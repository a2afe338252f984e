import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS } from '../../src/docs/index.js';

describe('generated docs', () => {
  for (const doc of DOCS) {
    it(`${doc.file} is up to date (regenerate with npm run docs)`, async () => {
      expect(readFileSync(doc.file, 'utf8')).toBe(await doc.render());
    });
  }
});
