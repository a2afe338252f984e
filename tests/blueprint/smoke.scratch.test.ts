import { it } from 'vitest';
import { blueprintJsonSchema } from '../../src/blueprint/index.js';
it('smoke', () => {
  const s = JSON.stringify(blueprintJsonSchema(), null, 1);
  console.log(s.length);
  console.log(s.slice(0, 3000));
});
