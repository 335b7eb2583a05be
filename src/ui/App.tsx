/** The first page: drive Alice's browser and see every exchange, cookie, token and store row. */
import { useLab } from '../app/lab-store';
import { useWorldVersion } from '../app/use-world';
import { ActionBar } from './components/ActionBar';
import { CookieJarView } from './components/CookieJarView';
import { ExchangeInspector } from './components/ExchangeInspector';
import { ExchangeList } from './components/ExchangeList';
import { ServerState } from './components/ServerState';
import { TokenView } from './components/TokenView';

export function App() {
  const { status, world, error } = useLab();
  useWorldVersion(world);
  return (
    <div className="app">
      <header className="app-header">
        <h1>AuthLab</h1>
        <p className="tagline">
          Sessions or JWTs? Log in to a simulated shop and watch every request, cookie, token and store row.
        </p>
      </header>
      {status === 'starting' && <p role="status">Starting the simulated shop…</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {world && (
        <main className="lab">
          <ActionBar world={world} />
          <section className="pane exchanges" aria-labelledby="exchanges-title">
            <h2 id="exchanges-title">Exchanges</h2>
            <ExchangeList world={world} />
          </section>
          <section className="pane inspector" aria-labelledby="inspector-title">
            <h2 id="inspector-title">Inspector</h2>
            <ExchangeInspector world={world} />
          </section>
          <section className="pane browser-state" aria-labelledby="browser-title">
            <h2 id="browser-title">Alice's browser</h2>
            <CookieJarView world={world} browser="alice" />
            <TokenView world={world} />
          </section>
          <section className="pane server-state" aria-labelledby="server-title">
            <h2 id="server-title">Server</h2>
            <ServerState world={world} />
          </section>
        </main>
      )}
    </div>
  );
}
