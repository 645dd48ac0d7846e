/** The control plane's status page of a deployment, on the editor's own origin. */
export const deploymentStatusPath = (id: string) => `/status/deployments/${encodeURIComponent(id)}`;

/**
 * A deployment's id (its accessible name) as a link to its status page. It opens in a new tab so
 * the editor keeps its unsaved document; the status pages have their own sign-in (a cookie), so a
 * first visit asks for the admin token there.
 */
export function DeploymentLink({
  id,
  title,
  testId,
}: {
  id: string;
  title: string;
  testId?: string;
}) {
  return (
    <a
      className="live-deployment-link"
      href={deploymentStatusPath(id)}
      target="_blank"
      rel="noreferrer"
      title={title}
      data-testid={testId}
    >
      <code>{id}</code>
    </a>
  );
}
