import type { ConnectionForm, ConnectionSuggestion } from '../../../shared/api/types';
import { describeConnectionUri } from '../../../shared/connectionForm';

/** The form that adds a first-run suggestion as it is: its URI, autoconnect on. */
export function suggestionForm(suggestion: ConnectionSuggestion): ConnectionForm {
  return {
    hypervisor: suggestion.kind === 'demo' ? 'test' : 'qemu-system',
    remote: false,
    customUri: suggestion.uri,
    autoconnect: true,
  };
}

export function suggestionHypervisor(suggestion: ConnectionSuggestion): string {
  return describeConnectionUri(suggestion.uri).hypervisor;
}
