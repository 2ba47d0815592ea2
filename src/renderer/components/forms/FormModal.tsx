import {
  Alert,
  Button,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorDetail } from '../ErrorDetail';

/**
 * The dialog every create / edit / delete form uses: a title that names the dialog, the error
 * that belongs to no field above the form, the form, and a footer with the submit button (busy
 * while the call runs) and Cancel. Ids derive from `id`: `<id>-title` names the dialog and the
 * submit button sends the form `<id>-form` (so Enter in a field submits too).
 */
export function FormModal(props: {
  id: string;
  title: string;
  description?: ReactNode;
  titleIconVariant?: 'warning';
  variant?: 'small' | 'medium';
  /** Escape closes; with `closeButton` the header has a Close button as well. */
  onClose(): void;
  closeButton?: boolean;
  /** The error above the form: under `errorTitle` when there is one, else as the title. */
  error?: string;
  errorTitle?: string;
  /** Words kept beside the error (libvirt's own, a tool's stderr), under a Details toggle. */
  errorDetail?: string;
  onSubmit(): void;
  submitLabel: string;
  submitVariant?: 'primary' | 'danger';
  busy: boolean;
  submitDisabled?: boolean;
  /** A body that is not a form (a question, or a form of its own): the button acts on click. */
  plain?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  const titleId = `${props.id}-title`;
  const formId = `${props.id}-form`;
  return (
    <Modal
      isOpen
      variant={props.variant ?? 'small'}
      onClose={props.closeButton ? props.onClose : undefined}
      onEscapePress={props.closeButton ? undefined : props.onClose}
      aria-labelledby={titleId}
    >
      <ModalHeader
        title={props.title}
        labelId={titleId}
        description={props.description}
        titleIconVariant={props.titleIconVariant}
      />
      <ModalBody>
        {props.error && (
          <Alert
            variant="danger"
            isInline
            title={props.errorTitle ?? props.error}
            className="vd-form-alert"
          >
            {props.errorTitle && props.error}
            <ErrorDetail detail={props.errorDetail} />
          </Alert>
        )}
        {props.plain ? (
          props.children
        ) : (
          <Form
            id={formId}
            onSubmit={(e) => {
              e.preventDefault();
              // Enter in a field submits too: not while the button cannot be pressed.
              if (!props.busy && !props.submitDisabled) props.onSubmit();
            }}
          >
            {props.children}
          </Form>
        )}
      </ModalBody>
      <ModalFooter>
        <Button
          variant={props.submitVariant ?? 'primary'}
          type={props.plain ? 'button' : 'submit'}
          form={props.plain ? undefined : formId}
          onClick={props.plain ? props.onSubmit : undefined}
          isLoading={props.busy}
          isDisabled={props.busy || props.submitDisabled}
        >
          {props.submitLabel}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
