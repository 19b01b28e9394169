/** Ajv errors as the indented `  /path: message` lines of seed and conditions errors. */
import type { ErrorObject } from 'ajv';

export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
    return `  ${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
  });
}
