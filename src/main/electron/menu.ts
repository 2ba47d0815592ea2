/**
 * The application menu. Its one shortcut of our own is Quit (Ctrl+Q, Cmd+Q on macOS), as
 * virt-manager binds it (ui/manager.ui); every other shortcut is the page's
 * (renderer/shortcuts/registry.ts), so both shells share them. Edit keeps copy and paste
 * working in text fields on macOS, where they go through the menu.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const QUIT_ACCELERATOR = 'CmdOrCtrl+Q';

export function appMenuTemplate(mac: boolean): MenuItemConstructorOptions[] {
  const quit: MenuItemConstructorOptions = { role: 'quit', accelerator: QUIT_ACCELERATOR };
  return [
    mac ? { role: 'appMenu' } : { role: 'fileMenu', submenu: [quit] },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
}
