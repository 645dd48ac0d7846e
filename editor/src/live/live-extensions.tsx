import type { EditorExtensions } from '../editor-extensions';
import { AgentsPanel } from './AgentsPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { DeployControls } from './DeployControls';
import { DeploymentSection } from './DeploymentSection';
import { EventLog } from './EventLog';
import { LiveInspectorSection } from './LiveInspectorSection';
import { LiveNodeBadge } from './LiveNodeBadge';
import { LiveSession } from './LiveSession';
import { PlacementLegend } from './PlacementLegend';

/** The deploy and live half, plugged into the drawing half's extension points. */
export const LIVE_EXTENSIONS: EditorExtensions = {
  NodeBadge: LiveNodeBadge,
  InspectorSection: LiveInspectorSection,
  toolbar: (
    <>
      <LiveSession />
      <DeployControls />
    </>
  ),
  banner: <ConnectionBanner />,
  panels: (
    <div className="live-panels">
      <DeploymentSection />
      <PlacementLegend />
      <AgentsPanel />
      <EventLog />
    </div>
  ),
};
