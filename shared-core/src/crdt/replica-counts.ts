import { byKey } from '../values/value.js';
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';
import type { ReplicaId } from './crdt-type.js';

// A map from replica to a non-negative count: the state of grow-only counters and the shape of
// version vectors. Zero entries are not written, so equal states encode to equal bytes.

export function writeReplicaCounts(w: ByteWriter, counts: ReadonlyMap<ReplicaId, number>): void {
  const entries = [...counts].filter(([, n]) => n > 0).sort(byKey);
  w.uint(entries.length);
  for (const [replica, n] of entries) {
    w.string(replica);
    w.uint(n);
  }
}

export function readReplicaCounts(r: ByteReader): Map<ReplicaId, number> {
  const n = r.count(2);
  const counts = new Map<ReplicaId, number>();
  for (let i = 0; i < n; i++) {
    const replica = r.string();
    if (counts.has(replica)) r.fail(`duplicate replica ${replica}`);
    counts.set(replica, r.uint());
  }
  return counts;
}
