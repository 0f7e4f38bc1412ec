import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { RENDING_PROGRAM } from './rending.definition';

@ProgramDefinitionProvider()
@Injectable()
export class RendingProgram implements ProgramDefinitionSource {
  readonly definition = RENDING_PROGRAM;
}

/** 动漫企业认定 (code `rending`). */
@Module({ providers: [RendingProgram], exports: [RendingProgram] })
export class RendingModule {}
