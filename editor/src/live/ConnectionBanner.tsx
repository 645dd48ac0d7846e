import { useLive } from './live-context';

/**
 * Says so when the live connection to the control plane is lost (as Node-RED's "lost connection
 * to server" does): until it is back, values, agents and progress on the page are as they were
 * when it went, not as they are.
 */
export function ConnectionBanner() {
  const link = useLive((s) => s.link);
  const refused = link.state === 'refused';
  if (!refused && link.lost !== true) return null;
  return (
    <div className="conflict" role="alert" data-testid="connection-lost">
      <p>
        {refused ? (
          <>
            <strong>The control plane refused the live connection:</strong>{' '}
            {link.message ?? 'no reason given'}
          </>
        ) : (
          <>
            <strong>Lost the connection to the control plane;</strong> reconnecting. Values, agents
            and the deploy progress show how things were when it went.
          </>
        )}
      </p>
    </div>
  );
}
