import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@portal/platform';
import { AppModule } from './app.module';
import { configureApp } from './setup';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await NestFactory.create(AppModule.register(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.PORT, process.env.HOST ?? '0.0.0.0');
  app.get(Logger).log(`API listening on port ${config.PORT}`);
}
main().catch((err) => {
  process.stderr.write(`API failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
