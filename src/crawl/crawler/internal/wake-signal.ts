/** Wakes one waiting loop when something happened (a task ended, a timer fired), or after a timeout. */
export class WakeSignal {
  #resolve: (() => void) | null = null;
  #pending = false;

  /** Wake the waiter now, or make its next wait return at once. */
  notify(): void {
    if (this.#resolve !== null) {
      const resolve = this.#resolve;
      this.#resolve = null;
      resolve();
    } else {
      this.#pending = true;
    }
  }

  /** Resolve at the next notify, or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#resolve = null;
        resolve();
      }, timeoutMs);
      this.#resolve = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
