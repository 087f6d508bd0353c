import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import express from 'express';
import { AppModule } from './app.module';
import { BadRequestFilter } from './common/bad-request.filter';
import { schemaValidation } from './common/wire';
import { AppConfig } from './config/config';

/** The largest JSON body accepted (413 above it): a whole tender dossier arrives as one body. */
export const JSON_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/** Build the whole application; main.ts and the tests share it so tests run what users run. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    cors: config.corsOrigins.length ? { origin: config.corsOrigins } : false,
  });
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use(helmet({ contentSecurityPolicy: false }));
  app.useGlobalPipes(schemaValidation());
  app.useGlobalFilters(new BadRequestFilter());
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
