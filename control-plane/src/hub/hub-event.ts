/** Something an operator watching the editor's event log should see. */
export interface HubEvent {
  at: number;
  deployment?: string;
  kind: 'deploy' | 'stop' | 'agent-joined' | 'agent-left' | 'placement' | 'effect' | 'error';
  message: string;
}
