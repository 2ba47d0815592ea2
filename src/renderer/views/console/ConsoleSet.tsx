import {
  Button,
  FormSelect,
  FormSelectOption,
  Switch,
  Tab,
  Tabs,
  TabTitleText,
} from '@patternfly/react-core';
import TimesIcon from '@patternfly/react-icons/dist/esm/icons/times-icon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { useSlice, useStore } from '../../state/context';
import { vmKey } from '../../state/vmKey';
import { ConsoleView } from './ConsoleView';

/** One open console: a VM (twice for its display and its serial port) under its own id. */
interface Opened {
  id: number;
  key: string;
}

/**
 * Several consoles on the console page, as tabs or tiled 2x2, each with its own toolbar (and
 * console picker): of different VMs, or of one VM twice (display and serial). Closing one leaves
 * the others open; hidden tabs stay connected.
 */
export function ConsoleSet({ first }: { first: VmSummary }) {
  const { t } = useTranslation('consoleTools');
  const store = useStore();
  const vms = useSlice(store.vms);
  const hosts = useSlice(store.hosts);
  const [opened, setOpened] = useState<Opened[]>([
    { id: 0, key: vmKey(first.connectionId, first.uuid) },
  ]);
  const [nextId, setNextId] = useState(1);
  const [active, setActive] = useState(0);
  const [tiled, setTiled] = useState(false);

  const add = (key: string) => {
    if (!key) return;
    setOpened((list) => [...list, { id: nextId, key }]);
    setActive(nextId);
    setNextId(nextId + 1);
  };
  const close = (id: number) => {
    const rest = opened.filter((o) => o.id !== id);
    setOpened(rest);
    if (active === id && rest[0]) setActive(rest[0].id);
  };
  const titleOf = (o: Opened) => vms.get(o.key)?.name ?? t('multi.gone');

  const views = opened.map((o) => {
    const vm = vms.get(o.key);
    const usable = vm ? hosts.get(vm.connectionId)?.phase === 'connected' : false;
    return {
      o,
      view: vm ? <ConsoleView vm={vm} usable={usable} standalone /> : <p>{t('multi.gone')}</p>,
    };
  });

  const closeButton = (o: Opened) =>
    opened.length > 1 && (
      <Button
        variant="plain"
        icon={<TimesIcon />}
        aria-label={t('multi.close', { name: titleOf(o) })}
        onClick={() => close(o.id)}
      />
    );

  return (
    <div className="vd-console-set">
      <div className="vd-console-set-tools">
        <FormSelect
          value=""
          onChange={(_e, key) => add(key)}
          aria-label={t('multi.add')}
          className="vd-console-picker"
        >
          <FormSelectOption value="" label={t('multi.add')} isPlaceholder />
          {[...vms.entries()].map(([key, vm]) => (
            <FormSelectOption key={key} value={key} label={vm.name} />
          ))}
        </FormSelect>
        <Switch
          id="vd-console-tile"
          label={t('multi.tile')}
          isChecked={tiled}
          onChange={(_e, on) => setTiled(on)}
        />
      </div>
      {tiled ? (
        <div className="vd-console-tiles">
          {views.slice(0, 4).map(({ o, view }) => (
            <section key={o.id} className="vd-console-tile" aria-label={titleOf(o)}>
              <div className="vd-console-tile-head">
                <strong>{titleOf(o)}</strong>
                {closeButton(o)}
              </div>
              {view}
            </section>
          ))}
        </div>
      ) : (
        <Tabs
          activeKey={active}
          onSelect={(_e, key) => setActive(Number(key))}
          aria-label={t('multi.tabs')}
          mountOnEnter={false}
          className="vd-console-tabs"
        >
          {views.map(({ o, view }) => (
            <Tab
              key={o.id}
              eventKey={o.id}
              title={<TabTitleText>{titleOf(o)}</TabTitleText>}
              actions={closeButton(o) || undefined}
            >
              {view}
            </Tab>
          ))}
        </Tabs>
      )}
    </div>
  );
}
