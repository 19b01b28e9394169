/**
 * sha256 of a value's stable JSON (keys sorted by code unit, as `safe-stable-stringify` writes it),
 * fed to the hash in pieces as the value is walked. A plan of 10,000 experiments is ~9 MB of
 * JSON: building that as one string, concatenated level by level, allocated ten times its size
 * and was the largest single cost of planning. The text hashed is the same character for character
 * (a property test compares the two), so hashes of saved plans stay valid.
 */
import { createHash, type Hash } from 'node:crypto';

/** Pieces are handed to the hash once this many characters have gathered. */
const CHUNK = 64 * 1024;

class StableJson {
  private text = '';
  private readonly ancestors: object[] = [];

  constructor(private readonly hash: Hash) {}

  write(piece: string): void {
    this.text += piece;
    if (this.text.length >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.text !== '') this.hash.update(this.text);
    this.text = '';
  }

  /** Writes `value` (already through `toJSON`, see `jsonValue`); false for what JSON leaves out. */
  value(value: unknown): boolean {
    if (value === null) return this.put('null');
    switch (typeof value) {
      case 'string':
        return this.put(quoted(value));
      case 'number':
        return this.put(Number.isFinite(value) ? String(value) : 'null');
      case 'boolean':
        return this.put(value ? 'true' : 'false');
      case 'bigint':
        return this.put(String(value));
      case 'object':
        return this.members(value);
      default:
        return false;
    }
  }

  private put(piece: string): true {
    this.write(piece);
    return true;
  }

  private members(value: object): true {
    const loop = this.ancestors.indexOf(value);
    if (loop !== -1) return this.put(`"[Circular: ${String(loop)}]"`);
    this.ancestors.push(value);
    if (Array.isArray(value)) this.array(value as unknown[]);
    else this.record(value as Record<string, unknown>);
    this.ancestors.pop();
    return true;
  }

  private array(items: readonly unknown[]): void {
    this.write('[');
    // A loop, not forEach: a hole in a sparse array is written too (as null).
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.write(',');
      if (!this.value(jsonValue(i, items[i]))) this.write('null');
    }
    this.write(']');
  }

  private record(record: Record<string, unknown>): void {
    this.write('{');
    let first = true;
    for (const key of sortedKeys(record)) {
      const item = jsonValue(key, record[key]);
      if (!written(item)) continue;
      this.write(first ? `${quoted(key)}:` : `,${quoted(key)}:`);
      first = false;
      this.value(item);
    }
    this.write('}');
  }
}

/**
 * The record's keys in code-unit order. Most records have a handful of keys, often already in
 * order: sorted in place by insertion, which allocates nothing, where `Array.prototype.sort`
 * allocates a work copy per call (a third of what hashing a large plan allocated).
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let at = i;
    for (; at > 0 && (keys[at - 1] as string) > key; at--) keys[at] = keys[at - 1] as string;
    keys[at] = key;
  }
  return keys;
}

// What JSON.stringify escapes: control characters, the quote, the backslash and (lone) surrogates.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** The string as JSON writes it; most need no escape, and quoting them directly is much cheaper. */
function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** What an object with `toJSON` stands for (called with its key, as JSON.stringify does). */
function jsonValue(key: string | number, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as (key: string) => unknown).call(value, String(key)) : value;
}

/** Whether a property with this value is written at all. */
function written(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Hex sha256 of the stable JSON of `value` (`null` for a value JSON leaves out, as `stringify(value) ?? 'null'`). */
export function stableSha256(value: unknown): string {
  const hash = createHash('sha256');
  const json = new StableJson(hash);
  if (!json.value(jsonValue('', value))) json.write('null');
  json.flush();
  return hash.digest('hex');
}
