import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { YUANDONGLI_PROGRAM } from './yuandongli.definition';

@ProgramDefinitionProvider()
@Injectable()
export class YuandongliProgram implements ProgramDefinitionSource {
  readonly definition = YUANDONGLI_PROGRAM;
}

/** “原动力” 中国原创动漫出版扶持计划 (code `yuandongli`). */
@Module({ providers: [YuandongliProgram], exports: [YuandongliProgram] })
export class YuandongliModule {}
