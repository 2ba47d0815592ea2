/**
 * What the seed says and what the Source page refuses: user-data built from the fields (YAML
 * parsed back, not string-matched), the checks of user, password, keys, hostname and raw
 * user-data (with the line at fault), and the keys of a real ssh-agent.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agentPublicKeys } from '../../../src/main/services/newVm/cloudInit/agentKeys';
import { sha512Crypt } from '../../../src/main/services/newVm/cloudInit/sha512Crypt';
import {
  cloudInitProblems,
  defaultHostname,
  seedTexts,
} from '../../../src/main/services/newVm/cloudInit/userData';

const work = mkdtempSync(join(tmpdir(), 'cloud-unit-keys-'));
const keyFile = join(work, 'id ed25519 "q"');
let edKey: string;
let rsaKey: string;

beforeAll(() => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ana@laptop', '-f', keyFile]);
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', `${keyFile}-rsa`]);
  edKey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
  rsaKey = readFileSync(`${keyFile}-rsa.pub`, 'utf8').trim();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('user-data from the fields', () => {
  it('a user with a hashed password, keys, sudo, password login and the hostname', () => {
    const password = 'pa"ss: $(x) #1';
    const texts = seedTexts(
      {
        userName: 'ana',
        password,
        sshKeys: [`${edKey}\n\n# a comment\n${rsaKey}`],
        hostname: 'web-1',
      },
      'My VM',
    );
    expect(texts.userData.startsWith('#cloud-config\n')).toBe(true);
    expect(texts.userData).not.toContain(password);
    const config = parse(texts.userData) as Record<string, unknown>;
    const users = config.users as [string, Record<string, unknown>];
    expect(users[0]).toBe('default');
    const user = users[1];
    expect(user).toMatchObject({
      name: 'ana',
      lock_passwd: false,
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      ssh_authorized_keys: [edKey, rsaKey],
    });
    const hash = String(user.passwd);
    expect(sha512Crypt(password, hash.split('$')[2] ?? '')).toBe(hash);
    expect(config).toMatchObject({
      hostname: 'web-1',
      ssh_pwauth: true,
      chpasswd: { expire: false },
    });
    expect(parse(texts.metaData)).toEqual({
      'instance-id': texts.instanceId,
      'local-hostname': 'web-1',
    });
  });

  it("keys without a user go to the image's default user; no password login", () => {
    const config = parse(seedTexts({ sshKeys: [edKey] }, 'vm').userData) as Record<string, unknown>;
    expect(config).toEqual({ hostname: 'vm', ssh_authorized_keys: [edKey] });
  });

  it('the raw user-data is used as typed; each VM gets its own instance id', () => {
    const raw = '#cloud-config\npackages: [htop]\n';
    const a = seedTexts({ sshKeys: [edKey], userData: raw }, 'vm');
    const b = seedTexts({ sshKeys: [], userData: raw }, 'vm');
    expect(a.userData).toBe(raw);
    expect(a.instanceId).not.toBe(b.instanceId);
  });

  it('a VM name becomes a hostname', () => {
    expect(defaultHostname('Web server "prod" ☁ 2')).toBe('Web-server-prod-2');
    expect(defaultHostname('☁☁')).toBe('cloud-vm');
  });
});

describe('cloud-init field checks', () => {
  it('all well: nothing said', () => {
    expect(cloudInitProblems({ userName: 'ana', password: 'x', sshKeys: [edKey] })).toEqual({});
    expect(cloudInitProblems({ sshKeys: [] })).toEqual({});
  });

  it('a user without a password, a password without a user', () => {
    expect(cloudInitProblems({ userName: 'ana', sshKeys: [] })).toEqual({
      'source.cloudPassword': "Give ana's password",
    });
    expect(cloudInitProblems({ password: 'x', sshKeys: [] })).toEqual({
      'source.cloudUser': 'Name the user the password is for',
    });
  });

  it('a user name useradd refuses, a hostname that is not one', () => {
    const fields = cloudInitProblems({
      userName: 'ana; rm -rf /',
      password: 'x',
      sshKeys: [],
      hostname: 'web_1.example',
    });
    expect(Object.keys(fields).sort()).toEqual(['source.cloudHostname', 'source.cloudUser']);
  });

  it('each key that does not parse is named by its number and start; a private key is refused', () => {
    const privateKey = readFileSync(keyFile, 'utf8');
    const fields = cloudInitProblems({
      sshKeys: [`${edKey}\nssh-ed25519 AAAAC3Nza-broken x@y`, privateKey],
    });
    expect(fields['source.cloudKeys']).toMatch(
      /^Key 2 \("ssh-ed25519 AAAAC3Nza-broken x@y"\) is not an OpenSSH public key .*; Key 3 \("-----BEGIN OPENSSH PRIVATE KEY-----"\) is a private key/,
    );
  });

  it.each([
    ['users:\n  - name: a\n', /^Line 1: start the user-data with "#cloud-config"/],
    ['#cloud-config\nusers:\n  - name: a\n   b: c\n', /^Line 4: /],
    ['#cloud-config\n"unclosed\n', /^Line \d: Missing closing "quote/],
    ['#cloud-config\n- a\n- b\n', /must be a YAML mapping/],
  ])('raw user-data %j is refused', (userData, message) => {
    expect(cloudInitProblems({ sshKeys: [], userData })['source.cloudUserData']).toMatch(message);
  });

  it('a script is user-data too', () => {
    expect(cloudInitProblems({ sshKeys: [], userData: '#!/bin/sh\necho hi\n' })).toEqual({});
  });
});

describe("the SSH agent's keys", () => {
  it('lists the public keys a real ssh-agent holds, as authorized_keys lines', async () => {
    const socket = join(work, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      execFileSync('ssh-add', [keyFile], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      const keys = await agentPublicKeys(socket);
      expect(keys).toEqual([{ type: 'ssh-ed25519', comment: 'ana@laptop', line: edKey }]);
    } finally {
      agent.kill();
    }
  });

  it('no agent: a clear message', async () => {
    await expect(agentPublicKeys(join(work, 'no-such.sock'))).rejects.toThrow(
      /The SSH agent did not answer/,
    );
  });
});
