/** CSV lives in the platform (awards' export uses it too). */
export { csvCell, csvLine, parseCsv } from '@portal/platform';
