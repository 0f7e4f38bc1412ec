import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@portal/platform';
import { ProgramPublicJson, ProgramRegistry } from './program-registry';
import { ProgramResponse } from './program.responses';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly registry: ProgramRegistry) {}

  /** Every program with its tracks, rubric, attachment kinds and form schema (a plain array). */
  @Public()
  @Get()
  @ApiOkResponse({ type: [ProgramResponse], description: 'Every program (a plain array)' })
  list(): ProgramPublicJson[] {
    return this.registry.list().map((def) => this.registry.toPublicJson(def));
  }
}
