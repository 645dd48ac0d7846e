import type { HubEventMessage } from '@inflow/shared-core';
import { z } from 'zod';
import type { LiveFeed } from '../hub/live-feed.js';
import { parseInput } from './parse-input.js';

const deploymentQuerySchema = z.string().min(1);

/** The event log as editors get it on connecting, oldest first; of one deployment when asked. */
export function listEvents(feed: LiveFeed, deployment?: unknown): { events: HubEventMessage[] } {
  const events = feed.history();
  if (deployment === undefined) return { events };
  const id = parseInput(deploymentQuerySchema, deployment, 'deployment');
  return { events: events.filter((e) => e.deployment === id) };
}
