import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { JINGPIN_PROGRAM } from './jingpin.definition';

@ProgramDefinitionProvider()
@Injectable()
export class JingpinProgram implements ProgramDefinitionSource {
  readonly definition = JINGPIN_PROGRAM;
}

/** 国家动漫精品工程 (code `jingpin`). */
@Module({ providers: [JingpinProgram], exports: [JingpinProgram] })
export class JingpinModule {}
