import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { YDYL_PROGRAM } from './ydyl.definition';

@ProgramDefinitionProvider()
@Injectable()
export class YdylProgram implements ProgramDefinitionSource {
  readonly definition = YDYL_PROGRAM;
}

/** 动漫游戏产业“一带一路”国际合作重点企业和重点项目名录 (code `ydyl`). */
@Module({ providers: [YdylProgram], exports: [YdylProgram] })
export class YdylModule {}
