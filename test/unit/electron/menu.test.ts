import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../src/main/electron/menu';

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  it('quits with Ctrl+Q on Linux and Windows, from the File menu', () => {
    const quit = items(appMenuTemplate(false)).find((i) => i.role === 'quit');
    expect(quit?.accelerator).toBe('CmdOrCtrl+Q');
  });

  it('leaves Quit (Cmd+Q) to the app menu on macOS, and keeps Edit for copy and paste', () => {
    const menu = appMenuTemplate(true);
    expect(menu.map((i) => i.role)).toEqual(['appMenu', 'editMenu', 'windowMenu']);
  });
});
