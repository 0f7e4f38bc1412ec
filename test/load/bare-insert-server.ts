/**
 * The yardstick of P1: a bare NestJS (Express) endpoint that does one Postgres insert per request — no guard,
 * no validation, no transaction beyond the insert. Started as a child process like the portal API.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

@Controller()
class InsertController {
  @Post('insert')
  @HttpCode(200)
  async insert(@Body() body: unknown) {
    const r = await pool.query('INSERT INTO bench_insert (payload) VALUES ($1) RETURNING id', [
      JSON.stringify(body ?? {}),
    ]);
    return { id: r.rows[0].id };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [InsertController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create(BareModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}
void main();
