import { HttpClient, HttpErrorResponse, HttpEvent, HttpEventType, HttpHeaders, HttpParams, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, filter, from, map, mergeMap, Observable, throwError } from 'rxjs';
import { whenPrinted } from './when-printed';

/** Where the API is served: the same origin as the UI. */
export const API_BASE = '/api';

/** Query parameters; empty, null and undefined values are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** Told the percentage of a request body sent so far (uploads). */
export type UploadProgress = (percent: number) => void;

/** A page of a list and the number of rows in the whole list. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** A downloaded file with the name, stored version and SHA-256 the server gave it. */
export interface FileDownload {
  blob: Blob;
  fileName: string;
  /** `X-Document-Version` of a stored document (PDFs), else null. */
  version: string | null;
  /** `X-Document-SHA256` of a stored document, else null. */
  sha256: string | null;
}

/**
 * The one way the UI calls the API (every *-api.ts goes through it): paths relative to API_BASE,
 * JSON in and out, files down and up. A failure always reaches the caller as an HttpErrorResponse
 * whose body is the API's JSON error (also for downloads, whose error bodies arrive as blobs), so
 * that `toApiError` renders every error the same way.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  get<T>(path: string, query?: Query): Observable<T> {
    return this.http.get<T>(API_BASE + path, { params: params(query) });
  }

  /** One page of a list: the rows and the total the filters match (`X-Total-Count`). */
  page<T>(path: string, query?: Query): Observable<Page<T>> {
    return this.http
      .get<T[]>(API_BASE + path, { params: params(query), observe: 'response' })
      .pipe(map((response) => ({ rows: response.body ?? [], total: Number(response.headers.get('X-Total-Count') ?? 0) })));
  }

  post<T>(path: string, body: unknown = {}): Observable<T> {
    return this.http.post<T>(API_BASE + path, body);
  }

  put<T>(path: string, body: unknown): Observable<T> {
    return this.http.put<T>(API_BASE + path, body);
  }

  patch<T>(path: string, body: unknown): Observable<T> {
    return this.http.patch<T>(API_BASE + path, body);
  }

  delete<T>(path: string): Observable<T> {
    return this.http.delete<T>(API_BASE + path);
  }

  /** A multipart request (files with their fields), telling `progress` how much of it is sent. */
  upload<T>(path: string, form: FormData, progress?: UploadProgress): Observable<T> {
    return bodyOf(this.http.post<T>(API_BASE + path, form, { reportProgress: true, observe: 'events' }), progress);
  }

  /** A JSON text sent as it is (large dossiers), telling `progress` how much of it is sent. */
  postJsonText<T>(path: string, json: string, headers: Record<string, string> = {}, progress?: UploadProgress): Observable<T> {
    const request = this.http.post<T>(API_BASE + path, json, {
      headers: new HttpHeaders({ ...headers, 'Content-Type': 'application/json' }),
      reportProgress: true,
      observe: 'events',
    });
    return bodyOf(request, progress);
  }

  /**
   * A file, named by the server's Content-Disposition or else `fallbackName`. A document the server
   * prints in the background (202 while it prints) is asked for again until it is there (whenPrinted),
   * telling `printing` of each wait.
   */
  download(path: string, fallbackName: string, query?: Query, printing?: (polls: number) => void): Observable<FileDownload> {
    return whenPrinted(
      () => this.http.get(API_BASE + path, { params: params(query), responseType: 'blob', observe: 'response' }),
      undefined,
      printing,
    ).pipe(
      map((response) => fileOf(response, fallbackName)),
      catchError((err: unknown) => from(withJsonBody(err)).pipe(mergeMap((e) => throwError(() => e)))),
    );
  }
}

/** The response body of a request observed as events, its upload progress told to `progress` on the way. */
function bodyOf<T>(events: Observable<HttpEvent<T>>, progress?: UploadProgress): Observable<T> {
  return events.pipe(
    filter((event) => {
      if (event.type === HttpEventType.UploadProgress && event.total) progress?.(Math.round((100 * event.loaded) / event.total));
      return event.type === HttpEventType.Response;
    }),
    map((event) => (event as HttpResponse<T>).body as T),
  );
}

function params(query: Query | undefined): HttpParams | undefined {
  if (!query) return undefined;
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') result = result.set(key, value);
  }
  return result;
}

function fileOf(response: HttpResponse<Blob>, fallbackName: string): FileDownload {
  return {
    blob: response.body ?? new Blob(),
    fileName: dispositionName(response.headers.get('Content-Disposition'), fallbackName),
    version: response.headers.get('X-Document-Version'),
    sha256: response.headers.get('X-Document-SHA256'),
  };
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), or the fallback. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** A download's failure with its blob body read as the API's JSON error (null when it is not JSON). */
async function withJsonBody(err: unknown): Promise<unknown> {
  if (!(err instanceof HttpErrorResponse) || !(err.error instanceof Blob)) return err;
  let body: unknown = null;
  try {
    body = JSON.parse(await blobText(err.error));
  } catch {
    /* not JSON: the generic message of toApiError */
  }
  return new HttpErrorResponse({
    error: body,
    headers: err.headers,
    status: err.status,
    statusText: err.statusText,
    url: err.url ?? undefined,
  });
}

/** A blob's text (through FileReader where Blob.text is missing, as in older engines and jsdom). */
function blobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
