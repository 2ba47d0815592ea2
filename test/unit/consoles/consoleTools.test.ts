import { describe, expect, it } from 'vitest';
import { ByteHistory } from '../../../src/main/consoles/serialHistory';
import { clipboardAgentOf } from '../../../src/main/services/clipboardAgent';
import { cutClipboard } from '../../../src/renderer/views/console/clipboard';
import { historyNotice } from '../../../src/renderer/views/console/serialNotice';
import { viewerFileText } from '../../../src/shared/viewerFile';

describe('clipboard limit', () => {
  it('keeps text within the limit whole', () => {
    expect(cutClipboard('hello', 5)).toEqual({ text: 'hello', cut: false });
  });

  it('cuts longer text at the limit in UTF-8 bytes, never inside a character', () => {
    // "ü" is two bytes: 4 bytes hold "aü" and half of the next "ü", which is left out.
    expect(cutClipboard('aüü', 4)).toEqual({ text: 'aü', cut: true });
    // A 4-byte emoji at the boundary goes whole.
    expect(cutClipboard('ab😀', 5)).toEqual({ text: 'ab', cut: true });
  });

  it('cuts 1 MiB and more by default', () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const { text, cut } = cutClipboard(big);
    expect(cut).toBe(true);
    expect(text.length).toBe(1024 * 1024);
  });
});

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

  it('reads the gateway notice frame, and nothing else, as a drop', () => {
    expect(historyNotice('{"historyDropped":300}')).toBe(300);
    expect(historyNotice('{"other":1}')).toBeUndefined();
    expect(historyNotice('not json')).toBeUndefined();
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
