import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorDetail } from '../../components/ErrorDetail';
import type { FormErrors } from '../../components/forms/formErrors';
import { HostPicker, type HostWizardProps } from './HostPicker';

/**
 * The frame of the wizards that define a guest in one call (a container, a Xen guest): the host
 * and the wizard's fields; Next has the backend check them and shows the XML it would define;
 * Create defines it, Back goes back to the fields, Cancel closes. Nothing can be pressed (nor
 * Escape close it) while `busy`. Its words are the keys title, summary, xml, next, back and
 * create of the wizard's namespace `ns`.
 */
export function PreviewWizard(
  props: HostWizardProps & {
    id: string;
    ns: 'lxc' | 'xen';
    /** The fields page's description. */
    description?: string;
    /** The form's errors: what names no field shows above it (libvirt's words under Details). */
    errors: FormErrors;
    /** The host facts' error, shown there when there is no such error. */
    factsError?: string;
    fields: ReactNode;
    /** The previewed XML; undefined on the fields page. */
    xml?: string;
    /** Shown under the XML (a job's progress). */
    underXml?: ReactNode;
    busy: boolean;
    /** Create cannot be pressed again (the job it started is done). */
    created?: boolean;
    onNext(): void;
    onCreate(): void;
    onBack(): void;
  },
) {
  const { t } = useTranslation(props.ns);
  const { xml, busy, errors } = props;
  const titleId = `${props.id}-title`;
  return (
    <Modal
      isOpen
      variant="large"
      onEscapePress={busy ? undefined : props.onClose}
      aria-labelledby={titleId}
      className="vd-new-vm"
    >
      <ModalHeader
        title={t('title')}
        labelId={titleId}
        description={xml ? t('summary') : props.description}
      />
      <ModalBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          {(errors.general ?? props.factsError) && (
            <Alert isInline variant="danger" title={errors.general ?? props.factsError}>
              {errors.general && <ErrorDetail detail={errors.detail} />}
            </Alert>
          )}
          {xml === undefined ? (
            <>
              <HostPicker {...props} />
              {props.fields}
            </>
          ) : (
            <>
              <CodeBlock aria-label={t('xml')}>
                <CodeBlockCode>{xml}</CodeBlockCode>
              </CodeBlock>
              {props.underXml}
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        {xml === undefined ? (
          <Button onClick={props.onNext} isLoading={busy} isDisabled={busy}>
            {t('next')}
          </Button>
        ) : (
          <Button
            onClick={props.onCreate}
            isLoading={busy}
            isDisabled={busy || props.created === true}
          >
            {t('create')}
          </Button>
        )}
        <Button variant="secondary" onClick={props.onBack} isDisabled={xml === undefined || busy}>
          {t('back')}
        </Button>
        <Button variant="link" onClick={props.onClose} isDisabled={busy}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
