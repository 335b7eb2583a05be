/**
 * The scenario tests page (`#/scenarios`): every lesson and scenario file
 * run in the page with a per-step report, and an editor for the learner's
 * own scenario, shareable as a link. Loaded only when opened.
 */
import { RunAllPanel } from './RunAllPanel';
import { ScenarioEditor } from './ScenarioEditor';
import './scenarios.css';

export default function ScenariosView() {
  return (
    <main className="scenarios" aria-labelledby="scenarios-title">
      <h2 id="scenarios-title">Scenario tests</h2>
      <p className="note">Every lesson is also a test: its steps run against the simulated shop and each check compares what it expects with what happened.</p>
      <RunAllPanel />
      <ScenarioEditor />
    </main>
  );
}
