import { Alert } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';

/** An edit's error, in the backend's (or libvirt's) words, under the form that caused it. */
export function FormError({ message }: { message: string | undefined }) {
  const { t } = useTranslation('vmDetails');
  if (!message) return null;
  return (
    <Alert variant="danger" isInline title={t('failed')} role="alert">
      {message}
    </Alert>
  );
}
