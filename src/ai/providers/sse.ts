/**
 * Server-sent events from a fetch body: yields the `data` of each event (lines joined by
 * \n), ignoring comments, `event:`/`id:`/`retry:` fields and blank keep-alives. Tolerant on
 * purpose (`data:` with or without the space, \r\n or \n) because OpenAI-compatible servers
 * differ. `ended` tells whether the body closed cleanly.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buf = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buf += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + (buf[nl] === '\r' && buf[nl + 1] === '\n' ? 2 : 1));
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
        // Anything else (":" comments, event:, id:, retry:) carries nothing we use.
      }
      if (done) break;
    }
    if (buf.startsWith('data:')) data.push(buf.slice(buf[5] === ' ' ? 6 : 5));
    if (data.length) yield data.join('\n');
  } finally {
    // Stopped early (an error, an abort, a consumer that had enough): close the connection.
    await reader.cancel().catch(() => {});
  }
}
