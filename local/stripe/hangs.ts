/**
 * Confirmations the `pm_card_bazaar_hang` card withholds: each is released after `hangMs`, or all
 * at once when the server stops, so a stopped server leaves no timer behind.
 */
export class HangingConfirmations {
  private readonly hanging = new Set<{ timer: NodeJS.Timeout; release: () => void }>();
  private stopped = false;

  constructor(private readonly hangMs: number) {}

  hang(): Promise<void> {
    return new Promise<void>((release) => {
      if (this.stopped) return release();
      const entry = {
        timer: setTimeout(() => {
          this.hanging.delete(entry);
          release();
        }, this.hangMs),
        release,
      };
      this.hanging.add(entry);
    });
  }

  releaseAll(): void {
    this.stopped = true;
    for (const entry of this.hanging) {
      clearTimeout(entry.timer);
      entry.release();
    }
    this.hanging.clear();
  }
}
