/**
 * Files the user names, end to end through the real binary: a missing, unreadable, folder or FIFO
 * plan file, an unwritable `--out`, non-UTF-8 and FIFO manifests, symlinked manifests and loops.
 * Each is a user error naming the path (exit 1, never "Internal error"), and nothing is written
 * to LaunchDarkly.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';

import type { RunningEmulator } from '../../src/emulator/index.js';
import {
  E2E_SEED_FILE,
  experimentManifest,
  ldexp,
  startSeeded,
  workspace,
  writesOf,
  type Workspace,
} from './helpers.js';
import type { CliResult } from './run-ldexp.js';

const DRAFT = experimentManifest({ key: 'exp-draft', flag: 'draft-flag', name: 'Draft experiment', state: 'running' });
const NEW = experimentManifest({ key: 'exp-new', flag: 'new-flag', name: 'New experiment', state: 'running' });

/** Permission checks do not apply to root, so as root the binary runs as `nobody` for those tests. */
const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

let emulator: RunningEmulator;
let ws: Workspace;

beforeAll(async () => {
  emulator = await startSeeded({ file: E2E_SEED_FILE });
  ws = await workspace({ 'manifests/draft.yaml': DRAFT, 'plan-dir/.keep': '' });
  // mkdtemp makes the folder private; `nobody` must be able to enter it.
  await chmod(ws.root, 0o755);
  execFileSync('mkfifo', [ws.path('plan.fifo')]);
});
afterAll(async () => {
  await emulator.close();
  await ws.remove();
});

function run(args: string[], options: { cwd?: string; unprivileged?: boolean } = {}): Promise<CliResult> {
  return ldexp(args, {
    emulator,
    cwd: options.cwd ?? ws.root,
    ...(options.unprivileged && UNPRIVILEGED ? { user: UNPRIVILEGED } : {}),
  });
}

/** A user error: exit 1, the message on stderr, no stack trace and no report request. */
function expectUserError(expect: ExpectStatic, result: CliResult, message: string): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: expect.stringContaining(message) });
  expect(result.stderr).not.toContain('Internal error');
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe.concurrent('the plan file of apply --plan', () => {
  it.for([
    { title: 'missing', file: 'missing.json', message: 'Error [FileNotFound]: missing.json does not exist' },
    { title: 'a folder', file: 'plan-dir', message: 'Error [NotAFile]: plan-dir is a folder, not a file' },
    {
      title: 'a FIFO (refused without opening it, which would block)',
      file: 'plan.fifo',
      message: 'Error [NotAFile]: plan.fifo is a FIFO (named pipe), not a file',
    },
  ])('$title: a user error naming the path, nothing written', async ({ file, message }, { expect }) => {
    const before = emulator.requests.length;
    const result = await run(['apply', '--plan', file, '--auto-approve']);
    expectUserError(expect, result, message);
    expect(writesOf(emulator.requests.slice(before))).toEqual([]);
    expect(result.stdout).toBe('');
  });

  it('not UTF-8: names the line and column of the bad byte', async ({ expect }) => {
    await writeFile(
      ws.path('latin1.json'),
      Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]),
    );
    const result = await run(['apply', '--plan', 'latin1.json', '--auto-approve']);
    expectUserError(
      expect,
      result,
      'Error [NotUtf8]: latin1.json is not UTF-8: byte 0xE9 at line 2, column 15 (byte offset 16); save the file as UTF-8',
    );
  });

  it('unreadable (no permission): a user error naming the path', async ({ expect }) => {
    await writeFile(ws.path('secret-plan.json'), '{}');
    await chmod(ws.path('secret-plan.json'), 0o000);
    const result = await run(['apply', '--plan', 'secret-plan.json', '--auto-approve'], { unprivileged: true });
    expectUserError(expect, result, 'Error [FileUnreadable]: cannot read secret-plan.json: permission denied');
  });
});

describe.concurrent('plan --out', () => {
  it.for([
    {
      title: 'in a folder that does not exist',
      out: 'no-such-folder/plan.json',
      message:
        'Error [FileUnwritable]: cannot write no-such-folder/plan.json: the folder no-such-folder does not exist',
    },
    { title: 'a folder', out: 'plan-dir', message: 'Error [NotAFile]: plan-dir is a folder, not a file' },
    { title: 'a FIFO', out: 'plan.fifo', message: 'Error [NotAFile]: plan.fifo is a FIFO (named pipe), not a file' },
  ])('$title: a user error naming the path, only reads sent', async ({ out, message }, { expect }) => {
    const before = emulator.requests.length;
    const result = await run(['plan', 'manifests', '--out', out]);
    expectUserError(expect, result, message);
    expect(writesOf(emulator.requests.slice(before))).toEqual([]);
  });

  it('in a folder without write permission', async ({ expect }) => {
    await mkdir(ws.path('read-only'), { recursive: true });
    await chmod(ws.path('read-only'), 0o555);
    const result = await run(['plan', 'manifests', '--out', 'read-only/plan.json'], { unprivileged: true });
    expectUserError(expect, result, 'Error [FileUnwritable]: cannot write read-only/plan.json: permission denied');
  });
});

describe.concurrent('manifest files', () => {
  it('a non-UTF-8 manifest is refused at the bad byte, not planned as a rename', async ({ expect }) => {
    const local = await workspace();
    try {
      const latin1 = Buffer.from(DRAFT.replace('name: Draft experiment', 'name: Draft expérience'), 'latin1');
      await local.write({});
      await writeFile(local.path('draft.yaml'), latin1);
      const before = emulator.requests.length;
      const result = await run(['plan', 'draft.yaml'], { cwd: local.root });
      expectUserError(
        expect,
        result,
        'draft.yaml:8:18  error  NotUtf8  draft.yaml is not UTF-8: byte 0xE9 at line 8, column 18 (byte offset 129)',
      );
      expect(result.stdout).not.toContain('Draft exp');
      expect(writesOf(emulator.requests.slice(before))).toEqual([]);
    } finally {
      await local.remove();
    }
  });

  it('a FIFO named like a manifest is refused (not opened, so nothing hangs)', async ({ expect }) => {
    const local = await workspace({ 'manifests/draft.yaml': DRAFT });
    try {
      execFileSync('mkfifo', [local.path('manifests/pipe.yaml')]);
      const result = await run(['validate', 'manifests'], { cwd: local.root });
      expectUserError(expect, result, 'error  NotAFile  manifests/pipe.yaml is not a regular file');
    } finally {
      await local.remove();
    }
  });

  it('symlinked manifest files and folders are followed; a file reached twice is read once', async ({ expect }) => {
    const local = await workspace({ 'shared/new.yaml': NEW, 'more/draft.yaml': DRAFT });
    try {
      await mkdir(local.path('manifests'));
      await symlink('../shared/new.yaml', local.path('manifests/new.yaml'));
      await symlink('../more', local.path('manifests/more'));
      await symlink('../more/draft.yaml', local.path('manifests/draft-again.yaml'));
      const result = await run(['plan', 'manifests', '--json'], { cwd: local.root });
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const plan = JSON.parse(result.stdout) as { resources: { address: string }[] };
      expect(plan.resources.map((r) => r.address)).toEqual([
        'experiment/web/production/exp-draft',
        'experiment/web/production/exp-new',
      ]);
    } finally {
      await local.remove();
    }
  });

  it('symlink loops are reported, not walked forever', async ({ expect }) => {
    const local = await workspace({ 'manifests/draft.yaml': DRAFT });
    try {
      await symlink('.', local.path('manifests/loop'));
      await symlink('self.yaml', local.path('manifests/self.yaml'));
      const result = await run(['validate', 'manifests'], { cwd: local.root });
      expectUserError(
        expect,
        result,
        'error  SymlinkLoop  manifests/loop links back to a folder that contains it; not followed',
      );
      expect(result.stderr).toContain(
        'error  SymlinkLoop  manifests/self.yaml is a symbolic link loop (a link that leads back to itself)',
      );
    } finally {
      await local.remove();
    }
  });

  it('an unreadable manifest folder is a problem naming it', async ({ expect }) => {
    const local = await workspace({ 'manifests/draft.yaml': DRAFT, 'manifests/locked/x.yaml': NEW });
    try {
      await chmod(local.root, 0o755);
      await chmod(local.path('manifests'), 0o755);
      await chmod(local.path('manifests/locked'), 0o000);
      const result = await run(['validate', 'manifests'], { cwd: local.root, unprivileged: true });
      expectUserError(expect, result, 'error  FileUnreadable  cannot read folder manifests/locked: permission denied');
    } finally {
      await chmod(local.path('manifests/locked'), 0o755);
      await local.remove();
    }
  });
});
