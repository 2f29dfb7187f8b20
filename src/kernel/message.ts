/**
 * Jupyter messages as plain data, and the one place that builds them (messaging spec 5.3+, "General Message
 * Format"). Replies and iopub messages are always built from a parent, so the parent header and session are never
 * passed around by hand.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';

/** Protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.3';

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  /** Present in 5.5 subshell messages; we keep whatever the client sends. */
  [extra: string]: unknown;
}

/** A decoded Jupyter message. `identities` are the ROUTER routing frames it came with (empty on iopub). */
export interface Message<Content = Record<string, unknown>> {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/** Who we are when we build messages: one session id per kernel start (spec: it must change on restart). */
export interface Sender {
  session: string;
  username: string;
}

export function newSender(): Sender {
  let username = 'whetstone';
  try {
    username = userInfo().username || username;
  } catch {
    // No passwd entry (containers): keep the default name.
  }
  return { session: randomUUID(), username };
}

function header(sender: Sender, msgType: string): MessageHeader {
  return {
    msg_id: randomUUID(),
    session: sender.session,
    username: sender.username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A reply or iopub message answering `parent`. The identities are the parent's (ROUTER replies route back). */
export function childMessage<C>(
  sender: Sender,
  parent: Pick<Message, 'header' | 'identities'> | undefined,
  msgType: string,
  content: C,
  options: { metadata?: Record<string, unknown>; identities?: Buffer[]; buffers?: Buffer[] } = {},
): Message<C> {
  return {
    identities: options.identities ?? parent?.identities ?? [],
    header: header(sender, msgType),
    parent_header: parent?.header ?? {},
    metadata: options.metadata ?? {},
    content,
    buffers: options.buffers ?? [],
  };
}

/** The reply type for a request type: `execute_request` → `execute_reply`. */
export function replyType(requestType: string): string {
  return requestType.replace(/_request$/, '_reply');
}
