/** The page shell: paints at once; the lab (simulation, machines, diagrams) loads lazily. */
import { lazy, Suspense } from 'react';
import { useLab } from '../app/lab-store';
import { ThemeSwitch } from './components/ThemeSwitch';

const Lab = lazy(() => import('./Lab'));

export function App() {
  const { status, world, error } = useLab();
  const starting = <p role="status">Starting the simulated shop…</p>;
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>AuthLab</h1>
          <p className="tagline">
            Sessions or JWTs? Log in to a simulated shop and watch every request, cookie, token and store row.
          </p>
        </div>
        <ThemeSwitch />
      </header>
      {status === 'starting' && starting}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {world && (
        <Suspense fallback={starting}>
          <Lab world={world} />
        </Suspense>
      )}
    </div>
  );
}
