import { useSyncExternalStore } from 'react';
import { parseHash, type Route } from './routes';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, getHash);
  return parseHash(hash);
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
