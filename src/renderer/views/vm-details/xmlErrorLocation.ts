/**
 * Where in the XML tab's text an error points: a line number when the message gives one (an XML
 * parse error, "(line 5)" or "):5:"), else the element libvirt's schema validation names
 * ("Extra element devices in interleave"), narrowed to the line the user changed inside that
 * element, since libvirt names only the parent whose content failed to validate.
 */
export interface XmlErrorLocation {
  /** 1-based line in the edited text. */
  line: number;
  /** The element the message names, when it names one. */
  element?: string;
}

const LINE_PATTERNS = [/\(line (\d+)\)/i, /\bline[: ]+(\d+)/i, /\):(\d+):/];
const ELEMENT_PATTERN = /\b(?:Extra element|Element|element|Did not expect element) ([\w:.-]+)/g;

/** Lines of `edited` that are not lines of `original` (1-based), in order. */
function changedLines(edited: string[], original: string): number[] {
  const known = new Set(original.split('\n').map((l) => l.trim()));
  return edited.flatMap((l, i) => (l.trim() !== '' && !known.has(l.trim()) ? [i + 1] : []));
}

/** The first line span [open, close] of the element `name` that contains `line`, if any. */
function spansOf(lines: string[], name: string): [number, number][] {
  const open = new RegExp(`<${name}(\\s|>|/>|$)`);
  const selfClosed = new RegExp(`<${name}(\\s[^>]*)?/>`);
  const close = `</${name}>`;
  const spans: [number, number][] = [];
  const stack: number[] = [];
  lines.forEach((text, i) => {
    if (open.test(text)) {
      if (selfClosed.test(text)) spans.push([i + 1, i + 1]);
      else stack.push(i + 1);
    }
    if (text.includes(close)) {
      const start = stack.pop();
      if (start !== undefined) spans.push([start, i + 1]);
    }
  });
  return spans;
}

export function locateXmlError(
  message: string,
  edited: string,
  original: string,
): XmlErrorLocation | undefined {
  const lines = edited.split('\n');
  for (const pattern of LINE_PATTERNS) {
    const n = Number(pattern.exec(message)?.[1]);
    if (Number.isSafeInteger(n) && n >= 1 && n <= lines.length) return { line: n };
  }
  const changed = changedLines(lines, original);
  for (const match of message.matchAll(ELEMENT_PATTERN)) {
    const element = match[1];
    if (!element) continue;
    const spans = spansOf(lines, element);
    const inside = changed.find((l) => spans.some(([a, b]) => l >= a && l <= b));
    if (inside !== undefined) return { line: inside, element };
    if (spans[0]) return { line: spans[0][0], element };
  }
  return changed[0] === undefined ? undefined : { line: changed[0] };
}
