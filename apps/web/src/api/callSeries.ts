/** Recurring calls (issue 15): series of calls opened each quarter, year or three years from a template. */
import { client, unwrap } from '../api';
import type { components } from './schema';

export type CallSeries = components['schemas']['CallSeriesResponse'];
export type CallSeriesBody = components['schemas']['CreateCallSeriesDto'];

export const callSeriesApi = {
  list: () => unwrap(client.GET('/api/call-series')),
  create: (body: CallSeriesBody) => unwrap(client.POST('/api/call-series', { body })),
  setActive: (id: string, active: boolean) =>
    unwrap(client.PATCH('/api/call-series/{id}', { params: { path: { id } }, body: { active } })),
  openDue: () => unwrap(client.POST('/api/call-series/open-due')),
};
