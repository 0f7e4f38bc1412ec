import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { TUIGUANG_PROGRAM } from './tuiguang.definition';

@ProgramDefinitionProvider()
@Injectable()
export class TuiguangProgram implements ProgramDefinitionSource {
  readonly definition = TUIGUANG_PROGRAM;
}

/** 原创动漫推广计划 (code `tuiguang`). */
@Module({ providers: [TuiguangProgram], exports: [TuiguangProgram] })
export class TuiguangModule {}
