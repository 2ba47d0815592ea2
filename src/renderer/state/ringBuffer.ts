/** A fixed-size ring of the newest samples: O(1) push, no array growth on every stats tick. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  first(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.start];
  }

  last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
  }

  /** The newest `n` items (or all), oldest first. */
  lastN(n: number = this.count): T[] {
    const take = Math.min(n, this.count);
    const out = new Array<T>(take);
    const first = this.start + this.count - take;
    for (let i = 0; i < take; i++) out[i] = this.items[(first + i) % this.capacity] as T;
    return out;
  }
}
