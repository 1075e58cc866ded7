/** How one save asked of a `LatestSave` ended. */
export type SaveOutcome<R> =
  /** A newer save replaced this one before it was sent. */
  | { sent: false }
  /** Sent and answered; `newest` is false when a newer save was asked for meanwhile (and is being sent next). */
  | { sent: true; result: R; newest: boolean };

/**
 * Sends a control's saves one at a time, so the server keeps the cook's last choice: requests sent side by side can
 * reach the server, and commit, in any order. A save asked for while another is in flight waits for it, and a newer
 * save replaces the one waiting, so rapid clicks cost at most two requests and the last one sent is the last clicked.
 */
export class LatestSave<R> {
  private inFlight = false;
  private waiting: { send: () => Promise<R>; settle: (outcome: SaveOutcome<R>) => void; fail: (error: unknown) => void } | null = null;

  save(send: () => Promise<R>): Promise<SaveOutcome<R>> {
    return new Promise((settle, fail) => {
      this.waiting?.settle({ sent: false });
      this.waiting = { send, settle, fail };
      if (!this.inFlight) void this.drain();
    });
  }

  private async drain() {
    this.inFlight = true;
    while (this.waiting) {
      const { send, settle, fail } = this.waiting;
      this.waiting = null;
      try {
        const result = await send();
        settle({ sent: true, result, newest: this.waiting === null });
      } catch (error) {
        fail(error);
      }
    }
    this.inFlight = false;
  }
}
