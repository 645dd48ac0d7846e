import { useState } from 'react';
import { useEditor, useEditorStore } from '../store/editor-context';

/** Sign-in with the admin token the control plane printed on its first start. */
export function SignIn() {
  const store = useEditorStore();
  const signingIn = useEditor((s) => s.signingIn);
  const error = useEditor((s) => s.signInError);
  const [token, setToken] = useState('');
  return (
    <main className="sign-in">
      <form
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          void store.getState().signIn(token);
        }}
      >
        <h1 id="sign-in-title">Inflow</h1>
        <p>Draw CRDT pipelines, deploy them to agents, and watch them converge.</p>
        <label htmlFor="token">Admin token</label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={token}
          data-testid="token-input"
          aria-invalid={error !== undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="sign-in" disabled={signingIn}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
        {error !== undefined && (
          <p id="sign-in-error" className="error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <p className="hint">
          The token is printed once when the control plane first starts (or set with
          INFLOW_ADMIN_TOKEN). It is kept in this tab only.
        </p>
      </form>
    </main>
  );
}
