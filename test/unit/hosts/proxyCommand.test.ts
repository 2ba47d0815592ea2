import { describe, expect, it } from 'vitest';
import { proxyCommandArgv } from '../../../src/main/hosts/ssh/proxyCommand';

const tokens = { h: 'kvm.example', p: '2222', r: 'admin', n: 'kvm' };

describe('proxyCommandArgv', () => {
  it('splits plain words without a shell, expanding %h %p %r %n and %% inside each word', () => {
    expect(proxyCommandArgv('nc  %h\t%p', tokens, 'kvm')).toEqual(['nc', 'kvm.example', '2222']);
    expect(proxyCommandArgv('ssh -W %h:%p %r@bastion -o X=%%', tokens, 'kvm')).toEqual(
      // "=" is shell syntax in an assignment, so this one goes through the shell.
      ['/bin/sh', '-c', 'exec ssh -W kvm.example:2222 admin@bastion -o X=%'],
    );
    expect(proxyCommandArgv('corkscrew proxy 3128 %h %p %n%%', tokens, 'kvm')).toEqual([
      'corkscrew',
      'proxy',
      '3128',
      'kvm.example',
      '2222',
      'kvm%',
    ]);
  });

  it('keeps a host name with shell characters one argument when no shell is needed', () => {
    const odd = { ...tokens, h: 'a;$(touch x) b' };
    expect(proxyCommandArgv('nc %h %p', odd, 'odd')).toEqual(['nc', 'a;$(touch x) b', '2222']);
  });

  it('runs shell syntax through /bin/sh, refusing tokens that would become shell syntax', () => {
    expect(proxyCommandArgv('nc %h %p 2>/dev/null', tokens, 'kvm')).toEqual([
      '/bin/sh',
      '-c',
      'exec nc kvm.example 2222 2>/dev/null',
    ]);
    const odd = { ...tokens, h: 'x$(id)' };
    expect(() => proxyCommandArgv('nc %h %p | cat', odd, 'odd')).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        text: { key: 'ssh.proxyCommandUnsafe', params: { value: 'x$(id)' } },
      }),
    );
  });

  it('refuses unknown tokens and an empty command', () => {
    expect(() => proxyCommandArgv('nc %h %z', tokens, 'kvm')).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
    expect(() => proxyCommandArgv('   ', tokens, 'kvm')).toThrow(
      expect.objectContaining({ text: { key: 'ssh.proxyCommandEmpty', params: { host: 'kvm' } } }),
    );
  });
});
