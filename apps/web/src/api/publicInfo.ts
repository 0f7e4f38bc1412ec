/**
 * The public information platform (issue 14, item 8): open calls, the index of notices, statistics (public, no login)
 * and the officers' dashboards of their scope.
 */
import { client, publicClient, query, unwrap } from '../api';
import { withQuery, type Query } from '../client';
import type { components } from './schema';

export type StatisticsDashboard = components['schemas']['StatisticsDashboardResponse'];
export type StatisticsRow = components['schemas']['StatisticsRowResponse'];
export type PublicNoticeItem = components['schemas']['PublicNoticeIndexResponse'];
export type CallItem = components['schemas']['CallResponse'];

export interface StatisticsFilter extends Query {
  program?: string;
  province?: string;
  year?: number;
}

export const publicInfoApi = {
  openCalls: () =>
    unwrap(publicClient.GET('/api/calls', { params: { query: query({ status: 'open', pageSize: 100 }) } })),
  upcomingCalls: () =>
    unwrap(publicClient.GET('/api/calls', { params: { query: query({ status: 'upcoming', pageSize: 100 }) } })),
  notices: (state: 'open' | 'past', page: number, pageSize: number) =>
    unwrap(publicClient.GET('/api/public/notices', { params: { query: query({ state, page, pageSize }) } })),
  publicStatistics: (f: StatisticsFilter) =>
    unwrap(publicClient.GET('/api/public/statistics', { params: { query: query(f) } })),
  publicStatisticsCsv: (f: StatisticsFilter) => withQuery('/api/public/statistics.csv', f),
  statistics: (f: StatisticsFilter) => unwrap(client.GET('/api/statistics', { params: { query: query(f) } })),
  /** For downloadFile (the officer's token). */
  statisticsCsvPath: '/api/statistics/cells.csv',
  refreshStatistics: () => unwrap(client.POST('/api/statistics/refresh')),
};
