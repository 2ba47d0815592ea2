import {
  Button,
  Card,
  CardBody,
  CardTitle,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  Switch,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, VmDetails } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';
import { FormError } from './FormError';

const BOOTABLE = ['disk', 'interface', 'hostdev', 'redirdev', 'filesystem'];

interface Entry {
  key: string;
  label: string;
  enabled: boolean;
}

/** Devices with a boot order first (in it), then the other bootable ones, unticked. */
function entries(devices: DeviceView[]): Entry[] {
  const bootable = devices.filter((d) => d.inConfig && BOOTABLE.includes(d.element));
  const ordered = bootable
    .filter((d) => d.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0));
  const rest = bootable.filter((d) => d.bootOrder === undefined);
  return [...ordered, ...rest].map((d) => ({
    key: d.key,
    label: `${d.kind} ${d.label}`,
    enabled: d.bootOrder !== undefined,
  }));
}

/**
 * Boot order: drag a device (or use its Up / Down buttons, for the keyboard), tick the ones to
 * boot from, Apply. Boot menu on / off; direct kernel boot as the XML says.
 */
export function BootCard({ details, state }: { details: VmDetails; state: DetailsState }) {
  const { t } = useTranslation('vmDetails');
  const [list, setList] = useState(() => entries(details.devices));
  const [dragged, setDragged] = useState<number>();
  const [error, setError] = useState<string>();
  useEffect(() => setList(entries(details.devices)), [details.devices]);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const next = [...list];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    setList(next);
  };
  const apply = async () =>
    setError(
      await state.edit({
        kind: 'bootOrder',
        devices: list.filter((e) => e.enabled).map((e) => e.key),
      }),
    );
  const { boot } = details;
  return (
    <Card component="article" isCompact aria-label={t('boot.title')}>
      <CardTitle>{t('boot.title')}</CardTitle>
      <CardBody>
        {boot.devices.length > 0 && (
          <p className="vd-muted">{t('boot.byType', { devs: boot.devices.join(', ') })}</p>
        )}
        <DataList aria-label={t('boot.order')} isCompact>
          {list.map((e, i) => (
            <DataListItem
              key={e.key}
              aria-label={e.label}
              draggable
              onDragStart={() => setDragged(i)}
              onDragOver={(ev) => ev.preventDefault()}
              onDrop={() => dragged !== undefined && move(dragged, i)}
            >
              <DataListItemRow>
                <DataListItemCells
                  dataListCells={[
                    <DataListCell key="on">
                      <input
                        type="checkbox"
                        aria-label={t('boot.enable', { device: e.label })}
                        checked={e.enabled}
                        onChange={(ev) =>
                          setList(
                            list.map((x, j) =>
                              j === i ? { ...x, enabled: ev.target.checked } : x,
                            ),
                          )
                        }
                      />{' '}
                      {e.label}
                    </DataListCell>,
                    <DataListCell key="move" alignRight isFilled={false}>
                      <Button
                        variant="plain"
                        size="sm"
                        aria-label={t('boot.up', { device: e.label })}
                        onClick={() => move(i, i - 1)}
                      >
                        ↑
                      </Button>
                      <Button
                        variant="plain"
                        size="sm"
                        aria-label={t('boot.down', { device: e.label })}
                        onClick={() => move(i, i + 1)}
                      >
                        ↓
                      </Button>
                    </DataListCell>,
                  ]}
                />
              </DataListItemRow>
            </DataListItem>
          ))}
        </DataList>
        <Button variant="primary" onClick={() => void apply()}>
          {t('boot.apply')}
        </Button>{' '}
        <Switch
          id="vd-boot-menu"
          label={t('boot.menu')}
          isChecked={boot.menu}
          onChange={(_e, on) => void state.edit({ kind: 'bootMenu', enabled: on }).then(setError)}
        />
        {boot.kernel && (
          <p>
            {t('boot.kernel')}: <code>{boot.kernel}</code>
            {boot.initrd && (
              <>
                {' '}
                · {t('boot.initrd')}: <code>{boot.initrd}</code>
              </>
            )}
            {boot.cmdline && (
              <>
                {' '}
                · {t('boot.cmdline')}: <code>{boot.cmdline}</code>
              </>
            )}
          </p>
        )}
        <FormError message={error} />
      </CardBody>
    </Card>
  );
}
