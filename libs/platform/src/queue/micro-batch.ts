/**
 * Group commit: concurrent callers submit their item, and whatever has arrived while the previous call ran goes
 * together in one call (at most `max` items, at most `inFlight` calls at once). Each caller gets its own result, or
 * the call's error. Used for the payment worker's hot statements and the submit's read and write (set-based
 * versions of the single-row ones, so their meaning per instalment or submit does not change) and for putting mail
 * jobs into BullMQ (one addBulk).
 */
export class MicroBatcher<I, O> {
  private queue: { input: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly max = 100,
    private readonly inFlight = 4,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.inFlight || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.running >= this.inFlight || !this.queue.length) return;
    const batch = this.queue.splice(0, this.max);
    this.running++;
    this.run(batch.map((b) => b.input))
      .then(
        (outs) => batch.forEach((b, i) => b.resolve(outs[i])),
        (err) => batch.forEach((b) => b.reject(err)),
      )
      .finally(() => {
        this.running--;
        this.schedule();
      });
    this.schedule();
  }
}
