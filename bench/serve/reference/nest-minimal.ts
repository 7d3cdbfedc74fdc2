import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { REFERENCE_PATH } from './reference-route';

/**
 * A minimal Nest 12 app: one controller, one constant route, no logger, no middleware, no
 * pipes. Started by bench:serve in its own process on either platform, as the reference for
 * what the framework itself costs: `node nest-minimal.js PORT express|fastify`.
 */
@Controller()
class PingController {
  @Get(REFERENCE_PATH)
  ping(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function main(): Promise<void> {
  const platform = process.argv[3];
  if (platform !== 'express' && platform !== 'fastify') {
    throw new Error('usage: nest-minimal.js PORT express|fastify');
  }
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(PingModule, adapter, { logger: false });
  app.enableShutdownHooks();
  await app.listen(Number(process.argv[2]), '127.0.0.1');
  process.stdout.write('listening\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
