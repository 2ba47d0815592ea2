import type { Settings } from '../../../shared/api/types';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../api/apiError';
import type { AppStore } from '../../state/appStore';

/**
 * Applies `patch` at once (App applies the store's language and theme) and saves it; the backend
 * echoes the stored settings. On failure the previous settings come back with a notice. A
 * language saved here counts as chosen: the system language no longer replaces it.
 */
export function saveSettings(client: ApiClient, store: AppStore, patch: Partial<Settings>): void {
  const previous = store.settings.get();
  const chosen = patch.language ? { languageChosen: true } : {};
  store.settings.update((s) => (s ? { ...s, ...patch, ...chosen } : s));
  client.call('settings.update', patch).then(
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
