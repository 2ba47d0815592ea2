import * as v from 'valibot';
import { message } from '../../../shared/messages/message';
import { backendText } from '../../api/apiError';

/**
 * A console WebSocket's close reason as the user reads it: the gateway says its own reasons as a
 * message (JSON of a key and parameters, main/consoles/consoleGateway.ts), shown in the user's
 * language; any other reason (words that are not ours, cut to fit) as it came.
 */
export function closeReasonText(reason: string): string {
  if (!reason.startsWith('{')) return reason;
  try {
    const parsed = v.safeParse(message, JSON.parse(reason));
    return parsed.success ? backendText(parsed.output) : reason;
  } catch {
    return reason;
  }
}
