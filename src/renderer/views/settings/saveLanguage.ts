import type { Language } from '../../../shared/api/types';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../api/apiError';
import type { AppStore } from '../../state/appStore';

/**
 * Switches the UI to `next` at once (App applies the store's language) and saves it; the backend
 * echoes the stored settings. On failure the previous language comes back with a notice.
 */
export function saveLanguage(client: ApiClient, store: AppStore, next: Language): void {
  const previous = store.settings.get();
  store.settings.update((s) => (s ? { ...s, language: next, languageChosen: true } : s));
  client.call('settings.update', { language: next }).then(
    (settings) => store.settings.set(settings),
    (err: unknown) => {
      store.settings.set(previous);
      store.notify({
        variant: 'danger',
        titleKey: 'settings:saveFailed',
        message: errorMessage(err),
      });
    },
  );
}
