import * as A from '@automerge/automerge';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
// low-level wasm doc via getBackend
for (const n of [4000, 20000, 100000]) {
  const s = performance.now();
  const doc = A.init<Record<string, boolean>>('01'.repeat(16));
  const be = A.getBackend(doc);
  let bytes = 0;
  for (let i = 0; i < n; i++) { be.put('_root', 'e' + i, true); be.commit(null, 0); bytes += be.getLastLocalChange()!.length; }
  const ms = performance.now() - s;
  const saved = be.save();
  console.log(n, ms.toFixed(0), 'ms', (n / ms * 1000).toFixed(0), 'ops/s', 'delta', (bytes / n).toFixed(1), 'state/elem', (saved.length / n).toFixed(2));
}
// compare: A.change at 4000
{
  let d = A.init<Record<string, boolean>>('01'.repeat(16));
  for (let i = 0; i < 4000; i++) d = A.change(d, { time: 0 }, (x) => { x['e' + i] = true; });
  console.log('A.change 4000 state/elem', (A.save(d).length / 4000).toFixed(2));
}
