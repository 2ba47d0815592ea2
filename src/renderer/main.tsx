import '@patternfly/react-core/dist/styles/base.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startClient } from './api/startClient';
import { App } from './App';
import { initI18n } from './i18n/i18n';
import { createAppStore } from './state/appStore';
import { ServicesProvider } from './state/context';
import { createQueries, syncQueries } from './state/queries';
import { syncStore } from './state/sync';

initI18n();
const client = startClient();
const store = createAppStore();
syncStore(client, store);
const queries = createQueries();
syncQueries(client, queries);

// Stats polling pauses while the window is hidden: nothing on screen needs it.
const reportVisibility = () => {
  client
    .call('stats.setActive', { active: document.visibilityState === 'visible' })
    .catch(() => {});
};
document.addEventListener('visibilitychange', reportVisibility);
reportVisibility();
// A reconnected backend may have forgotten; tell it again.
client.onLink((state) => state === 'open' && reportVisibility());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ServicesProvider client={client} store={store} queries={queries}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
}
