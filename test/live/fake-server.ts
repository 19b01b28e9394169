/**
 * A small scripted stand-in for LaunchDarkly on 127.0.0.1, port 0: it records every request
 * (with raw headers, so duplicates show) and replays scripted responses per route. It knows
 * nothing about experiments; each test scripts exactly what it needs.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Path with the query string, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** [name, value, name, value, …] as received, duplicates kept. */
  rawHeaders: string[];
  bodyText: string;
  body: unknown;
}

export interface ScriptedResponse {
  status?: number;
  body?: unknown;
  /** Sent verbatim (a string body is not JSON-encoded). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Never answer (`headers`), or send the headers and part of `rawBody` and never finish (`body`). */
  stall?: 'headers' | 'body';
}

export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>);

export interface FakeLd {
  url: string;
  requests: RecordedRequest[];
  /** Most requests the fake was answering at the same time. */
  readonly maxInFlight: number;
  /** Hold every response this long, so that concurrent requests overlap. */
  delayMs: number;
  /**
   * Hold every answer until `inFlight` requests are in flight at once (then answer as usual), or
   * until `maxWaitMs` passed: a client that reads one at a time is caught without hanging.
   */
  holdUntilInFlight(inFlight: number, maxWaitMs?: number): void;
  /** Script a route: responders are used in order, the last one repeats. `path` has no query. */
  route(method: string, path: string, ...responders: Responder[]): void;
  /** Requests to a route (method + path without query). */
  requestsTo(method: string, path: string): RecordedRequest[];
  /** Header values with this name in one request, duplicates kept. */
  headerValues(request: RecordedRequest, name: string): string[];
  close(): Promise<void>;
}

/** Start the fake on 127.0.0.1 port 0. */
export async function startFakeLd(): Promise<FakeLd> {
  const routes = new Map<string, Responder[]>();
  const served = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const state = { inFlight: 0, maxInFlight: 0, delayMs: 0 };
  let gate: { inFlight: number; open: Promise<void>; release: () => void } | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        url: req.url ?? '/',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        bodyText,
        body: bodyText === '' ? undefined : (JSON.parse(bodyText) as unknown),
      };
      requests.push(recorded);
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      if (gate && state.inFlight >= gate.inFlight) gate.release();
      const key = `${recorded.method} ${recorded.path}`;
      const script = routes.get(key);
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      const responder = script?.[Math.min(index, script.length - 1)];
      void (gate?.open ?? Promise.resolve())
        .then(() => new Promise((resolve) => setTimeout(resolve, state.delayMs)))
        .then(() =>
          responder === undefined
            ? { status: 404, body: { code: 'not_found', message: `no scripted route for ${key}` } }
            : typeof responder === 'function'
              ? responder(recorded)
              : responder,
        )
        .then((scripted) => {
          state.inFlight -= 1;
          if (scripted.stall === 'headers') return;
          const text = scripted.rawBody ?? (scripted.body === undefined ? '' : JSON.stringify(scripted.body));
          res.writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers });
          if (scripted.stall === 'body') res.write(text.slice(0, Math.ceil(text.length / 2)));
          else res.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    holdUntilInFlight(inFlight, maxWaitMs = 2000) {
      let release = (): void => undefined;
      const open = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        release = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      gate = { inFlight, open, release };
    },
    route(method, path, ...responders) {
      routes.set(`${method} ${path}`, responders);
      served.delete(`${method} ${path}`);
    },
    requestsTo(method, path) {
      return requests.filter((r) => r.method === method && r.path === path);
    },
    headerValues(request, name) {
      const values: string[] = [];
      for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
        if (request.rawHeaders[i]?.toLowerCase() === name.toLowerCase()) values.push(request.rawHeaders[i + 1] ?? '');
      }
      return values;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
