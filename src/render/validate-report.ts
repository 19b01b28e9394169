/** `ldexp validate --json`: the problems as one JSON document (schemas/validate-report.schema.json). */
import type { Problem } from '../types.js';
import { displayFile } from './problems.js';

export interface ValidateCounts {
  files: number;
  /** Experiments and holdouts read without errors. */
  resources: number;
}

/** One flat object per problem (file, line, column first); file paths as the text output shows them. */
export function renderValidateReportJson(
  problems: readonly Problem[],
  counts: ValidateCounts,
  options: { cwd?: string } = {},
): string {
  const count = (severity: Problem['severity']): number => problems.filter((p) => p.severity === severity).length;
  const errors = count('error');
  const notices = count('notice');
  const document = {
    formatVersion: 1,
    valid: errors === 0,
    files: counts.files,
    resources: counts.resources,
    errors,
    warnings: count('warning'),
    ...(notices > 0 ? { notices } : {}),
    problems: problems.map((problem) => flat(problem, options.cwd)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function flat(problem: Problem, cwd: string | undefined): Record<string, unknown> {
  const { position, severity, code, message, pointer, candidates } = problem;
  return {
    ...(position
      ? {
          file: displayFile(position.file, cwd),
          line: position.line,
          column: position.column,
          ...(position.endLine === undefined ? {} : { endLine: position.endLine }),
          ...(position.endColumn === undefined ? {} : { endColumn: position.endColumn }),
        }
      : {}),
    severity,
    code,
    message,
    ...(pointer === undefined ? {} : { pointer }),
    ...(candidates === undefined ? {} : { candidates }),
  };
}
