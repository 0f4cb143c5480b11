import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, request, setToken } from '../api/client.js';

/** The only page without a token: it checks the token against the API before keeping it. */
export function LoginPage({ onLogin }: { onLogin: () => void }) {
  const [token, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request('/targets', { token: token.trim() });
      setToken(token.trim());
      onLogin();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That token is not valid (unknown, revoked or mistyped).' : `The server did not answer: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <h1>Vouch</h1>
      <p>Sign in with an API token. Create one with <code>vouch token create</code>.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required value={token} onChange={(e) => setValue(e.target.value)} aria-describedby={error ? 'login-error' : undefined} />
        <button type="submit" disabled={busy || token.trim() === ''}>{busy ? 'Checking…' : 'Sign in'}</button>
        {error ? <p id="login-error" className="error" role="alert">{error}</p> : null}
      </form>
    </main>
  );
}
