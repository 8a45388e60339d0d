/** Hands a held place back; calling it again does nothing. */
export type Release = () => void;

/** The release of a place that was never limited. */
export const NOTHING_HELD: Release = () => undefined;

/**
 * A counting semaphore with a bounded FIFO queue: `capacity` holders at once, `queueLimit` more
 * waiting, and past that a caller is refused at once. It is the shape of both ServiceNow's
 * API_INT pool (4 threads, 50 queued, then 429) and its session synchroniser (1 transaction,
 * 10 waiters, then 202). `onChange` sees every change of the running and queued counts.
 */
export class Semaphore {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly queueLimit: number,
    private readonly onChange: () => void = () => undefined,
  ) {}

  get running(): number {
    return this.holders;
  }

  get queued(): number {
    return this.waiting.length;
  }

  get idle(): boolean {
    return this.holders === 0 && this.waiting.length === 0;
  }

  /** A place, once one is free; undefined, at once, when the queue is full. */
  async acquire(): Promise<Release | undefined> {
    if (this.holders < this.capacity) {
      this.holders += 1;
      this.onChange();
      return this.releaser();
    }
    if (this.waiting.length >= this.queueLimit) return undefined;
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.onChange();
    });
    return this.releaser();
  }

  /** The place passes straight to the first waiter, so a late arrival cannot overtake the queue. */
  private releaser(): Release {
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next) next();
      else this.holders -= 1;
      this.onChange();
    };
  }
}
