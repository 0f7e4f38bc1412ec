import { Injectable, Module } from '@nestjs/common';
import { ProgramDefinitionProvider, ProgramDefinitionSource } from '../program-definition.provider';
import { JS_XIANGMUKU_PROGRAM } from './js-xiangmuku.definition';

@ProgramDefinitionProvider()
@Injectable()
export class JsXiangmukuProgram implements ProgramDefinitionSource {
  readonly definition = JS_XIANGMUKU_PROGRAM;
}

/** 江苏省重点动漫项目库 (code `js-xiangmuku`), a provincial program of 江苏. */
@Module({ providers: [JsXiangmukuProgram], exports: [JsXiangmukuProgram] })
export class JsXiangmukuModule {}
