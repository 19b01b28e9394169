/**
 * Reading and writing the files a user names (manifests, plan files, `--out`). Every failure is a
 * `FileError` naming the path and saying what is wrong, never a raw Node error. FIFOs, sockets and
 * devices are refused after a `stat` and before any `open`: opening a FIFO for reading blocks until
 * someone writes to it. Text is strict UTF-8: a replacement character would silently change a value.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { lstat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { FileError } from './errors.js';

/**
 * The text of a regular file (symlinks followed), decoded as strict UTF-8. `shown` names it in errors.
 * Read synchronously: the promise API costs a thread-pool round trip per step (stat, open, fstat,
 * read, close), which made reading 1,000 small manifests take longer than parsing them. The FIFO
 * check still comes from the stat before anything is opened.
 */
export async function readUserText(file: string, shown = file): Promise<string> {
  const info = await statOf(file, shown);
  if (info) requireRegularFile(info, shown);
  else throw await missing(file, shown);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw accessError(error, shown, 'read');
  }
  return decodeUtf8(bytes, shown);
}

/** Write `text` to `file`, refusing folders, FIFOs and devices; the file is created when missing. */
export async function writeUserText(file: string, text: string, shown = file): Promise<void> {
  const info = await statOf(file, shown);
  if (info) requireRegularFile(info, shown);
  try {
    await writeFile(file, text);
  } catch (error) {
    throw accessError(error, shown, 'write');
  }
}

/** `stat` (following symlinks); undefined when nothing is there. */
export async function statOf(file: string, shown = file): Promise<Stats | undefined> {
  return Promise.resolve().then(() => statOfSync(file, shown));
}

/** `stat` (following symlinks) without a thread-pool round trip; undefined when nothing is there. */
export function statOfSync(file: string, shown = file): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') throw symlinkLoop(shown);
    throw accessError(error, shown, 'read');
  }
}

/** A folder, FIFO, socket or device where a file was expected. */
export function requireRegularFile(info: Stats, shown: string): void {
  if (info.isFile()) return;
  throw new FileError('NotAFile', shown, `${shown} is ${kindOf(info)}, not a file`);
}

/** `a folder`, `a FIFO (named pipe)`, …: what a non-file path is, for messages. */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export function symlinkLoop(shown: string): FileError {
  return new FileError('SymlinkLoop', shown, `${shown} is a symbolic link loop (a link that leads back to itself)`);
}

/** Why a path is not there: a broken symlink is worth telling apart from a typo. */
async function missing(file: string, shown: string): Promise<FileError> {
  const link = await lstat(file).catch(() => undefined);
  const message = link?.isSymbolicLink()
    ? `${shown} is a broken symbolic link (its target does not exist)`
    : `${shown} does not exist`;
  return new FileError('FileNotFound', shown, message);
}

function accessError(error: unknown, shown: string, verb: 'read' | 'write'): FileError {
  const code = errorCode(error);
  if (code === 'EISDIR') return new FileError('NotAFile', shown, `${shown} is a folder, not a file`);
  if (code === 'ELOOP') return symlinkLoop(shown);
  const fileCode = verb === 'read' ? 'FileUnreadable' : 'FileUnwritable';
  return new FileError(fileCode, shown, `cannot ${verb} ${shown}: ${reasonOf(error, shown)}`, undefined, {
    cause: error,
  });
}

function reasonOf(error: unknown, shown: string): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return `the folder ${path.dirname(shown)} does not exist`;
    case 'ENOTDIR':
      return `${path.dirname(shown)} is not a folder`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Strict UTF-8 (a leading byte-order mark is dropped). On invalid bytes, a `NotUtf8` error at the
 * line and column of the first one, counted in characters of the valid text before it.
 */
export function decodeUtf8(bytes: Uint8Array, shown: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const line = lines.length;
    const column = (lines.at(-1) ?? '').length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const where = `line ${String(line)}, column ${String(column)} (byte offset ${String(offset)})`;
    throw new FileError('NotUtf8', shown, `${shown} is not UTF-8: byte 0x${byte} at ${where}; save the file as UTF-8`, {
      line,
      column,
    });
  }
}

/**
 * Offset of the first byte that starts an invalid (or truncated) UTF-8 sequence. A prefix that a
 * streaming decoder rejects contains the error, so the shortest such prefix is found by bisection;
 * the sequence it ends started at most three bytes earlier, after the longest prefix that decodes
 * completely.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const rejects = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 0;
  let high = bytes.length;
  if (!rejects(high)) return completeUpTo(bytes, high);
  while (low + 1 < high) {
    const middle = Math.floor((low + high) / 2);
    if (rejects(middle)) high = middle;
    else low = middle;
  }
  return completeUpTo(bytes, high - 1);
}

/** The longest prefix of at most `end` bytes that decodes completely (no sequence cut short). */
function completeUpTo(bytes: Uint8Array, end: number): number {
  for (let length = end; length > Math.max(0, end - 4); length -= 1) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length));
      return length;
    } catch {
      // a sequence is cut short at this length: step back
    }
  }
  return Math.max(0, end - 4);
}
