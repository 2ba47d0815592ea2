import { ExpandableSection } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Words an error kept beside its message, untranslated (libvirt's own, a host tool's stderr), under
 * a "Details" toggle: the message says what happened in the user's language, these say it exactly.
 */
export function ErrorDetail({ detail }: { detail?: string }) {
  const { t } = useTranslation('backend');
  const [open, setOpen] = useState(false);
  if (!detail) return null;
  return (
    <ExpandableSection
      toggleText={t('common.details')}
      isExpanded={open}
      onToggle={(_e, expanded) => setOpen(expanded)}
    >
      <pre className="vd-error-detail">{detail}</pre>
    </ExpandableSection>
  );
}
