/** The cloud image source's part of the wizard form, and its API options. */
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';

export interface CloudForm {
  /** `upload`: a file from this computer, uploaded into a pool; its volume's path is then used. */
  imageFrom: 'path' | 'url' | 'upload';
  imagePath: string;
  imageUrl: string;
  diskMode: 'overlay' | 'copy';
  userName: string;
  password: string;
  /** OpenSSH public key lines, one a line: pasted, read from files, or from the agent. */
  keysText: string;
  hostname: string;
  /** The raw user-data editor is open: its text is used instead of the fields above. */
  editUserData: boolean;
  userData: string;
}

export function initialCloudForm(): CloudForm {
  return {
    imageFrom: 'path',
    imagePath: '',
    imageUrl: '',
    diskMode: 'overlay',
    userName: '',
    password: '',
    keysText: '',
    hostname: '',
    editUserData: false,
    userData: '',
  };
}

/** What the raw editor starts with: the fields' choices as cloud-config (no password). */
export function userDataTemplate(f: CloudForm): string {
  const keys = f.keysText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const lines = ['#cloud-config'];
  if (f.hostname.trim()) lines.push(`hostname: ${f.hostname.trim()}`);
  if (f.userName.trim()) {
    lines.push('users:', '  - default', `  - name: ${f.userName.trim()}`);
    lines.push('    sudo: ALL=(ALL) NOPASSWD:ALL', '    shell: /bin/bash');
    if (keys.length > 0) lines.push('    ssh_authorized_keys:', ...keys.map((k) => `      - ${k}`));
  } else if (keys.length > 0) {
    lines.push('ssh_authorized_keys:', ...keys.map((k) => `  - ${k}`));
  }
  return `${lines.join('\n')}\n`;
}

export function cloudSource(f: CloudForm): Extract<NewVmOptions['source'], { kind: 'cloud' }> {
  return {
    kind: 'cloud',
    image:
      f.imageFrom === 'url'
        ? { from: 'url', url: f.imageUrl }
        : { from: 'path', path: f.imagePath },
    diskMode: f.diskMode,
    cloudInit: {
      userName: f.userName.trim() || undefined,
      password: f.password || undefined,
      sshKeys: f.keysText.trim() ? [f.keysText] : [],
      hostname: f.hostname.trim() || undefined,
      userData: f.editUserData && f.userData.trim() ? f.userData : undefined,
    },
  };
}

/** A qcow2 image starts with "QFI\xfb"; anything else uploads as raw. */
export async function imageFormatOf(file: Blob): Promise<'qcow2' | 'raw'> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x51 && head[1] === 0x46 && head[2] === 0x49 && head[3] === 0xfb
    ? 'qcow2'
    : 'raw';
}
