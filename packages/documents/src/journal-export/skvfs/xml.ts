/**
 * A minimal XML tree for the SKVFS 2021:16 export: every element is in the komponent namespace
 * except the root; a deviation is an XML comment right before its element.
 */

// `note`: an XML comment written right before the element (a deviation, see `noted`).
export type XmlNode =
  | { readonly name: string; readonly text: string; readonly note?: string }
  | { readonly name: string; readonly children: readonly XmlNode[]; readonly note?: string }
  | { readonly comment: string };

export function el(
  name: string,
  children: readonly (XmlNode | readonly XmlNode[] | null | undefined | false)[],
): XmlNode {
  return {
    name,
    children: children.flatMap((c): XmlNode[] =>
      Array.isArray(c) ? [...(c as readonly XmlNode[])] : c ? [c as XmlNode] : [],
    ),
  };
}

/** Text of an XML comment: "--" cannot occur in one, nor a "-" at its end. */
function commentText(text: string): string {
  return escapeXmlText(text)
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ');
}

export function leaf(name: string, text: string): XmlNode {
  return { name, text };
}

/** Characters XML 1.0 cannot hold: replaced with U+FFFD so the file stays well-formed. */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content; CR is written as a reference so parsers keep it. */
export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function serialize(node: XmlNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  if ('comment' in node) {
    out.push(`${indent}<!-- ${commentText(node.comment)} -->`);
    return;
  }
  if (node.note !== undefined) out.push(`${indent}<!-- ${commentText(node.note)} -->`);
  const name = `utreko:${node.name}`;
  if ('text' in node) {
    out.push(`${indent}<${name}>${escapeXmlText(node.text)}</${name}>`);
    return;
  }
  out.push(`${indent}<${name}>`);
  for (const child of node.children) serialize(child, depth + 1, out);
  out.push(`${indent}</${name}>`);
}
