/** The signed-in user's inbox: every mail the portal sent them, with its read state (issue 14). */
import { client, query, unwrap } from '../api';
import type { components } from './schema';

export type InboxItem = components['schemas']['InboxItemResponse'];

/** Fired on `window` when the user's read state changed on this tab (the header's badge reloads). */
export const INBOX_CHANGED = 'portal:inbox-changed';
export const inboxChanged = () => window.dispatchEvent(new Event(INBOX_CHANGED));

export const inboxApi = {
  list: (q: { page: number; pageSize: number; unread?: boolean }) =>
    unwrap(client.GET('/api/me/inbox', { params: { query: query(q) } })),
  unreadCount: () => unwrap(client.GET('/api/me/inbox/unread-count')),
  markRead: (id: string) => unwrap(client.POST('/api/me/inbox/{id}/read', { params: { path: { id } } })),
  markAllRead: () => unwrap(client.POST('/api/me/inbox/read-all')),
};
