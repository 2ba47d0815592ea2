import { Label, Modal, ModalBody, TextInput } from '@patternfly/react-core';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleAction, VmSummary } from '../../shared/api/types';
import { rankByQuery } from './fuzzy';
import { usePaletteCommands, type PaletteCommand } from './usePaletteCommands';

const SHOWN = 50;
const LIST_ID = 'vd-palette-list';
const optionId = (index: number) => `vd-palette-option-${index}`;

/**
 * Ctrl+K / Cmd+K: type part of a VM's, host's, network's or pool's name (and of the action),
 * Up / Down to choose, Enter to do it, Escape to close. A combobox driving a listbox, as ARIA's
 * pattern has it: focus stays in the text box, the chosen option is its active descendant.
 */
export function CommandPalette({
  onClose,
  lifecycle,
}: {
  onClose(): void;
  /** How a VM's lifecycle command runs: as its button does (KeyboardProvider). */
  lifecycle(action: LifecycleAction, vms: readonly VmSummary[]): void;
}) {
  const { t } = useTranslation('shortcuts');
  const commands = usePaletteCommands(lifecycle);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(
    () =>
      rankByQuery(commands, query, (c) => `${c.name} ${c.action} ${t(`kind.${c.kind}`)}`, SHOWN),
    [commands, query, t],
  );
  const current = Math.min(active, shown.length - 1);

  const choose = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    const move = moves[event.key];
    if (move !== undefined && shown.length > 0) {
      event.preventDefault();
      setActive((current + move + shown.length) % shown.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : shown.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(shown[current]);
    }
  };

  return (
    <Modal
      isOpen
      variant="medium"
      position="top"
      aria-label={t('palette.title')}
      onEscapePress={onClose}
      className="vd-palette"
    >
      <ModalBody>
        <TextInput
          autoFocus
          type="search"
          value={query}
          onChange={(_e, value) => {
            setQuery(value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-label={t('palette.input')}
          aria-expanded
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={current >= 0 ? optionId(current) : undefined}
          placeholder={t('palette.placeholder')}
        />
        <ul
          id={LIST_ID}
          role="listbox"
          aria-label={t('palette.results')}
          className="vd-palette-list"
        >
          {shown.map((command, index) => (
            <li
              key={command.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              className="vd-palette-option"
              onMouseMove={() => setActive(index)}
              onClick={() => choose(command)}
            >
              <Label isCompact>{t(`kind.${command.kind}`)}</Label>
              <span className="vd-palette-name">{command.name}</span>
              <span className="vd-palette-action">{command.action}</span>
              <span className="vd-muted vd-palette-where">{command.where}</span>
            </li>
          ))}
        </ul>
        {shown.length === 0 && <p className="vd-muted">{t('palette.none')}</p>}
      </ModalBody>
    </Modal>
  );
}
