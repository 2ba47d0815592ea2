import { Label } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** "Template" beside a VM's name (the VM page header; the list's rows use `text` given once). */
export function TemplateBadge({ text }: { text?: string }) {
  const { t } = useTranslation('templates');
  return (
    <Label color="purple" isCompact className="vd-template-badge">
      {text ?? t('badge')}
    </Label>
  );
}
