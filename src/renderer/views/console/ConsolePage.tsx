import { Button, EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';
import ArrowLeftIcon from '@patternfly/react-icons/dist/esm/icons/arrow-left-icon';
import { useTranslation } from 'react-i18next';
import { vmHash } from '../../routes';
import { useSlice, useStore } from '../../state/context';
import { vmKey } from '../../state/vmKey';
import { navigate } from '../../useRoute';
import { ConsoleSet } from './ConsoleSet';

/** A VM's console on a page of its own (#/console/<connection>/<uuid>): "Open in new window". */
export function ConsolePage({ connectionId, uuid }: { connectionId: string; uuid: string }) {
  const { t } = useTranslation('console');
  const store = useStore();
  const vm = useSlice(store.vms, (vms) => vms.get(vmKey(connectionId, uuid)));
  const back = (
    <Button
      variant="link"
      icon={<ArrowLeftIcon className="vd-flip-rtl" />}
      onClick={() => navigate(vmHash(connectionId, uuid))}
    >
      {t('details')}
    </Button>
  );
  if (!vm) {
    return (
      <PageSection isFilled>
        {back}
        <EmptyState titleText={t('vm:gone.title')} headingLevel="h1">
          <EmptyStateBody>{t('vm:gone.text')}</EmptyStateBody>
        </EmptyState>
      </PageSection>
    );
  }
  return (
    <PageSection isFilled hasBodyWrapper={false} className="vd-console-page">
      <div className="vd-console-page-head">
        {back}
        <Title headingLevel="h1" size="xl">
          {t('pageTitle', { name: vm.name })}
        </Title>
      </div>
      <ConsoleSet first={vm} />
    </PageSection>
  );
}
