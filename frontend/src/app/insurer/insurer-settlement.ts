import { Component, input, numberAttribute } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ContractSettlement } from '../shared/contract-settlement';

/** 年度清算 (/insurer/contracts/:id/settlement): the settlement of one of the organisation's contracts, read only. */
@Component({
  selector: 'app-insurer-settlement',
  imports: [ContractSettlement, RouterLink],
  template: `
    <p><a routerLink="/insurer/contracts">← 我的合同</a></p>
    <app-contract-settlement [contractId]="id()" />
  `,
})
export class InsurerSettlement {
  /** Route parameter. */
  readonly id = input.required({ transform: numberAttribute });
}
