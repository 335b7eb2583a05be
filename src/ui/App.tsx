/** The page shell: paints at once; the lab (simulation, machines, diagrams), the compare view and the scenario tests load lazily. */
import { lazy, Suspense } from 'react';
import { useLab } from '../app/lab-store';
import { useView } from '../app/view-store';
import { ThemeSwitch } from './components/ThemeSwitch';
import { ViewNav } from './components/ViewNav';
import { UrlProblems } from './components/UrlProblems';

const Lab = lazy(() => import('./Lab'));
const CompareView = lazy(() => import('./compare/CompareView'));
const LessonsView = lazy(() => import('./lessons/LessonsView'));
const ScenariosView = lazy(() => import('./scenarios/ScenariosView'));

export function App() {
  const { status, world, error } = useLab();
  const view = useView((s) => s.view);
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
      <ViewNav />
      <UrlProblems />
      {view === 'playground' && status === 'starting' && starting}
      {view === 'playground' && error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {view === 'playground' && world && (
        <Suspense fallback={starting}>
          <Lab world={world} />
        </Suspense>
      )}
      {view === 'compare' && (
        <Suspense fallback={starting}>
          <CompareView />
        </Suspense>
      )}
      {view === 'lessons' && (
        <Suspense fallback={<p role="status">Loading the lessons…</p>}>
          <LessonsView />
        </Suspense>
      )}
      {view === 'scenarios' && (
        <Suspense fallback={<p role="status">Loading the scenario tests…</p>}>
          <ScenariosView />
        </Suspense>
      )}
    </div>
  );
}
