/** A promise with its settle functions outside, already marked as handled. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A chunk nobody waits on any more must not crash the process when it fails.
    this.promise.catch(() => undefined);
  }
}
