/**
 * GitHub workflow commands for problems, so they show inline on the PR's changed files.
 * Escaping follows the runner (actions/toolkit `command.ts`): `%`, `\r`, `\n` in the message; those
 * and `:` `,` in property values.
 */
import type { Problem } from '../types.js';
import { displayFile, shownCandidates } from './problems.js';

/** Escape the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value (`file=…`, `title=…`) of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error …::message` / `::warning …::message` line per problem. */
export function renderAnnotations(problems: readonly Problem[], options: { cwd?: string } = {}): string {
  return problems.map((problem) => `${annotation(problem, options.cwd)}\n`).join('');
}

function annotation(problem: Problem, cwd: string | undefined): string {
  const properties: [string, string][] = [];
  const position = problem.position;
  if (position) {
    properties.push(['file', displayFile(position.file, cwd)], ['line', String(position.line)]);
    properties.push(['col', String(position.column)]);
    if (position.endLine !== undefined) properties.push(['endLine', String(position.endLine)]);
    if (position.endColumn !== undefined) properties.push(['endColumn', String(position.endColumn)]);
  }
  properties.push(['title', `ldexp ${problem.code}`]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  const candidates = problem.candidates?.length
    ? `\nCandidates: ${shownCandidates(problem.candidates).join(', ')}`
    : '';
  const command = problem.severity;
  return `::${command} ${props}::${escapeData(problem.message + candidates)}`;
}
