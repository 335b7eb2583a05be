/**
 * An action a step asks for that cannot be taken in the world as it is:
 * Mallory holds no token yet, Alice's page holds none, her flow machine
 * cannot take that event in its state. The step fails with the message; it
 * is the lesson's mistake or the learner's, never a bug in the action, so
 * callers that play random actions (the time-travel property test) may count
 * it as a step and let every other error through.
 */
export class ActionRefusedError extends Error {
  /** Stable, like the shop's error codes. */
  readonly code = 'action_refused';

  constructor(message: string) {
    super(message);
    this.name = 'ActionRefusedError';
  }
}
