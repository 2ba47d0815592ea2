/** The cloud image source's part of the wizard form, and its API options. Being built (issue 17). */
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';

export interface CloudForm {
  imageFrom: 'path' | 'url';
  imagePath: string;
  imageUrl: string;
  diskMode: 'overlay' | 'copy';
  userName: string;
  password: string;
  sshKeys: string[];
  hostname: string;
  /** The raw user-data editor's text; used instead of the fields above when set. */
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
    sshKeys: [],
    hostname: '',
    userData: '',
  };
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
      sshKeys: f.sshKeys,
      hostname: f.hostname.trim() || undefined,
      userData: f.userData.trim() ? f.userData : undefined,
    },
  };
}
