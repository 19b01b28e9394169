/** Manifest documents as YAML text: a header comment, keys in the order built, small references inline. */
import { Document, isScalar, visit } from 'yaml';

import type { ManifestData } from './types.js';

/** `{ group: k }`, `{ id: … }` and the other one-key reference forms read best on one line. */
const INLINE_KEYS = new Set(['group', 'id', 'value', 'name', 'ref', 'description']);

/** Options shared with pull, so a value pull writes looks like one export writes. */
export const YAML_OPTIONS = { lineWidth: 0 } as const;

/** One YAML document per entry, `---`-separated; `header` lines become `#` comments at the top. */
export function renderYaml(documents: readonly ManifestData[], header: readonly string[]): string {
  return documents
    .map((data, i) => {
      const doc = new Document(data);
      inlineReferences(doc);
      if (i === 0 && header.length > 0) doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
      return doc.toString(YAML_OPTIONS);
    })
    .join('---\n');
}

/** One-key reference maps in flow style (`{ group: checkout-funnel }`), as people write them. */
export function inlineReferences(doc: Document): void {
  visit(doc, {
    Map(key, node) {
      // The document's own top level and spec-level maps stay in block style.
      if (key === null) return;
      const [only] = node.items;
      if (node.items.length === 1 && only && isScalar(only.key) && INLINE_KEYS.has(String(only.key.value))) {
        node.flow = true;
      }
    },
  });
}
