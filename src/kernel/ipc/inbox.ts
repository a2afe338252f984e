/** A message waiting in a queue. Pub/sub shares one message among its subscribers' inboxes. */
export interface Message {
  data: string;
  bytes: number;
  priority: number;
  from: number;
  sentAt: number;
  seq: number;
  /** Inboxes still holding it; its bytes are freed when this reaches 0. */
  refs: number;
}

export interface Inbox {
  readonly length: number;
  push(m: Message): void;
  shift(): Message | undefined;
  /** Empty it, returning what it held. */
  drain(): Message[];
}

/** First in, first out, without Array.shift's O(n) per message. */
export class FifoInbox implements Inbox {
  private items: (Message | undefined)[] = [];
  private head = 0;

  get length() {
    return this.items.length - this.head;
  }

  push(m: Message) {
    this.items.push(m);
  }

  shift(): Message | undefined {
    if (this.head >= this.items.length) return undefined;
    const m = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return m;
  }

  drain(): Message[] {
    const out = this.items.slice(this.head) as Message[];
    this.items = [];
    this.head = 0;
    return out;
  }
}

/** Highest priority first; equal priorities in the order they were sent (a binary heap). */
export class PriorityInbox implements Inbox {
  private heap: Message[] = [];

  get length() {
    return this.heap.length;
  }

  push(m: Message) {
    const h = this.heap;
    h.push(m);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  shift(): Message | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && before(h[l]!, h[best]!)) best = l;
        if (r < h.length && before(h[r]!, h[best]!)) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best]!, h[i]!];
        i = best;
      }
    }
    return top;
  }

  drain(): Message[] {
    const out = this.heap;
    this.heap = [];
    return out;
  }
}

const before = (a: Message, b: Message) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
