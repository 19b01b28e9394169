/**
 * One measured ldexp run, in a process of its own so its peak memory is its own (not the
 * emulator's or the baseline's). Reads a Job as JSON from argv[2], prints a ChildResult as JSON.
 */
import { runCli } from '../cli/run-cli.js';
import { createClient, fetchLive, liveRequestFor } from '../live/index.js';
import { applyPlan, buildPlan, plan, validate } from '../pipeline.js';

export type Job =
  /** The CLI as a user runs it (output rendered, then dropped). */
  | { kind: 'cli'; argv: string[]; url?: string }
  /** Plan (not timed), then apply that plan (timed). */
  | { kind: 'apply'; dir: string; url: string; concurrency: number }
  /** Read manifests and live state (not timed), then build the plan (timed): planning without I/O. */
  | { kind: 'buildPlan'; dir: string; url: string };

export interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  exitCode: number;
  detail: string;
}

const TOKEN = 'bench-token';

async function timed(work: () => Promise<{ exitCode: number; detail: string }>): Promise<ChildResult> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { exitCode, detail } = await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  return { ms, cpuMs: (used.user + used.system) / 1000, maxRssMb, exitCode, detail };
}

async function cli(argv: string[], url: string | undefined): Promise<ChildResult> {
  let written = 0;
  const sink = { write: (text: string) => (written += text.length) };
  const env = { ...process.env, LD_API_TOKEN: TOKEN, ...(url !== undefined ? { LD_API_URL: url } : {}) };
  return timed(async () => {
    const exitCode = await runCli(
      argv,
      { stdout: sink, stderr: sink, env, confirm: undefined, cwd: process.cwd() },
      false,
    );
    return { exitCode, detail: `${String(written)} characters of output` };
  });
}

async function applyJob(dir: string, url: string, concurrency: number): Promise<ChildResult> {
  const connection = { baseUrl: url, token: TOKEN, concurrency };
  const planned = await plan([dir], {}, connection);
  const toApply = planned.plan;
  if (!toApply) throw new Error(`bench: plan failed: ${JSON.stringify(planned.problems.slice(0, 3))}`);
  return timed(async () => {
    const report = await applyPlan(toApply, connection, { checkFreshness: false });
    const detail = `${String(report.ok)} ok, ${String(report.failed)} failed, ${String(report.skipped + report.unknown)} not done`;
    return { exitCode: report.failed + report.skipped + report.unknown === 0 ? 0 : 1, detail };
  });
}

async function buildPlanJob(dir: string, url: string): Promise<ChildResult> {
  const { manifests, problems } = await validate([dir], {});
  if (problems.some((p) => p.severity === 'error')) throw new Error(`bench: ${JSON.stringify(problems.slice(0, 3))}`);
  const client = createClient({ baseUrl: url, token: TOKEN });
  const live = await fetchLive(client, liveRequestFor(manifests));
  await client.close();
  return timed(() => {
    const result = buildPlan(manifests, live);
    return Promise.resolve({
      exitCode: result.plan ? 0 : 1,
      detail: `${String(result.plan?.steps.length ?? 0)} steps`,
    });
  });
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const result =
    job.kind === 'cli'
      ? await cli(job.argv, job.url)
      : job.kind === 'apply'
        ? await applyJob(job.dir, job.url, job.concurrency)
        : await buildPlanJob(job.dir, job.url);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
