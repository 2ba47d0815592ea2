import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
  TextArea,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';

/**
 * The dialog around a text the host gives (an object's XML, a VM's native config): a spinner
 * while it is read, then the body (the text, an editor, errors), and the footer's buttons with
 * Close last. `<id>-title` names the dialog.
 */
export function TextModal(props: {
  id: string;
  title: string;
  /** The spinner shows while `loading`, named `loadingLabel`. */
  loading: boolean;
  loadingLabel: string;
  closeLabel: string;
  onClose(): void;
  /** Buttons before Close (an editor's Define and Revert). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const titleId = `${props.id}-title`;
  return (
    <Modal isOpen variant="large" onClose={props.onClose} aria-labelledby={titleId}>
      <ModalHeader title={props.title} labelId={titleId} />
      <ModalBody>
        {props.loading && <Spinner size="lg" aria-label={props.loadingLabel} />}
        {props.children}
      </ModalBody>
      <ModalFooter>
        {props.actions}
        <Button variant="link" onClick={props.onClose}>
          {props.closeLabel}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** A text shown read-only in a TextModal, in the XML views' monospace style. */
export function ReadOnlyText(props: { label: string; value: string; wrap?: 'off' }) {
  return (
    <TextArea
      aria-label={props.label}
      className="vd-xml"
      value={props.value}
      rows={24}
      wrap={props.wrap}
      readOnlyVariant="default"
    />
  );
}
