/**
 * The HTTP front of the emulator: loopback only; every exchange is logged, then answered, delayed
 * or cut off as the conditions say (see exchange.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkConditions } from './conditions/load.js';
import type { EmulatorConditions } from './conditions/types.js';
import { Exchange, type Delivery } from './exchange.js';
import { payloadOf } from './outcome.js';
import { apiVersion, parseForLog, readText } from './request.js';
import { requestStats, type EmulatorStats, type RequestLogEntry } from './request-log.js';
import { buildStore } from './seed-build.js';
import type { EmulatorSeed } from './seed-types.js';
import type { EmulatorStore } from './store.js';

export type { RequestLogEntry } from './request-log.js';

export interface EmulatorOptions {
  seed: EmulatorSeed;
  /** Default 0: any free port. */
  port?: number;
  /** When set, only this exact `Authorization` value is accepted; otherwise any non-empty one. */
  token?: string;
  /** Latency, page-size cap, rate limits and faults; default: the seed's `conditions`. */
  conditions?: EmulatorConditions;
  /** Clock for timestamps and rate-limit windows; default `Date.now`. */
  now?: () => number;
  /** How latency and slow answers wait; default a timer (tests pass one that records). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: RequestLogEntry[];
  store: EmulatorStore;
  /** Requests, statuses, rate-limited requests and faults per route, from `requests`. */
  stats(): EmulatorStats;
  close(): Promise<void>;
}

/** Unreferenced, so a pending slow answer does not keep a closed emulator's process alive. */
const timerSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

function logEntry(req: IncomingMessage, text: string): RequestLogEntry {
  const entry: RequestLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
  const body = parseForLog(text);
  if (body !== undefined) entry.body = body;
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) entry.contentType = contentType;
  const version = apiVersion(req.headers['ld-api-version']);
  if (version !== undefined) entry.apiVersion = version;
  return entry;
}

async function respond(
  exchange: Exchange,
  requests: RequestLogEntry[],
  sleep: (ms: number) => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const text = await readText(req);
  const entry = logEntry(req, text);
  const delivery = await exchange.handle(req, text, entry);
  record(entry, delivery);
  requests.push(entry);
  if (delivery.reset || !delivery.outcome) {
    req.socket.destroy();
    return;
  }
  if (delivery.delayMs > 0) await sleep(delivery.delayMs);
  // A client that gave up on a slow answer has closed the connection: nothing to send.
  if (res.destroyed) return;
  const { payload, contentType } = payloadOf(delivery.outcome);
  res.writeHead(delivery.outcome.status, {
    ...delivery.outcome.headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

function record(entry: RequestLogEntry, delivery: Delivery): void {
  if (!delivery.outcome) return;
  entry.status = delivery.outcome.status;
  const body = delivery.outcome.html ?? delivery.outcome.body;
  if (body !== undefined) entry.responseBody = body;
}

/** Start the emulator on 127.0.0.1 with a fresh store built from the seed. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = buildStore(options.seed, options.now ?? Date.now);
  const conditions = checkConditions(options.conditions ?? options.seed.conditions ?? {}, 'emulator conditions');
  const sleep = options.sleep ?? timerSleep;
  const requests: RequestLogEntry[] = [];
  const exchange = new Exchange({
    store,
    conditions,
    sleep,
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  const server = createServer((req, res) => {
    respond(exchange, requests, sleep, req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    store,
    stats: () => requestStats(requests),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
