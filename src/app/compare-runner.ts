/**
 * One side of the compare view: a world, Alice's flow machine driving it,
 * and what Mallory copied. `runStep` does a CompareStep to one side and says
 * what happened; the compare store runs the same step on both sides at once.
 * Works in the browser (MSW worker) and in Node (msw/node) alike.
 */
import { Mallory } from '../sim/attacker/mallory';
import type { AuthStyle } from '../sim/config';
import type { World } from '../sim/world';
import { FlowRunner } from '../machines/flow-runner';
import { stepLabel, type CompareStep } from './compare-sequences';

/** One line of a side's step log. */
export interface StepOutcome {
  kind: CompareStep['kind'];
  label: string;
  /** What went over the wire, e.g. `GET /me → 401 session_expired (node-2)`, or why nothing did. */
  detail: string;
  /** Alice's flow state after the step. */
  state: string;
  skipped: boolean;
}

export interface StolenCredential {
  header: 'cookie' | 'authorization';
  value: string;
}

export class CompareSide {
  readonly style: AuthStyle;
  readonly world: World;
  readonly flow: FlowRunner;
  stolen: StolenCredential | null = null;
  readonly log: StepOutcome[] = [];

  constructor(style: AuthStyle, world: World, flow?: FlowRunner) {
    this.style = style;
    this.world = world;
    this.flow = flow ?? new FlowRunner(style, world.page('alice'));
  }

  state(): string {
    return String(this.flow.actor.getSnapshot().value);
  }

  stop(): void {
    this.flow.stop();
  }
}

function exchangeSummary(world: World, fromSeq: number): string {
  const made = world.trace.ofKind('exchange').filter((e) => e.seq > fromSeq);
  if (made.length === 0) return 'no request';
  return made
    .map((e) => {
      const body = e.response.body as { error?: unknown } | undefined;
      const code = body && typeof body === 'object' && typeof body.error === 'string' ? ` ${body.error}` : '';
      return `${e.request.method} ${new URL(e.request.url).pathname} → ${e.response.status}${code}${e.node ? ` (${e.node})` : ''}`;
    })
    .join(', ');
}

async function sendFlowEvent(side: CompareSide, event: string): Promise<StepOutcome> {
  const { flow, world } = side;
  await flow.settled();
  if (!flow.enabledEvents().has(event)) {
    return { kind: 'flow', label: event, detail: `not possible in state ${side.state()}`, state: side.state(), skipped: true };
  }
  const from = world.trace.length;
  flow.send(event);
  await flow.settled();
  return { kind: 'flow', label: event, detail: exchangeSummary(world, from), state: side.state(), skipped: false };
}

/** The credential on Alice's most recent request that carried one: what a proxy log or malware would copy. */
function lastCredential(world: World): StolenCredential | null {
  const sent = world.trace.ofKind('exchange').filter((e) => e.browser === 'alice');
  for (const exchange of sent.reverse()) {
    for (const header of ['authorization', 'cookie'] as const) {
      const value = exchange.request.headers.find(([name]) => name === header)?.[1];
      if (value) return { header, value };
    }
  }
  return null;
}

async function doStep(side: CompareSide, step: CompareStep): Promise<StepOutcome[]> {
  const { world } = side;
  const label = stepLabel(step);
  switch (step.kind) {
    case 'flow': {
      const outcomes: StepOutcome[] = [];
      for (let i = 0; i < (step.times ?? 1); i++) outcomes.push(await sendFlowEvent(side, step.event));
      return outcomes;
    }
    case 'clock':
      world.advance(step.ms);
      return [{ kind: step.kind, label, detail: 'virtual clock moved', state: side.state(), skipped: false }];
    case 'steal': {
      side.stolen = lastCredential(world);
      const detail = side.stolen ? `copied ${side.stolen.header === 'cookie' ? 'Cookie' : 'Authorization'}: ${side.stolen.value.length} characters` : 'Alice has sent no credential yet';
      world.trace.record({ kind: 'note', actor: 'mallory', text: `${label}: ${detail}` });
      return [{ kind: step.kind, label, detail, state: side.state(), skipped: !side.stolen }];
    }
    case 'replay': {
      const stolen = side.stolen;
      if (!stolen) return [{ kind: step.kind, label, detail: 'nothing copied to replay', state: side.state(), skipped: true }];
      const from = world.trace.length;
      // Her own tool (curl, a script) sets any header it likes: no jar, no SameSite, no CORS in the way.
      await new Mallory(world).request('GET', '/me', { headers: { [stolen.header]: stolen.value } });
      const detail = exchangeSummary(world, from);
      world.trace.record({ kind: 'note', actor: 'mallory', text: `${label}: ${detail}` });
      return [{ kind: step.kind, label, detail, state: side.state(), skipped: false }];
    }
  }
}

/** Does `step` to one side, appends what happened to its log and returns those lines. */
export async function runStep(side: CompareSide, step: CompareStep): Promise<StepOutcome[]> {
  const outcomes = await doStep(side, step);
  side.log.push(...outcomes);
  return outcomes;
}
