import {
  Button,
  Card,
  CardBody,
  CardFooter,
  CardTitle,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Gallery,
  PageSection,
  Spinner,
} from '@patternfly/react-core';
import CogIcon from '@patternfly/react-icons/dist/esm/icons/cog-icon';
import ServerIcon from '@patternfly/react-icons/dist/esm/icons/server-icon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionSuggestion } from '../../../shared/api/types';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { suggestionForm, suggestionHypervisor } from './suggestionForm';

/** No saved connection yet: offer this machine's libvirt and the demo driver, or any host. */
export function FirstRun({
  onAddConnection,
  onSettings,
}: {
  onAddConnection: () => void;
  onSettings: () => void;
}) {
  const { t } = useTranslation('connections');
  const client = useClient();
  const store = useStore();
  const asked = useApiQuery('connections.suggestions', null);
  // Suggestions are a shortcut: when they cannot be read, the page offers none.
  const suggestions = asked.error ? [] : asked.data;
  const [adding, setAdding] = useState<string | null>(null);

  const add = (s: ConnectionSuggestion) => {
    setAdding(s.uri);
    client
      .call('connections.add', { form: suggestionForm(s), connect: true })
      .catch((err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: 'connections:failed.add',
          params: { label: s.uri },
          message: errorMessage(err),
        }),
      )
      .finally(() => setAdding(null));
  };

  return (
    <PageSection isFilled>
      <EmptyState titleText={t('firstRun.title')} headingLevel="h1" icon={ServerIcon} variant="lg">
        <EmptyStateBody>{t('firstRun.text')}</EmptyStateBody>
        {suggestions === undefined ? (
          <Spinner size="lg" aria-label={t('firstRun.loading')} />
        ) : (
          <Gallery hasGutter className="vd-suggestions" minWidths={{ default: '260px' }}>
            {suggestions.map((s) => (
              <Card key={s.uri} isCompact>
                <CardTitle>
                  {s.kind === 'demo' ? t('firstRun.demoTitle') : suggestionHypervisor(s)}
                </CardTitle>
                <CardBody>
                  <code className="vd-uri">{s.uri}</code>
                  <p className="vd-muted">
                    {t(
                      `firstRun.note.${s.kind === 'demo' ? 'demo' : s.uri.endsWith('/system') ? 'system' : 'session'}`,
                    )}
                  </p>
                </CardBody>
                <CardFooter>
                  <Button
                    className="vd-suggestion-add"
                    variant={s.kind === 'local' ? 'primary' : 'secondary'}
                    isLoading={adding === s.uri}
                    isDisabled={adding !== null}
                    onClick={() => add(s)}
                  >
                    {s.kind === 'demo'
                      ? t('firstRun.addDemo')
                      : t('firstRun.addLocal', { hypervisor: suggestionHypervisor(s), uri: s.uri })}
                  </Button>
                </CardFooter>
              </Card>
            ))}
          </Gallery>
        )}
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="primary" onClick={onAddConnection}>
              {t('addConnection')}
            </Button>
            <Button variant="link" icon={<CogIcon />} onClick={onSettings}>
              {t('settings:title')}
            </Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
}
