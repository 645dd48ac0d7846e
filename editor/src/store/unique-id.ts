/** The first of `base1`, `base2`, ... not in `taken`; `base` itself is kept when free and `keepBase`. */
export function uniqueId(base: string, taken: ReadonlySet<string>, keepBase = false): string {
  if (keepBase && !taken.has(base)) return base;
  for (let n = 1; ; n++) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A node id base from a type name: node ids start with a letter and stay short. */
export function idBase(type: string): string {
  const cleaned = type.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 48);
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `n${cleaned}`;
}
