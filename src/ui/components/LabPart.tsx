/**
 * One panel of the lab inside its own error boundary. A panel that fails to
 * render shows why, with ways on: draw it again, step the world back, or
 * reset it; every new step of the world draws it afresh.
 */
import type { ReactNode } from 'react';
import { useLab } from '../../app/lab-store';
import { ErrorBoundary, type Recovery } from './ErrorBoundary';

/** `guided`: a lesson lends the world and owns its steps, so only "Reload this panel" is offered. */
export function LabPart({ name, guided = false, children }: { name: string; guided?: boolean; children: ReactNode }) {
  const steps = useLab((s) => s.steps);
  const history = useLab((s) => s.history);
  const busy = useLab((s) => s.busy);
  const travel = useLab((s) => s.travel);
  const recoveries: Recovery[] = guided
    ? []
    : [
        { label: 'Step back', run: () => travel('back'), disabled: busy || !history?.canBack },
        { label: 'Reset the world', run: () => travel('reset'), disabled: busy || !history || history.index === 0 },
      ];
  return (
    <ErrorBoundary part={name} resetKey={steps} recoveries={recoveries}>
      {children}
    </ErrorBoundary>
  );
}
