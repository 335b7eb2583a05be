/** The diagram's source: nodes and `EVENT [guard]` edges derived from the machine definitions. */
import { describe, expect, it } from 'vitest';
import { jwtFlowMachine } from '../../src/machines/jwt-flow.machine';
import { machineGraph } from '../../src/machines/machine-graph';
import { sessionFlowMachine } from '../../src/machines/session-flow.machine';

describe('machineGraph', () => {
  it('lists every state of the session flow with its invoked actor and the initial state', () => {
    const graph = machineGraph(sessionFlowMachine);
    expect(graph.nodes.map((n) => n.key)).toEqual(['signedOut', 'signingIn', 'signedIn', 'calling', 'sessionEnded', 'signingOut']);
    expect(graph.nodes.find((n) => n.initial)?.key).toBe('signedOut');
    expect(graph.nodes.find((n) => n.key === 'calling')?.invokes).toEqual(['callApi']);
  });

  it('labels edges EVENT [guard], names done edges after the invoke, and combines guards', () => {
    const labels = machineGraph(jwtFlowMachine).edges.map((e) => `${e.source.split('.')[1]} → ${e.target.split('.')[1]}: ${e.label}`);
    expect(labels).toContain('signedOut → signingIn: LOG_IN');
    expect(labels).toContain('calling → refreshing: callApi done [accessTokenExpired]');
    expect(labels).toContain('refreshing → calling: refreshTokens done [succeeded && hasCallToRetry]');
    expect(labels).toContain('refreshing → sessionEnded: refreshTokens done');
  });

  it('tells events a learner can send from internal ones', () => {
    const edges = machineGraph(jwtFlowMachine).edges;
    expect(new Set(edges.filter((e) => e.external).map((e) => e.event))).toEqual(
      new Set(['LOG_IN', 'CALL_ME', 'VIEW_CART', 'ADD_TO_CART', 'SAVE_SETTINGS', 'REFRESH', 'LOG_OUT']),
    );
    expect(edges.filter((e) => !e.external).every((e) => e.event.endsWith(' done'))).toBe(true);
  });
});
