import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@portal/platform';
import { WorkerModule } from './worker.module';

async function main() {
  try {
    loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('worker started');
}
main().catch((err) => {
  process.stderr.write(`worker failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
