import { Checkbox, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { ClonePlan, IdentityOperation } from '../../../shared/api/methods/vmClone';
import { FormField } from '../../components/forms/FormField';

/**
 * Resetting the guest's identity in the clone's disks: a checkbox per operation the host's tool
 * offers (the hostname with its new value), or, without the tool, the package that brings it.
 */
export function IdentityResetFields(props: {
  identityReset: ClonePlan['identityReset'];
  chosen: ReadonlySet<IdentityOperation>;
  onToggle(operation: IdentityOperation, on: boolean): void;
  hostname: string;
  onHostname(hostname: string): void;
  /** The clone's name: the hostname when the field is left empty. */
  cloneName: string;
  hostnameError?: string;
}) {
  const { t } = useTranslation('vmClone');
  const { tool, operations } = props.identityReset;
  return (
    <section aria-label={t('identity.title')}>
      <Title headingLevel="h3" size="md">
        {t('identity.title')}
      </Title>
      {!tool ? (
        <p>{t('identity.missing', { package: props.identityReset.package })}</p>
      ) : (
        <>
          <p>{t('identity.intro', { tool })}</p>
          {operations.map((operation) => (
            <Checkbox
              key={operation}
              id={`vd-vm-clone-identity-${operation}`}
              label={t(`identity.${operation}`)}
              isChecked={props.chosen.has(operation)}
              onChange={(_e, on) => props.onToggle(operation, on)}
            />
          ))}
          {props.chosen.has('hostname') && (
            <FormField
              id="vd-vm-clone-hostname"
              label={t('identity.hostnameLabel')}
              value={props.hostname}
              onChange={props.onHostname}
              placeholder={props.cloneName}
              error={props.hostnameError}
              help={t('identity.hostnameHelp')}
            />
          )}
        </>
      )}
    </section>
  );
}
