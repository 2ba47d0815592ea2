import { resolve } from 'node:path';
import { ensureRendererBuilt } from '../../../src/main/web/rendererBuild';

/** Builds the renderer once before the end-to-end files, instead of racing in each app start. */
export default async function setup(): Promise<void> {
  await ensureRendererBuilt(resolve(import.meta.dirname, '..', '..', '..'));
}
