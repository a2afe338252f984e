/**
 * Bytes in arrival order, kept as the Buffers they came in: a write appends a reference,
 * a read that fits inside the first chunk returns a view of it. Only a read spanning
 * chunks copies, once, into a buffer of exactly the size asked for.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  /** Bytes of chunks[head] already taken. */
  private offset = 0;
  private size = 0;

  get length() {
    return this.size;
  }

  push(chunk: Buffer) {
    if (!chunk.length) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The byte at position i from the front (for finding character boundaries). */
  at(i: number): number | undefined {
    if (i < 0 || i >= this.size) return undefined;
    let pos = i + this.offset;
    for (let c = this.head; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      if (pos < chunk.length) return chunk[pos];
      pos -= chunk.length;
    }
    return undefined;
  }

  /** Remove and return up to n bytes from the front. */
  take(n: number): Buffer {
    n = Math.min(n, this.size);
    if (n <= 0) return Buffer.alloc(0);
    const first = this.chunks[this.head]!;
    const avail = first.length - this.offset;
    let out: Buffer;
    if (n <= avail) {
      out = first.subarray(this.offset, this.offset + n);
      this.advance(n);
      return out;
    }
    out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[this.head]!;
      const part = Math.min(n - filled, chunk.length - this.offset);
      chunk.copy(out, filled, this.offset, this.offset + part);
      filled += part;
      this.advance(part);
    }
    return out;
  }

  clear() {
    this.chunks = [];
    this.head = 0;
    this.offset = 0;
    this.size = 0;
  }

  private advance(n: number) {
    this.size -= n;
    this.offset += n;
    if (this.offset === this.chunks[this.head]!.length) {
      this.chunks[this.head] = undefined as unknown as Buffer;
      this.head++;
      this.offset = 0;
      // Drop consumed slots now and then, so the array does not grow forever.
      if (this.head === this.chunks.length) {
        this.chunks = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.head);
        this.head = 0;
      }
    }
  }
}

/**
 * How many of the first n bytes to take so that a UTF-8 character is not cut in two
 * (when more bytes follow). Never less than 1 byte, so a reader always makes progress.
 */
export function utf8Cut(q: ByteQueue, n: number): number {
  if (n >= q.length || n <= 1) return n;
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = q.at(i)!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + len > n && i > 0 ? i : n;
  }
  return n;
}
