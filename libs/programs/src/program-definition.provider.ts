import { DiscoveryService } from '@nestjs/core';
import { ProgramDefinition } from './program-definition';

/**
 * Marks a provider class as a program for the registry, which finds it through Nest's DiscoveryService.
 * The class exposes its definition as `definition`:
 *
 * ```ts
 * @ProgramDefinitionProvider()
 * @Injectable()
 * export class JingpinProgram implements ProgramDefinitionSource {
 *   readonly definition = JINGPIN_PROGRAM;
 * }
 * ```
 */
export const ProgramDefinitionProvider = DiscoveryService.createDecorator<Record<string, never> | void>();

export interface ProgramDefinitionSource {
  readonly definition: ProgramDefinition;
}
