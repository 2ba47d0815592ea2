import type { ITheme } from '@xterm/xterm';
import type { ShownTheme } from './theme';

/**
 * xterm.js draws on a canvas with its own palette: the page's CSS does not reach it. Light: dark
 * text on white (PatternFly's background and text colours); dark: xterm's own dark palette.
 */
export function terminalTheme(theme: ShownTheme): ITheme {
  if (theme === 'dark') {
    return { background: '#1e1e1e', foreground: '#e0e0e0', cursor: '#e0e0e0' };
  }
  return {
    background: '#ffffff',
    foreground: '#151515',
    cursor: '#151515',
    selectionBackground: '#b9dafc',
    // The ANSI colours xterm's defaults give are made for black: darker shades read on white.
    yellow: '#9e4a06',
    brightYellow: '#ca6c0f',
    white: '#4d4d4d',
    brightWhite: '#151515',
  };
}
