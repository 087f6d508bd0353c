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
import { RENEWED_TOKEN_HEADER } from './auth/sessions';
import { BadRequestFilter } from './common/bad-request.filter';
import { fieldError, invalidInput } from './common/errors';
import { schemaValidation } from './common/wire';
import { AppConfig } from './config/config';
import { MAX_BODY_DEPTH, nestsDeeperThan } from './domain/validation';
import { serveResultsLean } from './evaluation/lean-results';

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
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, exposedHeaders: [RENEWED_TOKEN_HEADER] } : false,
  });
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } }));
  // API answers hold personal and sealed data: no browser or proxy keeps them.
  app.use('/api', (_req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // express.json itself, as useBodyParser would register it, since Nest's options type leaves out `verify`.
  app.use(express.json({ limit: JSON_BODY_LIMIT_BYTES, verify: refuseDeepJson }));
  app.use(app.get(SecurityLogService).middleware);
  // Ahead of Nest's router, behind the middleware above, so that it gets what any route gets.
  serveResultsLean(app);
  app.useGlobalPipes(schemaValidation());
  app.useGlobalFilters(new BadRequestFilter(app.getHttpAdapter()));
  if (config.apiDocs) serveApiDocs(app);
  serveFrontend(app, config.staticDir);
  app.enableShutdownHooks();
  return app;
}

/**
 * The UI's Content-Security-Policy: scripts from the product's own origin only (no inline script, no
 * eval), styles from it plus the style elements Angular and NG-ZORRO insert, no plugins, no framing.
 * The Angular build inlines nothing (angular.json: inlineCritical off), so the built UI runs under it
 * (e2e/headers.test.mjs).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The OpenAPI document and its viewer: in demo mode, elsewhere only with API_DOCS=true. */
function serveApiDocs(app: NestExpressApplication) {
  const docs = new DocumentBuilder()
    .setTitle('医保经办服务采购与履约考核系统 API')
    .setDescription('Procurement and contract performance evaluation for outsourced healthcare-insurance services')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs), { jsonDocumentUrl: 'api/docs-json' });
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
