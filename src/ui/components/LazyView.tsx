/** A lazily loaded view or panel inside its own ErrorBoundary: loading, failing to load (Retry) and failing to render each stay in its place. */
import { Suspense, type ReactNode } from 'react';
import { ErrorBoundary, type Recovery } from './ErrorBoundary';
import type { LazyPart } from './lazy-part';

interface Props<P extends object> {
  part: LazyPart<P>;
  props: P;
  /** The part in words, for the failure message: "The playground". */
  name: string;
  loading: ReactNode;
  resetKey?: unknown;
  reloadLabel?: string;
  recoveries?: readonly Recovery[];
}

/** Reads the part's current lazy component at render time, so a Retry's new import is the one rendered. */
function Current<P extends object>({ part, props }: { part: LazyPart<P>; props: P }) {
  const Shown = part.Component as unknown as (props: P) => ReactNode;
  return <Shown {...props} />;
}

export function LazyView<P extends object>({ part, props, name, loading, resetKey, reloadLabel = 'Reload this view', recoveries }: Props<P>) {
  return (
    <ErrorBoundary part={name} resetKey={resetKey} reloadLabel={reloadLabel} recoveries={recoveries} onRetryLoad={part.retry}>
      <Suspense fallback={loading}>
        <Current part={part} props={props} />
      </Suspense>
    </ErrorBoundary>
  );
}
