import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { TUIYOU_PROGRAM } from './tuiyou.definition';

@ProgramDefinitionProvider()
@Injectable()
export class TuiyouProgram implements ProgramDefinitionSource {
  readonly definition = TUIYOU_PROGRAM;
}

/** 优秀国产动画片推优 (code `tuiyou`). */
@Module({ providers: [TuiyouProgram], exports: [TuiyouProgram] })
export class TuiyouModule {}
