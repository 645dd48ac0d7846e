import type { HubEventMessage } from '@inflow/shared-core';

/** Something an operator watching the editor's event log should see. */
export type HubEvent = HubEventMessage;
