import { TextArea } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import type { XmlErrorLocation } from './xmlErrorLocation';
import './xmlEditor.css';

/**
 * The XML tab's editor: a plain text area (lines never wrap, so line N sits at a known height),
 * with the line an error points at marked behind the text and the error's words beside it. On a
 * new error the cursor goes to that line.
 */
export function XmlEditor({
  id,
  value,
  onChange,
  problem,
}: {
  id: string;
  value: string;
  onChange(value: string): void;
  problem?: XmlErrorLocation & { message: string; label: string };
}) {
  const box = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [metrics, setMetrics] = useState({ lineHeight: 20, paddingTop: 0 });

  useEffect(() => {
    const el = area.current;
    if (!el || !box.current || !problem) return;
    const style = getComputedStyle(el);
    const lineHeight = parseFloat(style.lineHeight) || 20;
    // Where the text's first line starts inside our box (PatternFly wraps the text area).
    const offset =
      el.getBoundingClientRect().top -
      box.current.getBoundingClientRect().top +
      (parseFloat(style.borderTopWidth) || 0) +
      (parseFloat(style.paddingTop) || 0);
    setMetrics({ lineHeight, paddingTop: offset });
    const start = value
      .split('\n')
      .slice(0, problem.line - 1)
      .join('\n').length;
    const from = problem.line > 1 ? start + 1 : 0;
    el.focus();
    el.setSelectionRange(from, from + (value.split('\n')[problem.line - 1] ?? '').length);
    el.scrollTop = Math.max(0, (problem.line - 3) * lineHeight);
    // Only a new problem moves the cursor; typing afterwards must not (value is left out).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the problem alone
  }, [problem?.line, problem?.message]);

  return (
    <div className="vd-xml-editor" ref={box}>
      <TextArea
        ref={area}
        id={id}
        className="vd-xml"
        value={value}
        rows={24}
        wrap="off"
        resizeOrientation="vertical"
        spellCheck={false}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onChange={(_e, v) => onChange(v)}
      />
      {problem && (
        <div
          id={`${id}-problem`}
          className="vd-xml-error-line"
          role="note"
          aria-label={problem.label}
          style={{
            top: metrics.paddingTop + (problem.line - 1) * metrics.lineHeight - scrollTop,
            height: metrics.lineHeight,
          }}
        >
          <span className="vd-xml-error-note">{problem.message}</span>
        </div>
      )}
    </div>
  );
}
