import { Button } from '@patternfly/react-core';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Whether `ref`'s element is the document's fullscreen element, kept up to date (Esc too). */
export function useFullscreen(ref: RefObject<HTMLElement | null>): {
  active: boolean;
  toggle(): void;
} {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const update = () => setActive(!!ref.current && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, [ref]);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void ref.current?.requestFullscreen().catch(() => {});
  };
  return { active, toggle };
}

/** "Fullscreen" / "Exit fullscreen". */
export function FullscreenButton(props: { active: boolean; onToggle(): void }) {
  const { t } = useTranslation('console');
  return (
    <Button variant="secondary" onClick={props.onToggle}>
      {props.active ? t('vnc.exitFullscreen') : t('vnc.fullscreen')}
    </Button>
  );
}
