import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  ExpandableSection,
  Title,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatKiB } from '../../format';
import { useApiQuery } from '../../state/queries';
import { cpuTopologyText } from './cpuTopologyText';
import { HostUsageGraph } from './HostUsageGraph';

/** What the host is, what guests can have on it, and how busy it is (virt-manager's Overview). */
export function HostOverviewTab({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('host');
  const { t: tt } = useTranslation('transport');
  const overview = useApiQuery('host.overview', { connectionId }, { keepPrevious: false });
  if (overview.error) {
    return (
      <Alert variant="danger" isInline title={t('overview.failed', { message: overview.error })} />
    );
  }
  const o = overview.data;
  const item = (key: string, value: React.ReactNode) => (
    <DescriptionListGroup key={key}>
      <DescriptionListTerm>{t(`overview.${key}`)}</DescriptionListTerm>
      <DescriptionListDescription>{value ?? '…'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  const aliases = o?.machines.filter((m) => m.alias) ?? [];
  return (
    <section className="vd-host-overview" aria-label={t('overview.label')}>
      <DescriptionList isHorizontal columnModifier={{ lg: '2Col' }}>
        {item('hostname', o && <bdi>{o.hostname}</bdi>)}
        {item('hypervisor', o && `${o.hypervisorType} ${o.hypervisorVersion}`)}
        {item('libvirt', o?.libvirtVersion)}
        {item('cpuModel', o && [o.cpuVendor, o.cpuModel].filter(Boolean).join(' '))}
        {item('arch', o?.arch)}
        {item('cpus', o && cpuTopologyText(t, o))}
        {item('memory', o && formatKiB(o.memoryKiB))}
        {item('acceleration', o && t(`overview.accel.${o.acceleration}`))}
        {item(
          'firmware',
          o &&
            (o.firmware.known
              ? [
                  o.firmware.kinds
                    .map((k) => t(`overview.fw.${k}`, { defaultValue: k }))
                    .join(', '),
                  t(o.firmware.secureBoot ? 'overview.secureBootYes' : 'overview.secureBootNo'),
                ].join(' · ')
              : t('overview.firmwareUnknown')),
        )}
        {item(
          'machines',
          o &&
            (o.machines.length === 0
              ? t('overview.none')
              : aliases.map((m) => `${m.alias} → ${m.name}`).join(', ') || o.machines[0]?.name),
        )}
        <DescriptionListGroup>
          <DescriptionListTerm>{tt('label')}</DescriptionListTerm>
          <DescriptionListDescription data-transport={o?.transport}>
            {o ? tt(`kind.${o.transport}`) : '…'}
          </DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
      {o && o.firmware.loaders.length > 0 && (
        <ExpandableSection toggleText={t('overview.loaders', { count: o.firmware.loaders.length })}>
          <ul>
            {o.firmware.loaders.map((l) => (
              <li key={l}>
                <bdi>{l}</bdi>
              </li>
            ))}
          </ul>
        </ExpandableSection>
      )}
      {o && o.machines.length > 0 && (
        <ExpandableSection toggleText={t('overview.allMachines', { count: o.machines.length })}>
          <ul>
            {o.machines.map((m) => (
              <li key={`${m.alias ?? ''}${m.name}`}>
                {m.alias ? `${m.alias} → ${m.name}` : m.name}
                {m.deprecated && ` (${t('overview.deprecated')})`}
              </li>
            ))}
          </ul>
        </ExpandableSection>
      )}
      <Title headingLevel="h2" size="lg" className="vd-graph-title">
        {t('overview.usageTitle')}
      </Title>
      <HostUsageGraph connectionId={connectionId} />
    </section>
  );
}
