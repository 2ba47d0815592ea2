/**
 * The cloud page's form as the API gets it: the upload's volume used as a path, the keys text as
 * one entry, the raw user-data only while its editor is on; the raw editor's starting text is
 * cloud-config (the header cloud-init needs, a YAML mapping); an upload's format told by its header.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  cloudSource,
  imageFormatOf,
  initialCloudForm,
  userDataTemplate,
} from '../../../src/renderer/views/new-vm/cloud/cloudForm';

const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB5buqA0bsU4u/Jr1pso+Jz7hBNA9xqtCmENupIGvk4v ana@laptop';

describe('cloud form', () => {
  it('an uploaded image is used by its volume path; empty fields are left out', () => {
    const source = cloudSource({
      ...initialCloudForm(),
      imageFrom: 'upload',
      imagePath: '/var/lib/libvirt/images/debian.qcow2',
      userData: '#cloud-config\n',
    });
    expect(source).toEqual({
      kind: 'cloud',
      image: { from: 'path', path: '/var/lib/libvirt/images/debian.qcow2' },
      diskMode: 'overlay',
      cloudInit: {
        userName: undefined,
        password: undefined,
        sshKeys: [],
        hostname: undefined,
        // The editor is off: its text is not sent.
        userData: undefined,
      },
    });
  });

  it("the raw editor's first text is cloud-config with the fields' choices", () => {
    const form = {
      ...initialCloudForm(),
      userName: 'ana',
      keysText: `${KEY}\n# old\n`,
      hostname: 'web',
    };
    const text = userDataTemplate(form);
    expect(text).toContain(KEY);
    const source = cloudSource({ ...form, editUserData: true, userData: text });
    expect(source.cloudInit.userData).toBe(text);
    expect(text.split('\n')[0]).toBe('#cloud-config');
    expect(parse(text)).toEqual({
      hostname: 'web',
      users: [
        'default',
        {
          name: 'ana',
          sudo: 'ALL=(ALL) NOPASSWD:ALL',
          shell: '/bin/bash',
          ssh_authorized_keys: [KEY],
        },
      ],
    });
  });

  it('an upload is qcow2 when its header says so, raw otherwise', async () => {
    const qcow2 = new Blob([new Uint8Array([0x51, 0x46, 0x49, 0xfb, 0, 0, 0, 3])]);
    await expect(imageFormatOf(qcow2)).resolves.toBe('qcow2');
    await expect(imageFormatOf(new Blob([new Uint8Array(512)]))).resolves.toBe('raw');
  });
});
