import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEND_KEY_COMBOS, type SendKeyCombo } from './keysyms';

/** virt-manager's Send Key menu, for the VNC and SPICE consoles alike. */
export function SendKeyMenu(props: { disabled: boolean; onSendKey(combo: SendKeyCombo): void }) {
  const { t } = useTranslation('console');
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          isDisabled={props.disabled}
          isExpanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {t('vnc.sendKey')}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {SEND_KEY_COMBOS.map((combo) => (
          <DropdownItem key={combo.id} onClick={() => props.onSendKey(combo)}>
            <bdi dir="ltr">{combo.label}</bdi>
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
}
