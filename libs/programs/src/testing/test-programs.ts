import { ProgramDefinition } from '../program-definition';
import { ProgramDefinitionError } from '../errors';
import { FIFTH_PROGRAM } from './fifth/fifth.definition';

/**
 * Programs that exist only in tests, one line each, registered when `PORTAL_TEST_PROGRAMS` names them
 * (comma-separated, e.g. `PORTAL_TEST_PROGRAMS=fifth`). Never set in production.
 */
export const TEST_PROGRAMS: Record<string, ProgramDefinition> = {
  fifth: FIFTH_PROGRAM,
};

/** The test programs the environment asks for; an unknown name stops the start-up. */
export function testPrograms(env: NodeJS.ProcessEnv = process.env): ProgramDefinition[] {
  const names = (env.PORTAL_TEST_PROGRAMS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.map((name) => {
    const def = TEST_PROGRAMS[name];
    if (!def)
      throw new ProgramDefinitionError(
        `PORTAL_TEST_PROGRAMS: unknown test program "${name}" (${Object.keys(TEST_PROGRAMS)})`,
      );
    return def;
  });
}
