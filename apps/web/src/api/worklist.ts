/** Issue 14, item 6: the home page's work lists, one entry per role of the signed-in user. */
import { client, unwrap } from '../api';
import type { components } from './schema';

type S = components['schemas'];
export type Worklist = S['WorklistResponse'];
export type RoleWork = S['RoleWorkResponse'];
export type WorkList = S['WorkListResponse'];
export type WorkItem = S['WorkItemResponse'];

export const worklistApi = {
  get: () => unwrap(client.GET('/api/me/worklist')),
};
