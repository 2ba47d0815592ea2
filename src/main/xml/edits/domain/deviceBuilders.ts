/**
 * Builders of the devices without rules of their own: RNG, watchdog, sound, input, video,
 * serial / console / channel, USB and PCI host devices, controllers. Each returns an XmlSpec for
 * addDevice (persistent XML) and specToXml (hot-attach), so both get the same device.
 */
import type { Element } from '@xmldom/xmldom';
import {
  WATCHDOG_ACTIONS,
  type ControllerRead,
  type HostdevRead,
} from '../../../../shared/api/vmDetailsTypes';
import { x, type XmlSpec } from '../../xmlBuild';
import { attribute, firstChild } from '../../xmlDocument';
import {
  checkAbsolutePath,
  checkInt,
  checkOneOf,
  invalidInput,
} from '../../../../shared/inputChecks';
import { devicesNamed } from './domainOrder';
import {
  WATCHDOG_MODELS,
  SOUND_MODELS,
  VIDEO_MODELS,
  CONTROLLER_TYPES,
} from '../../../../shared/deviceOptions';
export { WATCHDOG_MODELS, SOUND_MODELS, VIDEO_MODELS, CONTROLLER_TYPES };

export function rngXml(
  opts: {
    backend?: '/dev/urandom' | '/dev/random' | '/dev/hwrng';
    model?: 'virtio' | 'virtio-transitional' | 'virtio-non-transitional';
  } = {},
): XmlSpec {
  const backend = checkOneOf(
    opts.backend ?? '/dev/urandom',
    ['/dev/urandom', '/dev/random', '/dev/hwrng'],
    'RNG source',
    'backend',
  );
  return x('rng', { model: opts.model ?? 'virtio' }, [
    x('backend', { model: 'random' }, [], backend),
  ]);
}

export function watchdogXml(opts: {
  model: (typeof WATCHDOG_MODELS)[number];
  action: (typeof WATCHDOG_ACTIONS)[number];
}): XmlSpec {
  checkOneOf(opts.model, WATCHDOG_MODELS, 'Watchdog model', 'model');
  checkOneOf(opts.action, WATCHDOG_ACTIONS, 'Watchdog action', 'action');
  return x('watchdog', { model: opts.model, action: opts.action });
}

export function soundXml(model: (typeof SOUND_MODELS)[number]): XmlSpec {
  return x('sound', { model: checkOneOf(model, SOUND_MODELS, 'Sound model', 'model') });
}

export function inputXml(opts: {
  type: 'tablet' | 'mouse' | 'keyboard';
  bus: 'usb' | 'virtio' | 'ps2';
}): XmlSpec {
  checkOneOf(opts.type, ['tablet', 'mouse', 'keyboard'], 'Input type', 'type');
  checkOneOf(opts.bus, ['usb', 'virtio', 'ps2'], 'Input bus', 'bus');
  if (opts.type === 'tablet' && opts.bus === 'ps2')
    throw invalidInput('A tablet cannot be on PS/2', 'bus');
  return x('input', { type: opts.type, bus: opts.bus });
}

export function videoXml(opts: {
  model: (typeof VIDEO_MODELS)[number];
  heads?: number;
  accel3d?: boolean;
}): XmlSpec {
  checkOneOf(opts.model, VIDEO_MODELS, 'Video model', 'model');
  if (opts.heads !== undefined) checkInt(opts.heads, 'Heads', 'heads', 1, 16);
  if (opts.accel3d && opts.model !== 'virtio')
    throw invalidInput('3D acceleration needs the virtio model', 'accel3d');
  return x('video', {}, [
    x(
      'model',
      {
        type: opts.model,
        heads: opts.model === 'none' ? undefined : (opts.heads ?? 1),
        primary: opts.model === 'none' ? undefined : 'yes',
      },
      [opts.accel3d === true && x('acceleration', { accel3d: 'yes' })],
    ),
  ]);
}

/** A serial port or console on a host pty (what libvirt's console stream opens). */
export function serialXml(
  opts: {
    kind: 'serial' | 'console';
    targetType?: 'isa-serial' | 'pci-serial' | 'usb-serial' | 'virtio' | 'serial';
    port?: number;
  } = { kind: 'serial' },
): XmlSpec {
  checkOneOf(opts.kind, ['serial', 'console'], 'Device', 'kind');
  if (opts.port !== undefined) checkInt(opts.port, 'Port', 'port', 0, 31);
  return x(opts.kind, { type: 'pty' }, [x('target', { type: opts.targetType, port: opts.port })]);
}

/**
 * A virtio channel: the QEMU guest agent, SPICE's vdagent (clipboard, resize), QEMU's own vdagent
 * (the same guest agent's clipboard for a VNC display: libvirt >= 8.4, QEMU >= 6.1), or a named one.
 */
export function channelXml(
  kind: 'guest-agent' | 'spice-vdagent' | 'qemu-vdagent' | { name: string },
): XmlSpec {
  if (kind === 'guest-agent')
    return x('channel', { type: 'unix' }, [
      x('target', { type: 'virtio', name: 'org.qemu.guest_agent.0' }),
    ]);
  if (kind === 'spice-vdagent')
    return x('channel', { type: 'spicevmc' }, [
      x('target', { type: 'virtio', name: 'com.redhat.spice.0' }),
    ]);
  if (kind === 'qemu-vdagent')
    return x('channel', { type: 'qemu-vdagent' }, [
      x('source', {}, [x('clipboard', { copypaste: 'yes' }), x('mouse', { mode: 'client' })]),
      x('target', { type: 'virtio', name: 'com.redhat.spice.0' }),
    ]);
  if (!/^[A-Za-z0-9_.-]+$/.test(kind.name))
    throw invalidInput(`"${kind.name}" is not a channel name`, 'name');
  return x('channel', { type: 'pty' }, [x('target', { type: 'virtio', name: kind.name })]);
}

function hex(value: string, digits: number, what: string, field: string): string {
  const v = value.toLowerCase().replace(/^0x/, '');
  if (!new RegExp(`^[0-9a-f]{1,${digits}}$`).test(v))
    throw invalidInput(`${what} must be a hex number of up to ${digits} digits`, field);
  return `0x${v.padStart(digits, '0')}`;
}

/** A USB device of the host, by vendor:product id (or bus/device when two are the same). */
export function usbHostdevXml(
  dev: { vendor: string; product: string } | { bus: number; device: number },
): XmlSpec {
  const source =
    'vendor' in dev
      ? [
          x('vendor', { id: hex(dev.vendor, 4, 'Vendor id', 'vendor') }),
          x('product', { id: hex(dev.product, 4, 'Product id', 'product') }),
        ]
      : [
          x('address', {
            bus: checkInt(dev.bus, 'USB bus', 'bus', 0, 255),
            device: checkInt(dev.device, 'USB device', 'device', 0, 255),
          }),
        ];
  return x('hostdev', { mode: 'subsystem', type: 'usb', managed: 'yes' }, [
    x('source', {}, source),
  ]);
}

/** A PCI device of the host, by address ("0000:01:00.0"). */
export function pciHostdevXml(address: string): XmlSpec {
  const m = /^(?:([0-9a-f]{1,4}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-7])$/i.exec(address.trim());
  if (!m) throw invalidInput(`"${address}" is not a PCI address (0000:01:00.0)`, 'address');
  const [, domain = '0', bus = '0', slot = '0', fn = '0'] = m;
  return x('hostdev', { mode: 'subsystem', type: 'pci', managed: 'yes' }, [
    x('source', {}, [
      x('address', {
        domain: hex(domain, 4, 'PCI domain', 'address'),
        bus: hex(bus, 2, 'PCI bus', 'address'),
        slot: hex(slot, 2, 'PCI slot', 'address'),
        function: `0x${fn}`,
      }),
    ]),
  ]);
}

export function controllerXml(opts: {
  type: (typeof CONTROLLER_TYPES)[number];
  index: number;
  model?: string;
}): XmlSpec {
  checkOneOf(opts.type, CONTROLLER_TYPES, 'Controller type', 'type');
  checkInt(opts.index, 'Controller index', 'index', 0, 255);
  if (opts.model !== undefined && !/^[A-Za-z0-9_-]+$/.test(opts.model))
    throw invalidInput(`"${opts.model}" is not a controller model`, 'model');
  return x('controller', { type: opts.type, index: opts.index, model: opts.model });
}

/** A host directory shared with the guest over virtiofs (needs shared memory; see filesystem.ts). */
export function virtiofsXml(opts: { source: string; target: string; readonly?: boolean }): XmlSpec {
  checkAbsolutePath(opts.source, 'The shared directory', 'source');
  if (!/^[^\s/]{1,36}$/.test(opts.target))
    throw invalidInput('The mount tag is 1-36 characters, no spaces or "/"', 'target');
  return x('filesystem', { type: 'mount', accessmode: 'passthrough' }, [
    x('driver', { type: 'virtiofs' }),
    x('source', { dir: opts.source }),
    x('target', { dir: opts.target }),
    opts.readonly === true && x('readonly'),
  ]);
}

/** Refuses devices that would clash with what the domain has (a second watchdog, a taken index). */
export function checkDeviceLimits(domain: Element, spec: XmlSpec): void {
  const same = devicesNamed(domain, spec.name);
  const a = spec.attrs ?? {};
  if (
    spec.name === 'controller' &&
    same.some(
      (c) => c.getAttribute('type') === a.type && c.getAttribute('index') === String(a.index),
    )
  ) {
    throw invalidInput(
      `The guest already has ${String(a.type)} controller ${String(a.index)}`,
      'index',
    );
  }
  if (spec.name === 'filesystem') {
    const tag = (spec.children ?? []).find((c) => c && c.name === 'target');
    const dir = tag ? tag.attrs?.dir : undefined;
    if (same.some((f) => f.getElementsByTagName('target')[0]?.getAttribute('dir') === dir)) {
      throw invalidInput(`The mount tag "${String(dir)}" is already used`, 'target');
    }
  }
}

/** A host device as the card shows it: VENDOR:PRODUCT, or its address (labelled by its type). */
export function readHostdev(el: Element): HostdevRead & { label: string } {
  const from = firstChild(el, 'source') ?? el;
  const addr = firstChild(from, 'address');
  const vendor = attribute(firstChild(from, 'vendor'), 'id');
  const product = attribute(firstChild(from, 'product'), 'id');
  const address = addr
    ? ['domain', 'bus', 'slot', 'function']
        .map((n) => attribute(addr, n))
        .filter((v) => v !== undefined)
        .join(':')
    : undefined;
  return {
    kind: 'hostdev',
    label: el.getAttribute('type') ?? '',
    type: attribute(el, 'type'),
    source: vendor !== undefined ? `${vendor}:${product ?? ''}` : address,
  };
}

/** A controller's type, model and index (labelled "usb 0"). */
export function readController(el: Element): ControllerRead & { label: string } {
  return {
    kind: 'controller',
    label: `${el.getAttribute('type') ?? ''} ${el.getAttribute('index') ?? ''}`.trim(),
    type: attribute(el, 'type'),
    model: attribute(el, 'model'),
    index: attribute(el, 'index'),
  };
}
