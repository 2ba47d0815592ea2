import { describe, expect, it } from 'vitest';
import { cutClipboard } from '../../../src/renderer/views/console/clipboard';
import { historyNotice } from '../../../src/renderer/views/console/serialNotice';

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

describe('serial history notice', () => {
  it('reads the gateway notice frame, and nothing else, as a drop', () => {
    expect(historyNotice('{"historyDropped":300}')).toBe(300);
    expect(historyNotice('{"other":1}')).toBeUndefined();
    expect(historyNotice('not json')).toBeUndefined();
  });
});
