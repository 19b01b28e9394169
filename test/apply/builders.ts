/** Tiny builders and a scripted in-memory LdClient for apply tests. */
import { RemoteError } from '../../src/errors.js';
import type { HttpMethod, LdClient, LdResponse, RequestOptions } from '../../src/live/client.js';
import type { Plan, PlanStep, ResourcePlan } from '../../src/plan/types.js';

export function step(id: string, resource: string, extra: Partial<PlanStep> = {}): PlanStep {
  return {
    id,
    resource,
    kind: 'patchExperiment',
    method: 'PATCH',
    path: `/api/v2/${id}`,
    body: { instructions: [{ kind: 'updateExperimentFields' }] },
    instructions: ['updateExperimentFields'],
    dependsOn: [],
    bindings: [],
    impact: 'metadata',
    reason: `do ${id}`,
    ...extra,
  };
}

export function resource(address: string, action: ResourcePlan['action']): ResourcePlan {
  return {
    address,
    type: 'experiment',
    project: 'p',
    environment: 'e',
    key: address.split('/').at(-1) ?? '',
    name: address,
    action,
    stateTo: 'running',
    changes: [],
    impact: 'create',
    stepIds: [],
  };
}

export function plan(steps: PlanStep[], extra: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 1,
    target: { baseUrl: 'http://127.0.0.1:1', projects: ['p'], environments: ['e'] },
    summary: { create: 0, update: 0, noOp: 0, unapplied: 0, unmanaged: 0, steps: steps.length, byImpact: {} },
    resources: [],
    steps,
    unmanaged: [],
    warnings: [],
    notices: [],
    fingerprints: {},
    hash: 'sha256:abc',
    ...extra,
  };
}

export interface Call {
  method: HttpMethod;
  path: string;
  options: RequestOptions;
}

/**
 * Answers each path from a script (default 200 `{}`, 404 for a GET), waiting a macrotask first so that requests
 * started together are in flight together; logs `start`/`end` per path to check ordering.
 */
export class ScriptedClient implements LdClient {
  readonly baseUrl = 'http://127.0.0.1:1';
  readonly calls: Call[] = [];
  readonly log: string[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  constructor(private readonly script: Record<string, { status: number; body?: unknown }> = {}) {}

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<LdResponse<T>> {
    this.calls.push({ method, path, options });
    this.log.push(`start ${path}`);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight -= 1;
    this.log.push(`end ${path}`);
    // A read nothing scripted finds nothing: the precondition read of a create or a start sees no object.
    const scripted =
      this.script[path] ??
      (method === 'GET'
        ? { status: 404, body: { code: 'not_found', message: 'Not found' } }
        : { status: 200, body: {} });
    if (scripted.status >= 400) {
      const error = scripted.body as { code?: string; message?: string } | undefined;
      throw new RemoteError(scripted.status, method, path, error?.code, error?.message);
    }
    return { status: scripted.status, body: scripted.body as T, headers: {} };
  }

  getAllPages<T>(): Promise<T[]> {
    return Promise.reject(new Error('apply never lists'));
  }
}
