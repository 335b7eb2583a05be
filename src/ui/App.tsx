/**
 * The page shell: paints at once; the lab (simulation, machines, diagrams),
 * the compare view and the scenario tests load lazily. Each view sits in its
 * own error boundary, so a view that fails to download or to render says so
 * in its place while the header and the nav keep working.
 */
import { useLab } from '../app/lab-store';
import { useView } from '../app/view-store';
import { ThemeSwitch } from './components/ThemeSwitch';
import { ViewNav } from './components/ViewNav';
import { UrlProblems } from './components/UrlProblems';
import { lazyPart } from './components/lazy-part';
import { LazyView } from './components/LazyView';

const Lab = lazyPart(() => import('./Lab'));
const CompareView = lazyPart(() => import('./compare/CompareView'));
const LessonsView = lazyPart(() => import('./lessons/LessonsView'));
const ScenariosView = lazyPart(() => import('./scenarios/ScenariosView'));

export function App() {
  const { status, world, error, steps, travel } = useLab();
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
        <LazyView
          part={Lab}
          props={{ world }}
          name="The playground"
          loading={starting}
          resetKey={steps}
          recoveries={[{ label: 'Reset the world', run: () => travel('reset') }]}
        />
      )}
      {view === 'compare' && <LazyView part={CompareView} props={{}} name="The comparison" loading={starting} />}
      {view === 'lessons' && <LazyView part={LessonsView} props={{}} name="The lessons" loading={<p role="status">Loading the lessons…</p>} />}
      {view === 'scenarios' && (
        <LazyView part={ScenariosView} props={{}} name="The scenario tests" loading={<p role="status">Loading the scenario tests…</p>} />
      )}
    </div>
  );
}
