import { describe, expect, it } from 'vitest';
import {
  devServerUrl,
  outDirOf,
  rendererLocation,
} from '../../../src/main/electron/rendererLocation';

describe('rendererLocation', () => {
  it('built app: our page is out/renderer/index.html, with any hash or query', () => {
    const location = rendererLocation(undefined, '/app/out');
    expect(location.load).toEqual({ kind: 'file', path: '/app/out/renderer/index.html' });
    expect(location.isAppUrl('file:///app/out/renderer/index.html')).toBe(true);
    expect(location.isAppUrl('file:///app/out/renderer/index.html#/vms?x=1')).toBe(true);
    expect(location.isAppUrl('file:///app/out/renderer/%69ndex.html')).toBe(true);
  });

  it('built app: any other file, host or scheme is not our page', () => {
    const { isAppUrl } = rendererLocation(undefined, '/app/out');
    for (const url of [
      'file:///app/out/renderer/other.html',
      'file:///app/out/renderer/../renderer2/index.html',
      'file://evil.example/app/out/renderer/index.html',
      'https://app/out/renderer/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
    ]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });

  it('dev server: our page is anything on the dev server origin', () => {
    const location = rendererLocation('http://localhost:5173/', '/app/out');
    expect(location.load).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(location.isAppUrl('http://localhost:5173/#/vms')).toBe(true);
    expect(location.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(location.isAppUrl('file:///app/out/renderer/index.html')).toBe(false);
  });

  it('devServerUrl: only unpackaged, only a loopback http(s) server', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(devServerUrl(false, env)).toBe('http://localhost:5173/');
    expect(devServerUrl(true, env)).toBeUndefined();
    expect(devServerUrl(false, {})).toBeUndefined();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: 'file:///x' })).toBeUndefined();
    expect(devServerUrl(false, { ELECTRON_RENDERER_URL: '::' })).toBeUndefined();
  });

  it('outDirOf: out/main/index.js lives in out/', () => {
    expect(outDirOf('file:///app/out/main/index.js')).toBe('/app/out');
  });
});
