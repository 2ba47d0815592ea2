import { Checkbox, List, ListItem, Stack, StackItem, Title } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeletableDisk, VmDeletePlan } from '../../../shared/api/methods/vmDelete';
import { diskFacts, keepReasonText } from './deleteText';

/** Under a disk: what it is, where it lives, how it would be deleted, and why it starts unchecked. */
function DiskNotes({ t, disk }: { t: TFunction; disk: DeletableDisk }) {
  const reason = keepReasonText(t, disk);
  return (
    <>
      <span className="vd-delete-disk-line">{diskFacts(t, disk)}</span>
      {disk.deletable && !disk.pool && (
        <span className="vd-delete-disk-line">{t('vmDelete:disk.noPool')}</span>
      )}
      {reason && (
        <span className="vd-delete-disk-line">
          {disk.deletable
            ? t('vmDelete:disk.keptBecause', { reason })
            : t('vmDelete:disk.neverDeleted', { reason })}
        </span>
      )}
    </>
  );
}

/**
 * The plan of one VM's delete: every disk (a checkbox each, unless it can never be deleted) and
 * what goes with the definition whatever the disks.
 */
export function DeletePlanBody({
  plan,
  idPrefix,
  isChecked,
  onCheck,
}: {
  plan: VmDeletePlan;
  idPrefix: string;
  isChecked(disk: DeletableDisk): boolean;
  onCheck(disk: DeletableDisk, checked: boolean): void;
}) {
  const { t } = useTranslation('vmDelete');
  const also = plan.alsoRemoved;
  const alsoItems = [
    also.managedSave && t('managedSave'),
    also.snapshots > 0 && t('snapshots', { count: also.snapshots }),
    also.nvram && t('nvram', { path: also.nvram }),
    also.tpmState && t('tpmState'),
  ].filter((item): item is string => typeof item === 'string');
  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h3" size="md">
          {t('disks')}
        </Title>
        {plan.disks.length === 0 && <p>{t('noDisks')}</p>}
        <Stack hasGutter className="vd-delete-disks">
          {plan.disks.map((disk, index) => (
            <StackItem key={disk.path}>
              {disk.deletable ? (
                <Checkbox
                  id={`${idPrefix}-disk-${index}`}
                  label={<span className="vd-delete-disk-path">{disk.path}</span>}
                  isChecked={isChecked(disk)}
                  onChange={(_e, checked) => onCheck(disk, checked)}
                  description={<DiskNotes t={t} disk={disk} />}
                />
              ) : (
                <div className="vd-delete-disk-kept">
                  <span className="vd-delete-disk-path">{disk.path}</span>
                  <div className="vd-muted">
                    <DiskNotes t={t} disk={disk} />
                  </div>
                </div>
              )}
            </StackItem>
          ))}
        </Stack>
      </StackItem>
      <StackItem>
        <Title headingLevel="h3" size="md">
          {t('alsoRemoved')}
        </Title>
        {alsoItems.length === 0 ? (
          <p>{t('nothingElse')}</p>
        ) : (
          <List aria-label={t('alsoRemoved')}>
            {alsoItems.map((item) => (
              <ListItem key={item}>{item}</ListItem>
            ))}
          </List>
        )}
      </StackItem>
    </Stack>
  );
}
