import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import express from 'express';
import { AppModule } from './app.module';
import { SecurityLogService } from './audit/security-log.service';
import { BadRequestFilter } from './common/bad-request.filter';
import { fieldError, invalidInput } from './common/errors';
import { schemaValidation } from './common/wire';
import { AppConfig } from './config/config';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './domain/validation';

/** The largest JSON body accepted (413 above it): a whole tender dossier arrives as one body. */
export const JSON_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * JSON nested deeper than MAX_BODY_DEPTH is refused before it is parsed, on every route (login too): nothing
 * downstream — validation, class instances, logging — then meets a stack-deep value. body-parser passes the
 * thrown 400 on as it is, so it answers in the one 400 shape.
 */
function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer) {
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) throw invalidInput([fieldError('$', 'tooDeep', { max: MAX_BODY_DEPTH })]);
}

/** Build the whole application; main.ts and the tests share it so tests run what users run. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    cors: config.corsOrigins.length ? { origin: config.corsOrigins } : false,
  });
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.trustProxy);
  // express.json itself, as useBodyParser would register it, since Nest's options type leaves out `verify`.
  app.use(express.json({ limit: JSON_BODY_LIMIT_BYTES, verify: refuseDeepJson }));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(app.get(SecurityLogService).middleware);
  app.useGlobalPipes(schemaValidation());
  app.useGlobalFilters(new BadRequestFilter(app.getHttpAdapter()));
  const docs = new DocumentBuilder()
    .setTitle('医保经办服务采购与履约考核系统 API')
    .setDescription('Procurement and contract performance evaluation for outsourced healthcare-insurance services')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs), { jsonDocumentUrl: 'api/docs-json' });
  serveFrontend(app, config.staticDir);
  app.enableShutdownHooks();
  return app;
}

/** The built Angular app at /, with index.html for any non-API path so deep links survive a reload. */
function serveFrontend(app: NestExpressApplication, dir: string) {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(index);
  });
}
