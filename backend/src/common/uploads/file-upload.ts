import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { memoryStorage } from 'multer';
import { Observable } from 'rxjs';
import { fieldError, invalidInput, type Refused } from '../errors';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import { visibleFileName } from '../../domain/file-names';
import { checkOfficeFile, checkPdf, STORED_OFFICE_LIMITS, ZipLimits } from './file-content';
import { ACCEPTED_TYPES, acceptedType } from './file-types';

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Receives a multipart request's files into memory, refusing one above the configured size
 * (EVIDENCE_MAX_MB) while it arrives, and more than the route takes, with the same 400 as every other
 * invalid input. File names are read as UTF-8, which is how browsers send Chinese names.
 */
abstract class LimitedUpload implements NestInterceptor {
  protected constructor(
    private readonly config: AppConfig,
    private readonly field: string,
    private readonly maxCount: number,
  ) {
    const options = { storage: memoryStorage(), limits: { fileSize: config.evidenceMaxBytes, files: maxCount }, defParamCharset: 'utf8' };
    const Multer = maxCount === 1 ? FileInterceptor(field, options) : FilesInterceptor(field, maxCount, options);
    this.multer = new Multer();
  }

  private readonly multer: NestInterceptor;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) {
        throw invalidInput([fieldError(this.field, 'fileTooLarge', { max: megabytes(this.config.evidenceMaxBytes) })]);
      }
      // Multer's own refusal of a file beyond the count (or under another name) has no field to name.
      if (e instanceof BadRequestException && typeof e.getResponse() === 'object' && !('errors' in (e.getResponse() as object))) {
        throw invalidInput([fieldError(this.field, 'tooMany', { max: this.maxCount })]);
      }
      throw e;
    }
  }
}

/** The one `file` of a multipart request. */
@Injectable()
export class FileUpload extends LimitedUpload {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, 'file', 1);
  }
}

/** The documents of an electronic bid: up to MAX_BID_DOCUMENTS files named `documents`. */
export const MAX_BID_DOCUMENTS = 10;

@Injectable()
export class BidDocumentsUpload extends LimitedUpload {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config, 'documents', MAX_BID_DOCUMENTS);
  }
}

/** An uploaded file that passed the checks, with its SHA-256. */
export interface CheckedFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
  sha256: string;
}

const TYPES = Object.keys(ACCEPTED_TYPES);

/** What an accepted type's content must pass beyond its first bytes (file-content.ts); images are only stored and shown. */
function contentRefusal(mimeType: string, content: Buffer, officeLimits: ZipLimits): Refused | null {
  switch (mimeType) {
    case ACCEPTED_TYPES.pdf:
      return checkPdf(content);
    case ACCEPTED_TYPES.xlsx:
      return checkOfficeFile(content, 'xlsx', officeLimits);
    case ACCEPTED_TYPES.docx:
      return checkOfficeFile(content, 'docx', officeLimits);
    default:
      return null;
  }
}

/**
 * The uploaded file if there is one and its type is accepted (by its name and its content alike), its
 * content passes the checks of its type, and its name is kept without invisible characters.
 * `officeLimits`: how far an Office file may unpack (tighter where the file is then parsed).
 */
export function checkedFile(file: Express.Multer.File | undefined, officeLimits = STORED_OFFICE_LIMITS, path = 'file'): CheckedFile {
  if (!file?.size) throw invalidInput([fieldError(path, 'fileRequired')]);
  const fileName = basename(visibleFileName(file.originalname)).slice(-255);
  const mimeType = acceptedType(fileName, file.buffer);
  if (!mimeType) {
    throw invalidInput([fieldError(path, 'fileType', { types: TYPES })]);
  }
  const refusal = contentRefusal(mimeType, file.buffer, officeLimits);
  if (refusal) throw invalidInput([fieldError(path, refusal.code, refusal.params as never)]);
  return { fileName, mimeType, content: file.buffer, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}
