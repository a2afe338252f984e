import { onCleanup } from '../helpers/kernel.js';
import { startFakeGemini, startFakeOpenAI, type FakeServer, type Step } from './fake-model-servers.js';

/** The fake model servers, closed after each test. */
export type { FakeServer, Step };

export async function fakeGemini(script: Step[]): Promise<FakeServer> {
  const s = await startFakeGemini(script);
  onCleanup(s.close);
  return s;
}

export async function fakeOpenAI(script: Step[], opts: { rejectJsonSchema?: boolean } = {}): Promise<FakeServer> {
  const s = await startFakeOpenAI(script, opts);
  onCleanup(s.close);
  return s;
}
