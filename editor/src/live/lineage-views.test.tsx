// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeployControls } from './DeployControls';
import { DeploymentSection } from './DeploymentSection';
import { EventLog } from './EventLog';
import { settle, type liveTestRig } from './fake-control-plane';
import { openAdCounter } from './open-ad-counter';

// Which deployment the editor shows and which one it replaced, in the deploy controls; the event
// log links each event's deployment to its status page.

afterEach(cleanup);

/** The ad counter with the deploy controls, the deployment section and the log, once `running` has run. */
const opened = <T,>(running: (r: ReturnType<typeof liveTestRig>) => T) =>
  openAdCounter(
    <>
      <DeployControls />
      <DeploymentSection />
      <EventLog />
    </>,
    running,
  );

/** The ad counter running as `old`. */
async function shown() {
  const r = await opened((rig) => rig.server.addDeployment('g_1', 1));
  return { ...r, old: r.made };
}

const link = (testId: string) => screen.getByTestId(testId) as HTMLAnchorElement;

describe('the lineage of the deployment shown', () => {
  it('shows the running deployment, linked to its status page, and nothing it replaced', async () => {
    const r = await shown();
    expect(screen.getByTestId('deployment-lineage').textContent).toBe(r.old.id);
    expect(link('deployment-id').getAttribute('href')).toBe(`/status/deployments/${r.old.id}`);
    expect(link('deployment-id').target).toBe('_blank');
    expect(screen.queryByTestId('deployment-replaces')).toBeNull();
    expect(screen.queryByText(/replaced/)).toBeNull();
  });

  it('after Deploy of an edit, shows the new deployment and the one it replaces', async () => {
    const r = await shown();
    r.editor.getState().updateNode('removeAd', (n) => ({
      ...n,
      params: { ...n.params, threshold: { kind: 'value', n: 50 } },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Deploy' }));
    await waitFor(() => expect(screen.getByTestId('deployment-replaces')).toBeTruthy());
    const id = r.live.getState().deployment?.id ?? '';
    expect(id).not.toBe(r.old.id);

    const lineage = screen.getByTestId('deployment-lineage');
    expect(lineage.textContent).toBe(`${id} replaces ${r.old.id}`);
    const replaced = within(lineage).getByRole('link', { name: r.old.id });
    expect(replaced).toBe(link('deployment-replaces'));
    expect(replaced.getAttribute('href')).toBe(`/status/deployments/${r.old.id}`);
    expect(replaced.getAttribute('title')).toContain('which');
  });

  it("follows another editor's redeploy; the hub's event links to the new deployment", async () => {
    const r = await shown();
    r.old.status = 'stopped';
    const next = r.server.addDeployment('g_1', 1);
    next.replaces = r.old.id;
    await act(async () => {
      r.live.getState().receiveEvent({
        id: 'e1',
        at: Date.UTC(2030, 0, 1),
        kind: 'deploy',
        deployment: next.id,
        message: `deployed Ad counter in place of ${r.old.id}`,
      });
      await settle();
      await settle();
    });
    expect(screen.getByTestId('deployment-lineage').textContent).toBe(
      `${next.id} replaces ${r.old.id}`,
    );
    const announced = screen.getByTestId('event-0');
    expect(announced.getAttribute('data-kind')).toBe('deploy');
    expect(announced.textContent).toContain(`in place of ${r.old.id}`);
    expect(within(announced).getByRole('link', { name: next.id }).getAttribute('href')).toBe(
      `/status/deployments/${next.id}`,
    );
  });

  it('shows what the open graph replaced before it was opened', async () => {
    const { made: old } = await opened((r) => {
      const stopped = r.server.addDeployment('g_1', 1, 'stopped');
      r.server.addDeployment('g_1', 1).replaces = stopped.id;
      return stopped;
    });
    expect(link('deployment-replaces').textContent).toBe(old.id);
  });
});
