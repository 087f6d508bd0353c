import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { memoryStorage } from 'multer';
import { Observable } from 'rxjs';
import { fieldError, invalidInput } from '../common/errors';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
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

/** The uploaded file if there is one and its type is accepted (by its name and its content alike). */
export function checkedFile(file: Express.Multer.File | undefined): CheckedFile {
  if (!file?.size) throw invalidInput([fieldError('file', 'fileRequired')]);
  const fileName = basename(file.originalname).slice(-255);
  const mimeType = acceptedType(fileName, file.buffer);
  if (!mimeType) {
    throw invalidInput([fieldError('file', 'fileType', { types: TYPES })]);
  }
  return { fileName, mimeType, content: file.buffer, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}
