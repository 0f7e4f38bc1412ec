import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JingpinModule } from './jingpin/jingpin.module';
import { ProgramRegistry } from './program-registry';
import { ProgramsController } from './programs.controller';
import { RendingModule } from './rending/rending.module';
import { TuiguangModule } from './tuiguang/tuiguang.module';
import { YuandongliModule } from './yuandongli/yuandongli.module';
import { TuiyouModule } from './tuiyou/tuiyou.module';
import { YdylModule } from './ydyl/ydyl.module';
import { DongmanjiangModule } from './dongmanjiang/dongmanjiang.module';
import { JsXiangmukuModule } from './js-xiangmuku/js-xiangmuku.module';

/**
 * The program engine. Each program is its own module providing its definition with
 * @ProgramDefinitionProvider(); the registry discovers them. A new program = its folder + one line below.
 */
export const PROGRAM_MODULES = [
  JingpinModule,
  YuandongliModule,
  TuiguangModule,
  RendingModule,
  TuiyouModule,
  YdylModule,
  DongmanjiangModule,
  JsXiangmukuModule,
];

@Module({
  imports: [DiscoveryModule, ...PROGRAM_MODULES],
  controllers: [ProgramsController],
  providers: [ProgramRegistry],
  exports: [ProgramRegistry],
})
export class ProgramsModule {}
