import {
  Button,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChecklistEntry {
  key: string;
  label: string;
  enabled: boolean;
}

/**
 * A list to put in order and tick: drag an entry, or use its Up / Down buttons (the keyboard's
 * way), tick the ones that count. The boot order lists use it.
 */
export function OrderedChecklist({
  label,
  entries,
  onChange,
}: {
  label: string;
  entries: ChecklistEntry[];
  onChange(next: ChecklistEntry[]): void;
}) {
  const { t } = useTranslation('vmDetails');
  const [dragged, setDragged] = useState<number>();
  const move = (from: number, to: number) => {
    if (to < 0 || to >= entries.length || from === to) return;
    const next = [...entries];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <DataList aria-label={label} isCompact>
      {entries.map((e, i) => (
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
                      onChange(
                        entries.map((x, j) => (j === i ? { ...x, enabled: ev.target.checked } : x)),
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
  );
}
