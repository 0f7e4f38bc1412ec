/** Issue 14, item 3: the expert's own profile (availability, declared conflicts) and the organization search. */
import { client, query, unwrap, type Body } from '../api';
import type { components } from './schema';

type S = components['schemas'];
export type MyExpertProfile = S['MyExpertProfileResponse'];
export type FoundOrganization = S['OrganizationSearchItemResponse'];

export const expertApi = {
  me: () => unwrap(client.GET('/api/experts/me')),
  update: (body: Body<'/api/experts/me', 'put'>) => unwrap(client.PUT('/api/experts/me', { body })),
  searchOrganizations: (q: { q: string; page?: number; pageSize?: number }) =>
    unwrap(client.GET('/api/experts/organizations', { params: { query: query(q) } })),
};
