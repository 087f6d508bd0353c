import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { memoryStorage } from 'multer';
import { Observable } from 'rxjs';
import { fieldError, invalidInput, type Refused } from '../common/errors';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { visibleFileName } from '../domain/file-names';
import { checkOfficeFile, checkPdf, STORED_OFFICE_LIMITS, ZipLimits } from './file-content';
import { ACCEPTED_TYPES, acceptedType } from './file-types';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Receives the one `file` of a multipart request into memory, refusing one above the configured size
 * (EVIDENCE_MAX_MB) while it arrives, with the same 400 as every other invalid input. File names are
 * read as UTF-8, which is how browsers send Chinese names.
 */
@Injectable()
export class FileUpload implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', {
      storage: memoryStorage(),
      limits: { fileSize: config.evidenceMaxBytes, files: 1 },
      defParamCharset: 'utf8',
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (e) {
      if (!(e instanceof PayloadTooLargeException)) throw e;
      const max = megabytes(this.config.evidenceMaxBytes);
      throw invalidInput([fieldError('file', 'fileTooLarge', { max })]);
    }
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
export function checkedFile(file: Express.Multer.File | undefined, officeLimits = STORED_OFFICE_LIMITS): CheckedFile {
  if (!file?.size) throw invalidInput([fieldError('file', 'fileRequired')]);
  const fileName = basename(visibleFileName(file.originalname)).slice(-255);
  const mimeType = acceptedType(fileName, file.buffer);
  if (!mimeType) {
    throw invalidInput([fieldError('file', 'fileType', { types: TYPES })]);
  }
  const refusal = contentRefusal(mimeType, file.buffer, officeLimits);
  if (refusal) throw invalidInput([fieldError('file', refusal.code, refusal.params as never)]);
  return { fileName, mimeType, content: file.buffer, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}
