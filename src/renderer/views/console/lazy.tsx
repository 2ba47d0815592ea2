import { Spinner } from '@patternfly/react-core';
import { lazy, Suspense, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

// noVNC, xterm.js and spice-html5 load with the first console opened, not with the VM list.
const ConsoleViewImpl = lazy(() =>
  import('./ConsoleView').then((m) => ({ default: m.ConsoleView })),
);
const ConsolePageImpl = lazy(() =>
  import('./ConsolePage').then((m) => ({ default: m.ConsolePage })),
);

function Loading() {
  const { t } = useTranslation('console');
  return <Spinner aria-label={t('loading')} className="vd-console-spinner" />;
}

export function ConsoleView(props: ComponentProps<typeof ConsoleViewImpl>) {
  return (
    <Suspense fallback={<Loading />}>
      <ConsoleViewImpl {...props} />
    </Suspense>
  );
}

export function ConsolePage(props: ComponentProps<typeof ConsolePageImpl>) {
  return (
    <Suspense fallback={<Loading />}>
      <ConsolePageImpl {...props} />
    </Suspense>
  );
}
