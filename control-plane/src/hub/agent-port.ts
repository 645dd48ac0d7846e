import type {
  Assignment,
  OperationRequest,
  PlacementAgent,
  Refusal,
  SyncLink,
} from '@inflow/shared-core';

export type PortResult = { ok: true } | { ok: false; error: string };

/**
 * A connected agent as the hub sees it: who it is, and the calls the hub makes on it. The socket
 * namespace implements it over socket.io; the hub never touches a socket.
 */
export interface AgentPort {
  readonly id: string;
  readonly name: string;
  /** The replica id it mints tokens and dots under (its name and its data's instance). */
  readonly replica: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Its token is trusted and it asked to be (`--trusted`). */
  readonly trusted: boolean;
  /** The most node replicas it asked to run (`--capacity`); unlimited if undefined. */
  readonly capacity: number | undefined;
  readonly link: SyncLink;
  /** Its connection's own socket.io room, to leave it out of a room broadcast. */
  readonly socketId: string;
  /** Puts it in exactly these socket.io rooms of a deployment (none: leaves them all). */
  setRooms(deployment: string, rooms: readonly string[]): void;
  assign(assignment: Assignment): Promise<PortResult>;
  unassign(deployment: string): void;
  apply(request: OperationRequest): Promise<PortResult>;
  refused(refusal: Refusal): void;
}

/** The agent as placement sees it. */
export const placementAgent = (port: AgentPort): PlacementAgent => ({
  name: port.name,
  labels: port.labels,
  trusted: port.trusted,
  ...(port.capacity === undefined ? {} : { capacity: port.capacity }),
});
