import { join } from 'path';

/** Per jest run (the parent's pid), so overlapping runs never share or delete each other's file. */
export function testEnvFile(pid: number | string = process.env.PORTAL_TEST_RUN_PID ?? process.pid): string {
  return join(process.cwd(), '.data', `test-env-${pid}.json`);
}
