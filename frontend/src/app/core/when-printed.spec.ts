import { HttpHeaders, HttpResponse } from '@angular/common/http';
import { firstValueFrom, of } from 'rxjs';
import { whenPrinted } from './when-printed';

describe('whenPrinted', () => {
  it('asks again while the server answers 202 and gives the first other answer', async () => {
    const answers = [202, 202, 200].map(
      (status) =>
        new HttpResponse({ status, body: new Blob([status === 200 ? '%PDF-' : '{"status":"generating"}']), headers: new HttpHeaders() }),
    );
    let asked = 0;
    const printing: number[] = [];
    const res = await firstValueFrom(
      whenPrinted(
        () => of(answers[asked++]),
        1,
        (polls) => printing.push(polls),
      ),
    );
    expect(res.status).toBe(200);
    expect(asked).toBe(3);
    expect(printing).toEqual([1, 2]);
  });
});
