import { sinkLineText, valueKey, type SinkDelivery, type Value } from '@inflow/shared-core';
import type { Logger } from 'pino';

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * What a sink does with a value on this agent: a `log` sink logs it; a `webhook` sink POSTs it
 * as JSON with an `Idempotency-Key` (the deployment, node and value), and fails unless the
 * receiver answers 2xx, so the effect gate does not report it done. Resolves with the line the
 * editor shows of it (SinkOutput).
 */
export async function deliverSink(
  sink: SinkDelivery,
  deployment: string,
  logger: Logger,
): Promise<string> {
  const what = sink.text === undefined ? { value: sink.value } : { text: sink.text };
  const line = sinkLineText(sink.value, sink.text);
  if (sink.type !== 'webhook') {
    logger.info({ node: sink.node, type: sink.type, ...what }, 'sink');
    return line;
  }
  const url = typeof sink.params.url === 'string' ? sink.params.url : '';
  const key = `${deployment}/${sink.node}/${valueKey(sink.value as Value)}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ deployment, node: sink.node, value: sink.value, ...what }),
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`webhook ${url} answered ${res.status}`);
  logger.info({ node: sink.node, url, status: res.status }, 'webhook delivered');
  return `${res.status} ← ${line}`;
}
