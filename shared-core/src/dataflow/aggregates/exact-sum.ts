/**
 * A running sum of doubles that can also subtract, whose result is the correctly rounded exact sum
 * (Shewchuk's partials, as in Python's math.fsum). The result does not depend on the order of
 * additions, so replicas that saw the same elements in different orders agree bit for bit.
 */
export class ExactSum {
  private partials: number[] = [];

  add(x: number): void {
    const partials = this.partials;
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }

  subtract(x: number): void {
    this.add(-x);
  }

  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n] as number;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n] as number;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half-even across the remaining partials, as fsum does.
    if (n > 0 && ((lo < 0 && (p[n - 1] as number) < 0) || (lo > 0 && (p[n - 1] as number) > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi === 0 ? 0 : hi;
  }
}
