import { Button, ToolbarItem, Tooltip } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { templateBlock } from '../../../shared/vmActions';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';

/**
 * "Mark as template" / "Convert to VM" for one VM (the VM page, or the list's single selection).
 * The badge appears when the backend's metadata event re-reads the row; a VM that cannot become
 * a template now says why in a tooltip, with the backend's rule (templateBlock).
 */
export function TemplateButton({
  vms,
  usable = () => true,
}: {
  vms: readonly VmSummary[];
  usable?: (vm: VmSummary) => boolean;
}) {
  const { t } = useTranslation('templates');
  const client = useClient();
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const vm = vms.length === 1 && vms[0] && usable(vms[0]) ? vms[0] : undefined;
  const marking = !vm?.template;
  const block = vm && marking ? templateBlock(vm) : undefined;
  const label = marking ? t('mark') : t('convert');

  const toggle = (target: VmSummary) => {
    setBusy(true);
    client
      .call('vms.setTemplate', {
        connectionId: target.connectionId,
        uuid: target.uuid,
        template: marking,
      })
      .catch((err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: marking ? 'templates:failed.mark' : 'templates:failed.convert',
          params: { name: target.name },
          message: errorMessage(err),
        }),
      )
      .finally(() => setBusy(false));
  };

  if (vm && block) {
    // aria-disabled keeps the button focusable, so its tooltip can say why.
    return (
      <ToolbarItem>
        <Tooltip content={t(`block.${block}`)}>
          <Button variant="secondary" size="sm" isAriaDisabled>
            {label}
          </Button>
        </Tooltip>
      </ToolbarItem>
    );
  }
  return (
    <ToolbarItem>
      <Button
        variant="secondary"
        size="sm"
        isDisabled={!vm || busy}
        isLoading={busy}
        onClick={() => vm && toggle(vm)}
      >
        {label}
      </Button>
    </ToolbarItem>
  );
}
