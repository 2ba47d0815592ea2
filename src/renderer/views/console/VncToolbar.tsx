import { Button, Switch, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FullscreenButton } from './fullscreen';
import type { SendKeyCombo } from './keysyms';
import { SendKeyMenu } from './SendKeyMenu';

export interface VncViewOptions {
  /** Fit the guest's screen to the window, or show it 1:1 with scroll bars. */
  scale: boolean;
  /** Ask the guest to change its resolution to the window's size (when it can). */
  resize: boolean;
}

interface Props {
  options: VncViewOptions;
  onOptions(options: VncViewOptions): void;
  connected: boolean;
  grabbed: boolean;
  onSendKey(combo: SendKeyCombo): void;
  fullscreen: boolean;
  onFullscreen(): void;
  onScreenshot(): void;
  onPaste(): void;
  clipboardOpen: boolean;
  onClipboard(): void;
}

/** The VNC console's own controls, as virt-manager's View and Send Key menus offer them. */
export function VncToolbar(props: Props) {
  const { t } = useTranslation('console');
  const { options, onOptions, connected } = props;
  return (
    <ToolbarGroup className="vd-console-vnc-tools">
      <ToolbarItem>
        <Switch
          id="vd-console-scale"
          label={t('vnc.scale')}
          isChecked={options.scale}
          onChange={(_e, scale) => onOptions({ ...options, scale })}
        />
      </ToolbarItem>
      <ToolbarItem>
        <Switch
          id="vd-console-resize"
          label={t('vnc.resize')}
          isChecked={options.resize}
          onChange={(_e, resize) => onOptions({ ...options, resize })}
        />
      </ToolbarItem>
      <ToolbarItem>
        <SendKeyMenu disabled={!connected} onSendKey={props.onSendKey} />
      </ToolbarItem>
      <ToolbarItem>
        <Button variant="secondary" isDisabled={!connected} onClick={props.onPaste}>
          {t('vnc.paste')}
        </Button>
      </ToolbarItem>
      <ToolbarItem>
        <Button
          variant={props.clipboardOpen ? 'primary' : 'secondary'}
          aria-pressed={props.clipboardOpen}
          onClick={props.onClipboard}
        >
          {t('consoleTools:clipboard.button')}
        </Button>
      </ToolbarItem>
      <ToolbarItem>
        <Button variant="secondary" isDisabled={!connected} onClick={props.onScreenshot}>
          {t('vnc.screenshot')}
        </Button>
      </ToolbarItem>
      <ToolbarItem>
        <FullscreenButton active={props.fullscreen} onToggle={props.onFullscreen} />
      </ToolbarItem>
      {connected && (
        <ToolbarItem alignSelf="center">
          <span className={props.grabbed ? 'vd-console-grab is-grabbed' : 'vd-console-grab'}>
            {props.grabbed ? t('vnc.grabbed') : t('vnc.clickToType')}
          </span>
        </ToolbarItem>
      )}
    </ToolbarGroup>
  );
}
