const BLOCK = 256;

/**
 * An ordered multiset in blocks of at most 2·BLOCK items: insert and delete cost a binary search
 * over blocks plus a splice inside one small block, so they stay near-constant as the list grows
 * (what an incremental fold needs), and iteration in order is cheap.
 */
export class SortedList<T> {
  private blocks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  private blockFor(item: T): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid] as T[];
      if (this.compare(block[block.length - 1] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static position<T>(block: T[], item: T, compare: (a: T, b: T) => number): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(block[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    this.count++;
    if (this.blocks.length === 0) {
      this.blocks.push([item]);
      return;
    }
    const b = this.blockFor(item);
    const block = this.blocks[b] as T[];
    block.splice(SortedList.position(block, item, this.compare), 0, item);
    if (block.length > 2 * BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
  }

  /** Removes one item equal (compare = 0) to `item`; returns whether one was there. */
  delete(item: T): boolean {
    if (this.blocks.length === 0) return false;
    const b = this.blockFor(item);
    const block = this.blocks[b] as T[];
    const i = SortedList.position(block, item, this.compare);
    if (i >= block.length || this.compare(block[i] as T, item) !== 0) return false;
    block.splice(i, 1);
    if (block.length === 0) this.blocks.splice(b, 1);
    this.count--;
    return true;
  }

  first(): T | undefined {
    return this.blocks[0]?.[0];
  }

  last(): T | undefined {
    const block = this.blocks[this.blocks.length - 1];
    return block?.[block.length - 1];
  }

  /** The first `n` items in order. */
  take(n: number): T[] {
    const out: T[] = [];
    for (const block of this.blocks) {
      for (const item of block) {
        if (out.length >= n) return out;
        out.push(item);
      }
    }
    return out;
  }
}
