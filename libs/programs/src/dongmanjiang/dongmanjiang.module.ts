import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { DONGMANJIANG_PROGRAM } from './dongmanjiang.definition';

@ProgramDefinitionProvider()
@Injectable()
export class DongmanjiangProgram implements ProgramDefinitionSource {
  readonly definition = DONGMANJIANG_PROGRAM;
}

/** 中国文化艺术政府奖动漫奖 (code `dongmanjiang`). */
@Module({ providers: [DongmanjiangProgram], exports: [DongmanjiangProgram] })
export class DongmanjiangModule {}
