import { join } from 'path';
export const TEST_ENV_FILE = join(process.cwd(), '.data', 'test-env.json');
