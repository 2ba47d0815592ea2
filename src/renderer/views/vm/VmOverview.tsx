import { NOT_READ_YET } from '../vm-list/VmRow';
import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { AutostartSwitch } from '../vm-list/AutostartSwitch';
import { formatKiB } from '../../format';
import { VmStatsGraph } from './VmStatsGraph';
import { VmIoGraph } from './VmIoGraph';

/** The Overview tab. Device cards (disks, NICs, consoles) get their own tabs later. */
export function VmOverview({
  vm,
  vmKey,
  usable,
}: {
  vm: VmSummary;
  vmKey: string;
  usable: boolean;
}) {
  const { t } = useTranslation('vm');
  return (
    <div className="vd-overview">
      <DescriptionList isHorizontal columnModifier={{ default: '2Col' }}>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('overview.vcpus')}</DescriptionListTerm>
          <DescriptionListDescription>
            {vm.pending === 'sizes' ? NOT_READ_YET : vm.vcpus}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('overview.memory')}</DescriptionListTerm>
          <DescriptionListDescription>
            {vm.pending === 'sizes'
              ? NOT_READ_YET
              : t('overview.memoryOf', {
                  current: formatKiB(vm.memoryKiB),
                  max: formatKiB(vm.maxMemoryKiB),
                })}
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('overview.autostart')}</DescriptionListTerm>
          <DescriptionListDescription>
            <AutostartSwitch
              vm={vm}
              disabled={!usable}
              label={t('vmList:autostartOf', { name: vm.name })}
            />
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('overview.uuid')}</DescriptionListTerm>
          <DescriptionListDescription>
            <code>{vm.uuid}</code>
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      <Title headingLevel="h2" size="lg" className="vd-graph-title">
        {t('graph.title')}
      </Title>
      <VmStatsGraph vmKey={vmKey} />
      <VmIoGraph vmKey={vmKey} />
    </div>
  );
}
