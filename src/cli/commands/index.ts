/**
 * The command table: `ldexp --help` lists the commands in this order. A new command is one file
 * in this folder exporting a CliCommand, and one line here.
 */
import type { CliCommand } from '../command.js';
import { applySpec } from './apply.js';
import { completionSpec } from './completion.js';
import { demoSpec } from './demo.js';
import { driftSpec } from './drift.js';
import { emulatorSpec } from './emulator.js';
import { exportSpec } from './export.js';
import { planSpec } from './plan.js';
import { pullSpec } from './pull.js';
import { showSpec } from './show.js';
import { targetsSpec } from './targets.js';
import { validateSpec } from './validate.js';
import { versionSpec } from './version.js';

export const COMMANDS: readonly CliCommand[] = [
  validateSpec,
  planSpec,
  applySpec,
  driftSpec,
  showSpec,
  exportSpec,
  pullSpec,
  targetsSpec,
  emulatorSpec,
  demoSpec,
  versionSpec,
  completionSpec,
];
