/**
 * Keeps a failure inside one part of the page. A part that throws while
 * rendering, or whose lazily loaded code cannot be downloaded, is replaced
 * by what went wrong and a way on; the rest of the page keeps working.
 * React 19 catches render errors only in class components.
 */
import { Component, type ReactNode } from 'react';
import { PartLoadError } from './lazy-part';

/** A way on after a failure, offered as a button beside the message. */
export interface Recovery {
  label: string;
  run: () => void;
  disabled?: boolean;
}

interface Props {
  /** The part in words, as the message names it: "The token inspector". */
  part: string;
  /** A change draws a failed part again: a new step of the world, another view. */
  resetKey?: unknown;
  /** The button that draws the part again; "Reload this panel" unless told. */
  reloadLabel?: string;
  /** Ways on besides drawing the part again (step back, reset the world). */
  recoveries?: readonly Recovery[];
  /** Called by Retry after the part's code failed to download; the part is drawn again once it resolves. */
  onRetryLoad?: () => Promise<void>;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
  retrying: boolean;
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey, retrying: false };

  static getDerivedStateFromError(thrown: unknown): Partial<State> {
    return { error: asError(thrown) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  // React itself logs the caught error and its component stack to the console (onCaughtError), so no componentDidCatch here.

  #again = () => this.setState({ error: null });

  #retryLoad = () => {
    this.setState({ retrying: true });
    (this.props.onRetryLoad?.() ?? Promise.resolve()).then(
      () => this.setState({ error: null, retrying: false }),
      (still: unknown) => this.setState({ error: asError(still), retrying: false }),
    );
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (error instanceof PartLoadError) {
      return (
        <div className="part-failed">
          <p role="alert">This part of AuthLab could not be loaded ({error.message}).</p>
          <p className="part-failed-actions">
            <button type="button" disabled={this.state.retrying} onClick={this.#retryLoad}>
              Retry
            </button>
            <span className="note">A script that failed to download stays failed until the page reloads, so Retry reloads the page at the same address once the file is reachable; a stylesheet is fetched again in place.</span>
          </p>
        </div>
      );
    }
    return (
      <div className="part-failed">
        <p role="alert">
          {this.props.part} could not be shown: {error.message || error.name}
        </p>
        <p className="part-failed-actions">
          <button type="button" onClick={this.#again}>
            {this.props.reloadLabel ?? 'Reload this panel'}
          </button>
          {this.props.recoveries?.map((recovery) => (
            <button key={recovery.label} type="button" disabled={recovery.disabled} onClick={recovery.run}>
              {recovery.label}
            </button>
          ))}
        </p>
      </div>
    );
  }
}
