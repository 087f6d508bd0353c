import { Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import { can, TENDER } from '@domain/lifecycles';
import type { BidderFields } from '@domain/wire/bids';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import type { BidderView, TenderDetail } from '@domain/wire/tenders';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';

const SHOWN_FIELDS = ['code', 'name', 'sme', 'legalRepresentative', 'parentCode', 'groupCode', 'contactPerson'];

/** 投标人: the bidders registered for the tender, with what links them (related-party checks). */
@Component({
  selector: 'app-bidders-panel',
  imports: [
    ReactiveFormsModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    ErrorBox,
    NzPopconfirmModule,
    FIELD_STATUS,
    NzAlertModule,
    NzCardModule,
    NzTypographyModule,
    NzTableModule,
    NzFlexModule,
  ],
  templateUrl: './bidders-panel.html',
})
export class BiddersPanel {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly tender = input.required<TenderDetail>();
  readonly changed = output<void>();

  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  /** Why a removal was refused (the bidder has bid meanwhile). */
  protected readonly removeError = signal('');
  /** Bidders are struck off while they still register, before the deadline (the API also wants no bid of theirs). */
  protected readonly removable = computed(() => can(TENDER, this.tender().status, 'register-bidder'));
  protected readonly shownFields = SHOWN_FIELDS;

  protected readonly form = this.fb.group({
    code: '',
    name: '',
    sme: false,
    legalRepresentative: '',
    parentCode: '',
    groupCode: '',
    contactPerson: '',
  });

  protected save(): void {
    const v = this.form.getRawValue();
    const bidder: BidderFields = { code: v.code.trim(), name: v.name.trim(), sme: v.sme };
    for (const key of ['legalRepresentative', 'parentCode', 'groupCode', 'contactPerson'] as const) {
      if (v[key].trim()) bidder[key] = v[key].trim();
    }
    this.error.set(null);
    this.notice.set('');
    this.api.addBidder(this.tender().id, bidder).subscribe({
      next: () => {
        this.notice.set(`已登记投标人 ${bidder.name}`);
        this.form.reset();
        this.changed.emit();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected remove(bidder: BidderView): void {
    this.removeError.set('');
    this.notice.set('');
    this.api.removeBidder(this.tender().id, bidder.id).subscribe({
      next: () => {
        this.notice.set(`已移除投标人 ${bidder.name}`);
        this.changed.emit();
      },
      error: (err: unknown) => this.removeError.set(toApiError(err).message),
    });
  }
}
