/**
 * A virt-viewer connection file (.vv) for remote-viewer, pointing at a forward on this machine's
 * loopback. It may hold the display's password: it is written 0600, and remote-viewer deletes it
 * once read (delete-this-file).
 */
export function viewerFileText(opts: {
  type: 'vnc' | 'spice';
  port: number;
  title: string;
  password?: string;
}): string {
  // One line per key: a newline in a value would start a key of its own.
  const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
  const lines = [
    '[virt-viewer]',
    `type=${opts.type}`,
    'host=127.0.0.1',
    `port=${opts.port}`,
    ...(opts.password ? [`password=${oneLine(opts.password)}`] : []),
    `title=${oneLine(opts.title)}`,
    'delete-this-file=1',
  ];
  return `${lines.join('\n')}\n`;
}
