/**
 * At most `limit` dossiers are built at once in one process; the others wait their turn. A dossier holds its merged
 * PDF attachments in memory (at most MERGE_TOTAL_MAX_BYTES each), so this bounds a process's memory under a burst.
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
