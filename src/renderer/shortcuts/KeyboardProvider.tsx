import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LifecycleAction, VmSummary } from '../../shared/api/types';
import { CONFIRMED_ACTIONS } from '../../shared/vmActions';
import { ConfirmActionModal } from '../components/lifecycle/ConfirmActionModal';
import { actionTargets } from '../components/lifecycle/lifecyclePlan';
import { useRunAction } from '../components/lifecycle/useLifecycle';
import { consoleHash, vmHash } from '../routes';
import { useStore } from '../state/context';
import { vmKey } from '../state/vmKey';
import { navigate } from '../useRoute';
import { CommandPalette } from './CommandPalette';
import { matches, SHORTCUTS, type ShortcutId } from './registry';

interface Keyboard {
  /** A view offers what a shortcut does on it (New VM on the list, Delete with its dialog). */
  register(id: ShortcutId, run: () => void): () => void;
  /** The VMs the shortcuts act on (the list's selection, the VM of its page), by key. */
  setTarget(keys: readonly string[]): void;
  openPalette(): void;
}

const KeyboardContext = createContext<Keyboard | null>(null);

function useKeyboard(): Keyboard {
  const keyboard = useContext(KeyboardContext);
  if (!keyboard) throw new Error('KeyboardProvider is missing');
  return keyboard;
}

/** Offers `run` for shortcut `id` while mounted (undefined: not offered here now). */
export function useShortcutHandler(id: ShortcutId, run: (() => void) | undefined): void {
  const { register } = useKeyboard();
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const offered = run !== undefined;
  useEffect(
    () => (offered ? register(id, () => latest.current?.()) : undefined),
    [register, id, offered],
  );
}

/** Makes these VMs the shortcuts' target while mounted. */
export function useShortcutTarget(vms: readonly VmSummary[]): void {
  const { setTarget } = useKeyboard();
  const keys = vms.map((vm) => vmKey(vm.connectionId, vm.uuid)).join('\0');
  useEffect(() => {
    setTarget(keys ? keys.split('\0') : []);
    return () => setTarget([]);
  }, [setTarget, keys]);
}

/** Keys a text field, a terminal or a guest's screen needs for itself. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('.vd-console-screen')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** A dialog is open: a shortcut must not act on the page behind it. */
const dialogOpen = () => document.querySelector('[aria-modal="true"]') !== null;

/**
 * Runs the shortcuts of registry.ts: one keydown listener for the window, the command palette,
 * and the confirmation the lifecycle buttons ask for.
 */
export function KeyboardProvider({ children }: { children: ReactNode }) {
  const store = useStore();
  const runAction = useRunAction();
  const handlers = useRef(new Map<ShortcutId, () => void>());
  const target = useRef<readonly string[]>([]);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [confirm, setConfirm] = useState<{ action: LifecycleAction; vms: VmSummary[] } | null>(
    null,
  );

  const lifecycle = useCallback(
    (action: LifecycleAction, vms: readonly VmSummary[]) => {
      const connected = (vm: VmSummary) =>
        store.hosts.get().get(vm.connectionId)?.phase === 'connected';
      const targets = actionTargets(action, vms, store.inflight.get(), connected);
      // Refused: the backend says why, in the words a click would have got (shared/vmActions).
      if (targets.length === 0) runAction(action, vms);
      else if (CONFIRMED_ACTIONS.includes(action)) setConfirm({ action, vms: targets });
      else runAction(action, targets);
    },
    [store, runAction],
  );

  const keyboard = useMemo<Keyboard>(
    () => ({
      register(id, run) {
        handlers.current.set(id, run);
        return () => {
          if (handlers.current.get(id) === run) handlers.current.delete(id);
        };
      },
      setTarget(keys) {
        target.current = keys;
      },
      openPalette: () => setPaletteOpen(true),
    }),
    [],
  );

  useEffect(() => {
    const targetVms = () => {
      const vms = store.vms.get();
      return target.current.flatMap((key) => {
        const vm = vms.get(key);
        return vm ? [vm] : [];
      });
    };
    const defaults: Partial<Record<ShortcutId, () => void>> = {
      palette: () => setPaletteOpen((open) => !open),
      openConsole: () => {
        const vm = targetVms()[0];
        if (vm) navigate(consoleHash(vm.connectionId, vm.uuid));
      },
      details: () => {
        const vm = targetVms()[0];
        if (vm) navigate(vmHash(vm.connectionId, vm.uuid));
      },
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const shortcut = SHORTCUTS.find((s) => !s.electronOnly && matches(s, event));
      if (!shortcut) return;
      if (!shortcut.inTextFields && (typingInto(event.target) || dialogOpen())) return;
      const run = shortcut.lifecycle
        ? () => {
            const vms = targetVms();
            if (shortcut.lifecycle && vms.length > 0) lifecycle(shortcut.lifecycle, vms);
          }
        : (handlers.current.get(shortcut.id) ?? defaults[shortcut.id]);
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, lifecycle]);

  return (
    <KeyboardContext.Provider value={keyboard}>
      {children}
      {paletteOpen && (
        <CommandPalette onClose={() => setPaletteOpen(false)} lifecycle={lifecycle} />
      )}
      {confirm && (
        <ConfirmActionModal
          action={confirm.action}
          vms={confirm.vms}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            runAction(confirm.action, confirm.vms);
            setConfirm(null);
          }}
        />
      )}
    </KeyboardContext.Provider>
  );
}
