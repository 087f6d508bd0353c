import { Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { Criterion } from '@domain/dossier/dossier.types';
import type { SchemeFields, SchemeView, TenderDetail } from '@domain/wire/tenders';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { labelOptions } from '@domain/labels';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { sumAmounts } from '../shared/money';
import { RuleBuilder } from '../shared/rule-builder/rule-builder';
import { describeRule, ruleProblems, wholeRule, type Rule } from '../shared/rule-text';
import { LabelPipe } from '../shared/label.pipe';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDividerModule } from 'ng-zorro-antd/divider';

type Kind = Criterion['kind'];

/** 评分表: the tender's scoring schemes and a form to add one, criteria entered as rows. */
@Component({
  selector: 'app-schemes-panel',
  imports: [
    LabelPipe,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzSelectModule,
    ErrorBox,
    RuleBuilder,
    FIELD_STATUS,
    NzCardModule,
    NzTypographyModule,
    NzTableModule,
    NzFlexModule,
    NzDividerModule,
  ],
  templateUrl: './schemes-panel.html',
})
export class SchemesPanel {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly tender = input.required<TenderDetail>();
  readonly changed = output<void>();

  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  protected readonly describe = (rule: unknown) => describeRule(rule as Rule);
  protected readonly kinds = labelOptions('criterionKind');

  protected readonly form = this.fb.group({
    code: '',
    name: '',
    criteria: this.fb.array([this.criterionRow('1', '价格', '价格', '10', 'price'), this.criterionRow('2')]),
  });

  protected get criteria() {
    return this.form.controls.criteria;
  }

  protected totalMax(scheme: SchemeView): string {
    const total = sumAmounts(scheme.criteria.map((c) => String(c.max)));
    return total ? total.replace(/\.00$/, '') : '—';
  }

  protected addCriterion(): void {
    const next = this.criteria.length + 1;
    this.criteria.push(this.criterionRow(String(next)));
  }

  protected removeCriterion(index: number): void {
    this.criteria.removeAt(index);
  }

  protected save(): void {
    const tender = this.tender();
    const value = this.form.getRawValue();
    const criteria: Criterion[] = [];
    for (const [index, row] of value.criteria.entries()) {
      const criterion: Criterion = {
        no: row.no.trim(),
        category: row.category.trim(),
        name: row.name.trim(),
        max: row.max.trim(),
        kind: row.kind,
      };
      if (row.kind === 'objective') {
        // The builder shows each problem at its input; saving names the criterion whose rule is not whole.
        const rule = wholeRule(row.rule);
        if (!rule || ruleProblems(rule, row.max).size) {
          this.error.set({
            message: '计分规则有误',
            errors: [{ path: `criteria[${index}].rule`, message: `第 ${row.no} 项：计分规则尚未填写完整或有误，请按提示修改` }],
          });
          return;
        }
        criterion.rule = rule;
      }
      criteria.push(criterion);
    }
    const scheme: SchemeFields = { code: value.code.trim(), name: value.name.trim(), criteria };
    this.error.set(null);
    this.notice.set('');
    this.api.addScheme(tender.id, scheme).subscribe({
      next: () => {
        this.notice.set(`已添加评分表 ${scheme.code}`);
        this.criteria.clear();
        this.criteria.push(this.criterionRow('1', '价格', '价格', '10', 'price'));
        this.form.reset();
        this.changed.emit();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  /** Criteria errors not shown in a row's cell (the list as a whole, or a whole row), as one message. */
  protected criteriaErrors(): string {
    const cell = /^criteria\[\d+\]\.(no|category|name|max|rule)(\.|\[|$)/;
    return (
      this.error()
        ?.errors.filter((e) => /^criteria(\[|\.|$)/.test(e.path) && !cell.test(e.path))
        .map((e) => `${e.path}：${e.message}`)
        .join('；') ?? ''
    );
  }

  private criterionRow(no = '', category = '', name = '', max = '', kind: Kind = 'subjective') {
    return this.fb.group({ no, category, name, max, kind, rule: this.fb.control<unknown>(null) });
  }
}
