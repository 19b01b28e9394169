/**
 * LaunchDarkly behind something that answers oddly: a proxy on 127.0.0.1 port 0 that forwards
 * every request to the emulator, except those to a scripted route, which get the scripted answer
 * (a redirect, an empty 204, a sign-in page, or no answer at all) without reaching the emulator.
 * The emulator's own log then shows exactly what did reach "LaunchDarkly".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { request } from 'undici';

export interface OddAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Accept the request and never answer it. */
  stall?: boolean;
}

export interface OddProxy {
  url: string;
  /** `METHOD /path` (no query) of every request the proxy received, forwarded or not. */
  received: string[];
  /** Answer `method path` (path without query) with `answer`, the first `times` times (default: always). */
  script(method: string, path: string, answer: OddAnswer, times?: number): void;
  close(): Promise<void>;
}

interface Script {
  answer: OddAnswer;
  left: number;
}

export async function startOddProxy(upstream: string): Promise<OddProxy> {
  const scripts = new Map<string, Script>();
  const received: string[] = [];
  const server = createServer((req, res) => {
    // ldexp aborts what is in flight when a run fails; the proxy just lets those connections go.
    req.on('error', ignore);
    res.on('error', ignore);
    const key = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
    received.push(key);
    const script = scripts.get(key);
    if (script && script.left > 0) {
      script.left -= 1;
      req.resume();
      if (script.answer.stall) return;
      res.writeHead(script.answer.status, script.answer.headers ?? {});
      res.end(script.answer.body ?? '');
      return;
    }
    forward(upstream, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    received,
    script(method, path, answer, times = Number.POSITIVE_INFINITY) {
      scripts.set(`${method} ${path}`, { answer, left: times });
    },
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

function ignore(): void {
  /* a connection the client gave up on */
}

const FORWARDED = ['authorization', 'ld-api-version', 'content-type', 'accept', 'user-agent'];

async function forward(upstream: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const method = (req.method ?? 'GET') as 'GET' | 'POST' | 'PATCH';
  const answer = await request(`${upstream}${req.url ?? '/'}`, {
    method,
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
  const contentType = answer.headers['content-type'];
  res.writeHead(answer.statusCode, typeof contentType === 'string' ? { 'content-type': contentType } : {});
  res.end(await answer.body.text());
}
