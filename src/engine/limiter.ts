// A small concurrency limit shared by the work of one process (provider requests, embedding writes).

/** At most `limit` tasks at once; the others wait their turn (first come, first served). */
export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` once a slot is free; rejects with the signal's reason if `abortSignal` aborts while waiting. */
  async run<T>(task: () => Promise<T>, abortSignal?: AbortSignal): Promise<T> {
    abortSignal?.throwIfAborted();
    if (this.running >= this.limit) await this.waitForSlot(abortSignal);
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Waits for a slot handed over by a finishing task (the slot's count moves with it). */
  private waitForSlot(abortSignal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(handOver);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(abortSignal!.reason);
      };
      const handOver = () => {
        abortSignal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.waiting.push(handOver);
      abortSignal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

