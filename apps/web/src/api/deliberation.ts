/** Deliberation votes (issue 15): the leading group's 表决 after the expert review of a call with `deliberation`. */
import { client, unwrap } from '../api';
import type { components } from './schema';

export type Deliberation = components['schemas']['DeliberationResponse'];
export type DeliberationBody = components['schemas']['RecordDeliberationDto'];

export const deliberationApi = {
  get: (callId: string) => unwrap(client.GET('/api/calls/{callId}/deliberation', { params: { path: { callId } } })),
  record: (callId: string, body: DeliberationBody) =>
    unwrap(client.POST('/api/calls/{callId}/deliberation', { params: { path: { callId } }, body })),
};
