import { StreamableFile } from '@nestjs/common';

/** A generated file and the name it is downloaded under. */
export interface ExportFile {
  file: Buffer;
  fileName: string;
}

/** A download under its Chinese name (RFC 5987), with an ASCII fallback. */
export function download({ file, fileName }: ExportFile, type: string): StreamableFile {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return new StreamableFile(file, {
    type,
    length: file.length,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}
