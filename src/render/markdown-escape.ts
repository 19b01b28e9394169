/**
 * Escaping for Markdown that GitHub renders (PR comments, job summaries). Every string that came
 * from manifests or LaunchDarkly goes through `md` before it is placed in a comment, so that it
 * cannot open a link, a table cell, a code span or a heading, close our `<details>`, start an HTML
 * comment or tag, or notify anyone with an @mention.
 */

/**
 * One pass, one replacement per character so nothing is escaped twice. HTML specials become
 * entities (GitHub then shows them literally and no tag or comment can start); Markdown
 * punctuation gets a backslash (valid for every ASCII punctuation character in CommonMark).
 */
const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '(': '\\(',
  ')': '\\)',
  '#': '\\#',
  '|': '\\|',
  '~': '\\~',
  '!': '\\!',
  $: '\\$',
};

const SPECIALS = /[&<>"\\`*_[\]()#|~!$]/g;

/** Zero-width joiner: keeps `@name` readable but no longer a mention GitHub would notify. */
const ZWJ = '\u200D';

/** Escape untrusted text for inline Markdown (headings, list items, table cells, link text). */
export function md(text: string): string {
  return (
    text
      // A line break would end a table row or start a new block; inline text stays on one line.
      .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters have no place in a comment
      .replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')
      .replace(SPECIALS, (char) => REPLACEMENTS[char] ?? char)
      .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWJ}`)
  );
}

/** Shorten untrusted text before escaping, so one huge description cannot eat the budget. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `md(clip(text))`: the usual treatment for a value shown in a comment. */
export function mdValue(text: string, max = 200): string {
  return md(clip(text, max));
}

/** Monospace without a code span (a backtick in the text could close one): `<code>` + escaping. */
export function mdCode(text: string): string {
  return `<code>${md(text)}</code>`;
}

/**
 * A link only to an http(s) URL, with every character that could end the link destination
 * percent-encoded; anything else is shown as text.
 */
export function mdLink(label: string, url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return md(label);
  const safeUrl = url.replace(
    /[()<>"'`\\[\]|*_ ]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${md(label)}](${safeUrl})`;
}

/**
 * Text for a quoted Mermaid label (`n1["…"]`). Mermaid decodes `#<decimal>;` entity codes, so every
 * character that could end the label, the node, the fence or start HTML is written that way.
 */
export function mermaidLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[^A-Za-z0-9 .,:/=+-]/gu, (char) => `#${String(char.codePointAt(0))};`);
}
