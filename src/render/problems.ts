/** Problems (manifest errors, warnings) for a terminal and for Markdown, like a compiler prints them. */
import { isAbsolute, relative } from 'node:path';

import { createColors } from 'picocolors';

import type { Problem, SourcePosition } from '../types.js';
import { md, mdCode } from './markdown-escape.js';
import { oneLine, plural } from './words.js';

export interface ProblemsTextOptions {
  color: boolean;
  /** Absolute file paths under this directory are shown relative to it. */
  cwd?: string;
}

/** `file:line:column  error  Code  message`, one problem per line, then a count. */
export function renderProblemsText(problems: readonly Problem[], options: ProblemsTextOptions): string {
  return `${[...problemLines(problems, options), countLine(problems)].join('\n')}\n`;
}

/** The lines of `renderProblemsText` without the count, for embedding in a plan. */
export function problemLines(problems: readonly Problem[], options: ProblemsTextOptions): string[] {
  const c = createColors(options.color);
  const lines: string[] = [];
  for (const problem of problems) {
    const severity =
      problem.severity === 'error'
        ? c.red('error')
        : problem.severity === 'warning'
          ? c.yellow('warning')
          : c.cyan('notice');
    const where = problem.position ? c.bold(positionText(problem.position, options.cwd)) : '';
    const pointer = !problem.position && problem.pointer ? c.dim(` (at ${oneLine(problem.pointer)})`) : '';
    const head = [where, severity, c.dim(oneLine(problem.code)), oneLine(problem.message)].filter(Boolean);
    lines.push(head.join('  ') + pointer);
    if (problem.candidates && problem.candidates.length > 0) {
      lines.push(`    ${c.dim('candidates:')} ${shownCandidates(problem.candidates).map(oneLine).join(', ')}`);
    }
  }
  return lines;
}

/** `2 errors, 1 warning.` */
export function countLine(problems: readonly Problem[]): string {
  const count = (severity: Problem['severity']): number => problems.filter((p) => p.severity === severity).length;
  const notices = count('notice');
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}${notices > 0 ? `, ${plural(notices, 'notice')}` : ''}.`;
}

/** `file:line:column`, relative to `cwd` when the file is under it. */
export function positionText(position: SourcePosition, cwd?: string): string {
  return `${oneLine(displayFile(position.file, cwd))}:${String(position.line)}:${String(position.column)}`;
}

/** A path as a person (or GitHub) wants to read it: relative to the working directory when inside it. */
export function displayFile(file: string, cwd?: string): string {
  if (!cwd || !isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** A Markdown list of problems, every untrusted string escaped. */
export function renderProblemsMarkdown(problems: readonly Problem[], options: { cwd?: string } = {}): string {
  return `${[...problemItems(problems, options), '', countLine(problems)].join('\n')}\n`;
}

/** The list items of `renderProblemsMarkdown` without the count, for embedding in a plan. */
export function problemItems(problems: readonly Problem[], options: { cwd?: string } = {}): string[] {
  return problems.map((problem) => {
    const icon = ICONS[problem.severity];
    const where = problem.position ? `${mdCode(positionText(problem.position, options.cwd))} ` : '';
    const candidates =
      problem.candidates && problem.candidates.length > 0
        ? ` (candidates: ${shownCandidates(problem.candidates).map(md).join(', ')})`
        : '';
    return `- ${icon} ${where}${mdCode(problem.code)}: ${md(problem.message)}${candidates}`;
  });
}

const ICONS: Record<Problem['severity'], string> = {
  error: '❌ **error**',
  warning: '⚠️ **warning**',
  notice: 'ℹ️ **notice**',
};

const MAX_CANDIDATES = 10;

/** The closest candidates (they come closest first), with a count of the rest: a project may have thousands of flags. */
export function shownCandidates(candidates: readonly string[]): string[] {
  if (candidates.length <= MAX_CANDIDATES) return [...candidates];
  return [...candidates.slice(0, MAX_CANDIDATES), `… ${String(candidates.length - MAX_CANDIDATES)} more`];
}
