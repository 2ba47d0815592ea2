import { describe, expect, it } from 'vitest';
import { ByteHistory } from '../../../src/main/consoles/serialHistory';
import { clipboardAgentOf } from '../../../src/main/services/clipboardAgent';
import { viewerFileText } from '../../../src/shared/viewerFile';

describe('remote-viewer .vv file', () => {
  it('points at the loopback forward, with the password and a one-line title', () => {
    expect(
      viewerFileText({ type: 'vnc', port: 40123, title: "web 'ü'\n$(x)", password: 'p\nw' }),
    ).toBe(
      '[virt-viewer]\ntype=vnc\nhost=127.0.0.1\nport=40123\npassword=p w\n' +
        "title=web 'ü' $(x)\ndelete-this-file=1\n",
    );
  });

  it('has no password line for a display without one', () => {
    expect(viewerFileText({ type: 'spice', port: 1, title: 't' })).not.toContain('password');
  });
});

describe('serial history', () => {
  it('keeps the last bytes and counts what it dropped', () => {
    const history = new ByteHistory(8);
    history.append(Buffer.from('12345'));
    history.append(Buffer.from('6789'));
    expect(history.bytes.toString()).toBe('23456789');
    expect(history.dropped).toBe(1);
    history.append(Buffer.from('abcdefghij'));
    expect(history.bytes.toString()).toBe('cdefghij');
    expect(history.dropped).toBe(11);
  });
});

describe('clipboard agent channel', () => {
  const domain = (channel: string) => `<domain><devices>${channel}</devices></domain>`;
  it('says none, disconnected or connected from the live XML', () => {
    expect(clipboardAgentOf(domain(''))).toBe('none');
    const vdagent = (state: string) =>
      domain(
        `<channel type='qemu-vdagent'><source><clipboard copypaste='yes'/></source>` +
          `<target type='virtio' name='com.redhat.spice.0' ${state}/></channel>`,
      );
    expect(clipboardAgentOf(vdagent("state='disconnected'"))).toBe('disconnected');
    expect(clipboardAgentOf(vdagent("state='connected'"))).toBe('connected');
    expect(clipboardAgentOf(vdagent(''))).toBe('unknown');
    // SPICE's own vdagent channel does not serve a VNC display's clipboard.
    expect(
      clipboardAgentOf(
        domain(
          `<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>`,
        ),
      ),
    ).toBe('none');
  });
});
