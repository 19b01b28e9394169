/** The semantic-patch envelope shared by experiments and holdouts: `{comment?, instructions}`. */
import { asObject, optString } from './check.js';
import { badRequest } from './http-error.js';
import { isRecord } from '../util/records.js';

export interface Instruction {
  kind: string;
  [param: string]: unknown;
}

/**
 * The instructions of a semantic patch, with every kind checked up front so an unknown kind
 * rejects the whole patch before anything is applied.
 */
export function readInstructions(body: unknown, kinds: readonly string[]): Instruction[] {
  const patch = asObject(body, 'body');
  optString(patch, 'comment', 'body');
  const instructions = patch['instructions'];
  if (instructions === undefined) throw badRequest('body.instructions is required');
  // Choice: an empty instruction list is refused; it cannot express any change.
  if (!Array.isArray(instructions) || instructions.length === 0) {
    throw badRequest('body.instructions must be a non-empty array');
  }
  return instructions.map((raw, index) => {
    const path = `body.instructions[${index}]`;
    if (!isRecord(raw)) throw badRequest(`${path} must be an object`);
    const kind = raw['kind'];
    if (typeof kind !== 'string') throw badRequest(`${path}.kind is required`);
    if (!kinds.includes(kind)) {
      throw badRequest(`${path}: unknown instruction kind "${kind}" (supported: ${kinds.join(', ')})`);
    }
    return { ...raw, kind };
  });
}
