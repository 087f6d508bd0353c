import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  ServiceUnavailableException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import puppeteer, { Browser, Page } from 'puppeteer-core';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { isUniqueViolation } from '../database/unique-violation';
import type { DocumentKind } from '../domain/documents';
import { Document } from './document.entity';
import { Pool } from './pool';
import { PrintRun } from './print-run.entity';
import { DocumentData, TemplateSet } from './templates';

/** Chromium flags for printing in a server: no sandbox (containers), GPU, shared-memory limits or background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Pages printing at once; more only queue for the same two cores. */
export const PAGE_POOL_SIZE = 4;

/** Generous: a loaded two-core server prints a long contract in seconds, and a queue adds to that. */
const PRINT_TIMEOUT_MS = 120_000;

/** The record a document was generated from, and which kind of document it is. */
export interface DocumentOwner {
  ownerType: string;
  ownerId: number;
  kind: DocumentKind;
}

export type DocumentInfo = Omit<Document, 'content'>;

const keyOf = (o: DocumentOwner) => `${o.ownerType} ${o.ownerId} ${o.kind}`;
/** A run this old without an outcome was left by a server that died while printing. */
const STALE_RUN_MS = 10 * 60_000;
export type StoredDocument = DocumentInfo & { content: Buffer };

interface Engine {
  browser: Browser;
  pages: Pool<Page>;
}

/** The text face of the templates (templates/partials/styles.hbs), so the header and footer add no face of their own to the PDF. */
const FONT_STACK = `'AR PL UMing CN', serif`;

/** A4 with a running header (the document's title) and 第 X 页 共 Y 页 in the footer. */
export function pdfOptions(escapedTitle: string) {
  // The header and footer are separate documents without the page's styles: everything inline.
  const band = (content: string) =>
    `<div style="width:100%;margin:0 20mm;font-family:${FONT_STACK};font-size:8pt;color:#555;${content}</div>`;
  return {
    format: 'A4' as const,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: band(`border-bottom:0.5pt solid #999;padding-bottom:1mm;text-align:right;">${escapedTitle}`),
    footerTemplate: band(`text-align:center;">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页`),
    margin: { top: '22mm', bottom: '18mm', left: '20mm', right: '20mm' },
    // No structure tree (tagged PDF): Chromium writes an element per table cell and line, which was
    // half of a long report's bytes (assessment report, 43 pages: 558 KB tagged). The text stays
    // selectable and searchable; what is lost is the reading order a screen reader would take from it.
    tagged: false,
    timeout: PRINT_TIMEOUT_MS,
  };
}

/**
 * Every official document leaves the system as a PDF printed by one Chromium: started on the first
 * document (servers that never print never pay for it), reused for every later one through a bounded
 * pool of pages, relaunched if it dies, closed with the application. Each generated PDF is stored as a
 * new version with its SHA-256, so a document handed out can always be shown again byte for byte.
 */
@Injectable()
export class DocumentsService implements OnModuleDestroy {
  private readonly log = new Logger(DocumentsService.name);
  readonly templates = new TemplateSet();
  private engine: Promise<Engine> | null = null;
  /** This server's background prints (startGeneration), awaited before it stops. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async renderPdf(templateName: string, data: DocumentData): Promise<Buffer> {
    const html = this.templates.render(templateName, data);
    const { pages } = await this.started();
    return pages.use(async (page) => {
      await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
      // System fonts load asynchronously; printing before they are ready would fall back to boxes.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return Buffer.from(await page.pdf(pdfOptions(this.templates.escape(data.title))));
    });
  }

  /** Render and store a new version; the audit entry commits with it. */
  async generate(actor: Actor | null, owner: DocumentOwner, templateName: string, data: DocumentData): Promise<DocumentInfo> {
    const content = await this.renderPdf(templateName, data);
    // Two generations at once may pick the same next version; the unique index lets one win, the other retries.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.store(m, actor, owner, content));
      } catch (e) {
        if (!isUniqueViolation(e) || attempt === 3) throw e;
      }
    }
  }

  /**
   * Prints `owner`'s document in the background, unless a run for it is already going on any server:
   * long reports (tens of pages) take seconds, and a request should not wait for them. The client polls
   * the document's download, which answers 202 while `generating` says so. The run is a row of
   * print_runs (its key the owner), so that a poll reaching another server behind the proxy sees it.
   * Checked first, so that a missing browser is a 503 at once rather than on the next poll.
   */
  async startGeneration(owner: DocumentOwner, generate: () => Promise<unknown>): Promise<void> {
    if (!existsSync(this.config.chromiumPath)) {
      throw this.unavailable(
        `no browser at CHROMIUM_PATH=${this.config.chromiumPath}`,
        `CHROMIUM_PATH=${this.config.chromiumPath} 处没有浏览器`,
      );
    }
    const ownerKey = keyOf(owner);
    const runs = this.dataSource.getRepository(PrintRun);
    try {
      await runs.insert({ ownerKey, startedAt: new Date(), failureStatus: null, failureMessage: null });
    } catch (e) {
      if (isUniqueViolation(e)) return; // printing already, here or on another server
      throw e;
    }
    const run = generate().then(
      () => runs.delete({ ownerKey }),
      (e: unknown) => {
        this.log.warn(`${ownerKey}: printing failed: ${(e as Error).message}`);
        const status = e instanceof HttpException ? e.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
        const message = e instanceof HttpException ? e.message : '文档生成失败 / printing the document failed';
        return runs.update({ ownerKey }, { failureStatus: status, failureMessage: message });
      },
    );
    this.background.add(run);
    void run.catch((e: unknown) => this.log.error(`${ownerKey}: ${(e as Error).message}`)).finally(() => this.background.delete(run));
  }

  /**
   * Whether a background run for `owner` is still printing, on any server. A run that failed since the
   * last poll throws its error here, once, so that the poll that asks next gets it and a later one starts
   * afresh; so does a run left behind by a server that died while printing (older than STALE_RUN_MS).
   */
  async generating(owner: DocumentOwner): Promise<boolean> {
    const ownerKey = keyOf(owner);
    const runs = this.dataSource.getRepository(PrintRun);
    const run = await runs.findOneBy({ ownerKey });
    if (!run) return false;
    const stale = Date.now() - run.startedAt.getTime() > STALE_RUN_MS;
    if (run.failureStatus === null && !stale) return true;
    await runs.delete({ ownerKey });
    if (run.failureStatus !== null) throw new HttpException(run.failureMessage ?? '', run.failureStatus);
    throw new HttpException('文档生成中断，请重试 / printing was interrupted: ask again', HttpStatus.SERVICE_UNAVAILABLE);
  }

  /** Stored versions, newest first, without their bytes. */
  async versions(owner: DocumentOwner): Promise<DocumentInfo[]> {
    const docs = await this.dataSource.getRepository(Document).find({ where: { ...owner }, order: { version: 'DESC' } });
    return docs.map(({ content: _, ...info }) => info);
  }

  /** The given version, or the latest; null when none was generated. */
  async find(owner: DocumentOwner, version?: number): Promise<StoredDocument | null> {
    const query = this.dataSource
      .getRepository(Document)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.ownerType = :ownerType AND d.ownerId = :ownerId AND d.kind = :kind', owner)
      .orderBy('d.version', 'DESC');
    if (version !== undefined) query.andWhere('d.version = :version', { version });
    return (await query.getOne()) as StoredDocument | null;
  }

  /** The given version, or the latest — generating the first one when none exists yet. */
  async findOrGenerate(owner: DocumentOwner, version: number | undefined, generate: () => Promise<DocumentInfo>): Promise<StoredDocument> {
    const doc = await this.find(owner, version);
    if (doc) return doc;
    if (version !== undefined) throw new NotFoundException(`文档版本${version}不存在 / no version ${version}`);
    await generate();
    return (await this.find(owner))!;
  }

  async onModuleDestroy(): Promise<void> {
    // Prints under way finish (and store) before the browser and the database go.
    await Promise.allSettled([...this.background]);
    const engine = this.engine;
    this.engine = null;
    if (engine) await engine.then((e) => e.browser.close()).catch(() => undefined);
  }

  private async store(m: EntityManager, actor: Actor | null, owner: DocumentOwner, content: Buffer): Promise<DocumentInfo> {
    const repo = m.getRepository(Document);
    const last = await repo.findOne({ where: { ...owner }, order: { version: 'DESC' } });
    const saved = await repo.save(
      repo.create({
        ...owner,
        version: (last?.version ?? 0) + 1,
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        createdBy: actor?.id ?? null,
        content,
      }),
    );
    const { content: _, ...info } = saved;
    await this.audit.record(actor, { action: 'document.generate', entityType: owner.ownerType, entityId: owner.ownerId, after: info }, m);
    return info;
  }

  /**
   * The browser and its pages, launched on first use. A failed launch is not kept, so the next
   * document retries; a browser that dies is forgotten, so the next document starts a new one.
   */
  private started(): Promise<Engine> {
    if (this.engine) return this.engine;
    const engine: Promise<Engine> = this.launch().then(
      (started) => {
        started.browser.on('disconnected', () => {
          if (this.engine === engine) this.engine = null;
        });
        return started;
      },
      (e) => {
        if (this.engine === engine) this.engine = null;
        throw e;
      },
    );
    this.engine = engine;
    return engine;
  }

  private async launch(): Promise<Engine> {
    const path = this.config.chromiumPath;
    if (!existsSync(path)) throw this.unavailable(`no browser at CHROMIUM_PATH=${path}`, `CHROMIUM_PATH=${path} 处没有浏览器`);
    let browser: Browser;
    try {
      browser = await puppeteer.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
    } catch (e) {
      const reason = (e as Error).message.split('\n')[0];
      throw this.unavailable(`the browser at CHROMIUM_PATH=${path} did not start: ${reason}`, `CHROMIUM_PATH=${path} 处的浏览器无法启动`);
    }
    this.log.log(`Chromium started for PDFs: ${await browser.version()}`);
    return {
      browser,
      pages: new Pool(
        () => browser.newPage(),
        (page) => page.close(),
        PAGE_POOL_SIZE,
      ),
    };
  }

  private unavailable(english: string, chinese: string): ServiceUnavailableException {
    return new ServiceUnavailableException(
      `PDF 生成暂不可用：${chinese}，请将 CHROMIUM_PATH 设为 Chromium 可执行文件 / PDF generation unavailable: ${english}; set CHROMIUM_PATH to a Chromium executable`,
    );
  }
}
