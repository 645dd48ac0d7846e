import { useLive } from './live-context';

/**
 * Says so when the live connection to the control plane is lost (as Node-RED's "lost connection
 * to server" does): until it is back, values, agents and progress on the page are as they were
 * when it went, not as they are.
 */
export function ConnectionBanner() {
  const link = useLive((s) => s.link);
  const lost = link.lost === true && link.state !== 'refused';
  if (!lost && link.state !== 'refused') return null;
  return (
    <div className="conflict" role="alert" data-testid="connection-lost">
      <p>
        {lost ? (
          <>
            <strong>Lost the connection to the control plane;</strong> reconnecting. Values, agents
            and the deploy progress show how things were when it went.
          </>
        ) : (
          <>
            <strong>The control plane refused the live connection:</strong>{' '}
            {link.message ?? 'no reason given'}
          </>
        )}
      </p>
    </div>
  );
}
