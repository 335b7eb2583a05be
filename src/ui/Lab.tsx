/** The lab itself, loaded after the page shell: controls, Alice's flow diagram, exchanges, inspectors; each panel in its own error boundary. */
import { useLab } from '../app/lab-store';
import { useFlowVersion, useWorldVersion } from '../app/use-world';
import type { World } from '../sim/world';
import { ActionBar } from './components/ActionBar';
import { ActorPanel } from './components/ActorPanel';
import { Sandbox } from './components/Sandbox';
import { CookieJarView } from './components/CookieJarView';
import { LabPart } from './components/LabPart';
import { ExchangeInspector } from './components/ExchangeInspector';
import { ExchangeList } from './components/ExchangeList';
import { LifecyclePanel } from './components/LifecyclePanel';
import { ServerState } from './components/ServerState';
import { TokenInspector } from './components/TokenInspector';
import { StepControls } from './components/StepControls';
import { StateDiagram } from './diagram/StateDiagram';
import { Stage } from './stage/Stage';

/** `guided`: a lesson lends its world, so the controls that would replace or reconfigure it are left out. */
export default function Lab({ world, guided = false }: { world: World; guided?: boolean }) {
  const { flow, sendFlow } = useLab();
  useWorldVersion(world);
  useFlowVersion(flow);
  // In a lesson, the lessons view is the page's main landmark and the lab a region of it.
  const Root = guided ? 'section' : 'main';
  return (
    <Root className={guided ? 'lab guided-lab' : 'lab'} aria-label={guided ? "The lesson's world" : undefined}>
      {!guided && (
        <LabPart name="Alice's actions and the clock">
          <ActionBar world={world} />
        </LabPart>
      )}
      {!guided && (
        <LabPart name="The sandbox">
          <Sandbox world={world} />
        </LabPart>
      )}
      <section className="pane flow" aria-labelledby="flow-title">
        <h2 id="flow-title">Alice's browser, as a state machine</h2>
        <LabPart name="Alice's flow diagram" guided={guided}>
          {flow && <StateDiagram runner={flow} onSend={(event) => void sendFlow(event)} />}
        </LabPart>
        <LabPart name="Time travel" guided={guided}>
          <StepControls />
        </LabPart>
      </section>
      {!guided && (
        <LabPart name="The other actors">
          <ActorPanel world={world} />
        </LabPart>
      )}
      <LabPart name="The stage" guided={guided}>
        <Stage world={world} />
      </LabPart>
      <section className="pane exchanges" aria-labelledby="exchanges-title">
        <h2 id="exchanges-title">Exchanges</h2>
        <LabPart name="The exchange list" guided={guided}>
          <ExchangeList world={world} />
        </LabPart>
      </section>
      <section className="pane inspector" aria-labelledby="inspector-title">
        <h2 id="inspector-title">Inspector</h2>
        <LabPart name="The exchange inspector" guided={guided}>
          <ExchangeInspector world={world} />
        </LabPart>
      </section>
      <section className="pane browser-state" aria-labelledby="browser-title">
        <h2 id="browser-title">Alice's browser</h2>
        <LabPart name="Alice's cookie jar" guided={guided}>
          <CookieJarView world={world} browser="alice" />
        </LabPart>
        <LabPart name="The token inspector" guided={guided}>
          <TokenInspector world={world} />
        </LabPart>
      </section>
      <section className="pane lifecycles" aria-labelledby="lifecycles-title">
        <h2 id="lifecycles-title">The server's rules, as state machines</h2>
        <LabPart name="The server's state machines" guided={guided}>
          <LifecyclePanel world={world} />
        </LabPart>
      </section>
      <section className="pane server-state" aria-labelledby="server-title">
        <h2 id="server-title">Server</h2>
        <LabPart name="The server's state" guided={guided}>
          <ServerState world={world} />
        </LabPart>
      </section>
    </Root>
  );
}
