/** The process edges the CLI needs, injectable so commands can be run in-process by tests. */
import type { InterruptSource } from './interrupt.js';
import type { ProgressStream } from './progress.js';

export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Ask a yes/no question on the terminal; undefined when there is no terminal to ask. */
  confirm: ((question: string) => Promise<boolean>) | undefined;
  cwd: string;
  /** Ctrl-C / SIGTERM during apply; without it, apply cannot be interrupted gracefully. */
  interrupts?: InterruptSource;
}
