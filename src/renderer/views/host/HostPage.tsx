import { Button, PageSection, Tab, Tabs, TabTitleText, Title } from '@patternfly/react-core';
import ArrowLeftIcon from '@patternfly/react-icons/dist/esm/icons/arrow-left-icon';
import { useTranslation } from 'react-i18next';
import { HOST_TABS, hostHash, type HostTab } from '../../routes';
import { useSlice, useStore } from '../../state/context';
import { navigate } from '../../useRoute';
import { ConfigWarnings } from '../connections/ConfigWarnings';
import { connectionLabel } from '../connections/hostState';
import { NetworksTab } from '../networks/NetworksTab';
import { StorageTab } from '../storage/StorageTab';
import { HostOverviewTab } from './HostOverviewTab';
import { InterfacesTab } from './InterfacesTab';

/** One host's resources, as virt-manager's Connection Details: one tab per kind. */
export function HostPage({ connectionId, tab }: { connectionId: string; tab: HostTab }) {
  const { t } = useTranslation('host');
  const store = useStore();
  const connection = useSlice(store.connections, (list) => list.find((c) => c.id === connectionId));
  const status = useSlice(store.hosts, (hosts) => hosts.get(connectionId));
  const described = connection ? connectionLabel(connection) : undefined;
  const title = described
    ? (described.label ??
      t('connections:labelFromUri', { hypervisor: described.hypervisor, where: described.where }))
    : connectionId;
  const body: Record<HostTab, () => React.ReactNode> = {
    overview: () => <HostOverviewTab connectionId={connectionId} />,
    storage: () => <StorageTab connectionId={connectionId} />,
    networks: () => <NetworksTab connectionId={connectionId} />,
    interfaces: () => <InterfacesTab connectionId={connectionId} />,
  };
  return (
    <PageSection isFilled>
      <Button
        variant="link"
        icon={<ArrowLeftIcon className="vd-flip-rtl" />}
        onClick={() => navigate('#/')}
      >
        {t('vm:back')}
      </Button>
      <Title headingLevel="h1" size="2xl">
        {title}
      </Title>
      <ConfigWarnings status={status} />
      <Tabs
        activeKey={tab}
        onSelect={(_e, key) => navigate(hostHash(connectionId, key as HostTab))}
        aria-label={t('tabs.label')}
        mountOnEnter
        unmountOnExit
      >
        {HOST_TABS.map((key) => (
          <Tab key={key} eventKey={key} title={<TabTitleText>{t(`tabs.${key}`)}</TabTitleText>}>
            {tab === key && body[key]()}
          </Tab>
        ))}
      </Tabs>
    </PageSection>
  );
}
