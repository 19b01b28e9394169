/** The yes/no question on a terminal; Ctrl-C or Ctrl-D there is a cancellation, not a crash. */
import { createInterface } from 'node:readline/promises';

import { InterruptedError } from '../errors.js';

/**
 * Ask on `output`, read one line from `input`; only `yes` is consent. readline rejects the pending
 * question with an AbortError on Ctrl-C (and on Ctrl-D), which becomes an InterruptedError
 * (exit 130) naming the key.
 */
export async function askYes(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  const prompt = createInterface({ input, output });
  try {
    return (await prompt.question(question)).trim() === 'yes';
  } catch (error) {
    if (!isAbort(error)) throw error;
    output.write('\n');
    throw new InterruptedError(`Cancelled${keyOf(error)}. Nothing was changed.`);
  } finally {
    prompt.close();
  }
}

function isAbort(error: unknown): error is Error {
  return error instanceof Error && error.name === 'AbortError';
}

/** ` (Ctrl-C)` from readline's "Aborted with Ctrl+C". */
function keyOf(error: Error): string {
  const key = /Ctrl\+([A-Z])/.exec(error.message)?.[1];
  return key === undefined ? '' : ` (Ctrl-${key})`;
}
