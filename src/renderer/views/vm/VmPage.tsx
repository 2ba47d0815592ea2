import {
  Button,
  EmptyState,
  EmptyStateBody,
  PageSection,
  Tab,
  Tabs,
  TabTitleText,
  Title,
  Toolbar,
  ToolbarContent,
} from '@patternfly/react-core';
import ArrowLeftIcon from '@patternfly/react-icons/dist/esm/icons/arrow-left-icon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { LifecycleButtons } from '../../components/lifecycle/LifecycleButtons';
import { useSlice, useStore } from '../../state/context';
import { vmKey } from '../../state/vmKey';
import { navigate } from '../../useRoute';
import { ShowNativeConfigButton } from '../native-config/NativeConfigButtons';
import { connectionLabel, hostStateParts } from '../connections/hostState';
import { ConsoleView } from '../console/lazy';
import { StateLabel } from '../vm-list/StateLabel';
import { DeleteVmsButton, useDeleteVms } from '../vm-delete/useDeleteVms';
import { CloneVmButton, useCloneVm } from '../vm-clone/useCloneVm';
import { MigrateVmButton, useMigrateVm } from '../vm-migrate/useMigrateVm';
import { VmOverview } from './VmOverview';
import { BeginInstallButton } from '../new-vm/BeginInstallButton';
import { TemplateBadge } from '../vm-template/TemplateBadge';
import { TemplateButton } from '../vm-template/TemplateButton';
import { SnapshotsTab } from '../vm-snapshots/SnapshotsTab';
import { HardwarePanel, OverviewPanel, XmlPanel } from '../vm-details/panels';
import { useShortcutHandler, useShortcutTarget } from '../../shortcuts/KeyboardProvider';

const NO_VMS: readonly VmSummary[] = [];

/**
 * One VM: header with its lifecycle actions, then tabs: Overview, Details, XML, Snapshots,
 * Console.
 */
export function VmPage(props: { connectionId: string; uuid: string }) {
  // The delete dialog sits beside the page, not in it: when the VM leaves the list the page shows
  // "not found" but a partial failure's outcome stays; once it is closed (or after a clean
  // delete) the page goes back to the list.
  const deleting = useDeleteVms(() => navigate('#/'));
  const cloning = useCloneVm();
  // Beside the page too: a migration's progress and outcome stay once the VM has left this host.
  const migrating = useMigrateVm();
  return (
    <>
      <VmPageView
        {...props}
        onDelete={deleting.start}
        onClone={cloning.start}
        onMigrate={migrating.start}
      />
      {deleting.dialog}
      {cloning.dialog}
      {migrating.dialog}
    </>
  );
}

function VmPageView({
  connectionId,
  uuid,
  onDelete,
  onClone,
  onMigrate,
}: {
  connectionId: string;
  uuid: string;
  onDelete(vms: readonly VmSummary[]): void;
  onClone(vm: VmSummary): void;
  onMigrate(vm: VmSummary): void;
}) {
  const { t } = useTranslation('vm');
  const store = useStore();
  const key = vmKey(connectionId, uuid);
  const vm = useSlice(store.vms, (vms) => vms.get(key));
  const connection = useSlice(store.connections, (list) => list.find((c) => c.id === connectionId));
  const host = useSlice(store.hosts, (hosts) => hosts.get(connectionId));
  const [tab, setTab] = useState<string | number>('overview');
  useShortcutTarget(vm ? [vm] : NO_VMS);
  const usable = host?.phase === 'connected';
  useShortcutHandler('delete', vm && usable ? () => onDelete([vm]) : undefined);
  const back = (
    <Button
      variant="link"
      icon={<ArrowLeftIcon className="vd-flip-rtl" />}
      onClick={() => navigate('#/')}
    >
      {t('back')}
    </Button>
  );
  if (!vm) {
    return (
      <PageSection isFilled>
        {back}
        <EmptyState titleText={t('gone.title')} headingLevel="h1">
          <EmptyStateBody>{t('gone.text')}</EmptyStateBody>
        </EmptyState>
      </PageSection>
    );
  }
  const described = connection ? connectionLabel(connection) : undefined;
  const hostName = described
    ? (described.label ??
      t('connections:labelFromUri', { hypervisor: described.hypervisor, where: described.where }))
    : connectionId;
  return (
    <>
      <PageSection className="vd-vm-header">
        {back}
        <Title headingLevel="h1" size="2xl">
          {vm.name}
          {vm.template && <TemplateBadge />}
        </Title>
        <div className="vd-vm-facts">
          <StateLabel state={vm.state} text={t(`vmList:state.${vm.state}`)} />
          <span className="vd-muted">
            {t('onHost', { host: hostName })}
            {!usable &&
              ` · ${hostStateParts(host, Date.now())
                .map((p) => t(`connections:${p.key}`, p.params))
                .join(' · ')}`}
          </span>
        </div>
        <Toolbar>
          <ToolbarContent>
            <BeginInstallButton vm={vm} usable={usable} />
            <LifecycleButtons vms={[vm]} usable={() => usable} />
            <TemplateButton vms={[vm]} usable={() => usable} />
            <CloneVmButton vms={[vm]} usable={() => usable} onClone={onClone} />
            <MigrateVmButton vm={vm} usable={usable} onMigrate={onMigrate} />
            <ShowNativeConfigButton connection={connection} uuid={uuid} usable={usable} />
            <DeleteVmsButton vms={[vm]} usable={() => usable} onDelete={onDelete} />
          </ToolbarContent>
        </Toolbar>
      </PageSection>
      <PageSection isFilled>
        <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label={t('tabs')}>
          <Tab eventKey="overview" title={<TabTitleText>{t('overview.tab')}</TabTitleText>}>
            <VmOverview vm={vm} vmKey={key} usable={usable} />
            {tab === 'overview' && usable && (
              <OverviewPanel connectionId={connectionId} uuid={uuid} />
            )}
          </Tab>
          <Tab eventKey="details" title={<TabTitleText>{t('vmDetails:tab')}</TabTitleText>}>
            {tab === 'details' && usable && (
              <HardwarePanel connectionId={connectionId} uuid={uuid} />
            )}
          </Tab>
          <Tab eventKey="xml" title={<TabTitleText>{t('vmDetails:xml.tab')}</TabTitleText>}>
            {tab === 'xml' && usable && <XmlPanel connectionId={connectionId} uuid={uuid} />}
          </Tab>
          <Tab eventKey="snapshots" title={<TabTitleText>{t('snapshots:tab')}</TabTitleText>}>
            {tab === 'snapshots' && usable && <SnapshotsTab vm={vm} />}
          </Tab>
          {/* Mounted only while shown: leaving the tab closes the console's connection. */}
          <Tab eventKey="console" title={<TabTitleText>{t('console:tab')}</TabTitleText>}>
            {tab === 'console' && <ConsoleView vm={vm} usable={usable} />}
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
