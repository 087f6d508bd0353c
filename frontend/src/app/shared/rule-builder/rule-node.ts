import { NgTemplateOutlet } from '@angular/common';
import { Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FACT_CATALOGUE, catalogueFact } from '@domain/evaluation/fact-catalogue';
import { label, labelOptions } from '@domain/labels';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { RuleProblems } from '../rule-text';
import { emptyBand, emptyDraft, type BandOp, type RuleDraft, type RuleType } from './rule-draft';

const BAND_OPS: { value: BandOp; label: string }[] = [
  { value: 'min', label: '≥（不低于）' },
  { value: 'gt', label: '>（高于）' },
  { value: 'max', label: '≤（不高于）' },
  { value: 'lt', label: '<（低于）' },
];

/** The types that read a fact (const and sum do not). */
const READS_FACT: RuleType[] = ['perUnit', 'bands', 'deductPerUnit', 'boolean', 'gate'];

/**
 * One rule of the builder, nested rules (gate's `then`, sum's `parts`) as rule nodes of their own.
 * Edits the draft in place and tells the builder, which checks the whole rule and hands each node its
 * problems by path (`path` is this rule's path within the criterion's rule, '' for the rule itself).
 */
@Component({
  selector: 'app-rule-node',
  imports: [NzAlertModule, FormsModule, NgTemplateOutlet, NzFormModule, NzSelectModule, NzInputModule, NzButtonModule],
  template: `
    <div class="rule-node" [attr.data-path]="path() || '$'">
      <nz-form-item>
        <nz-form-label [nzFor]="id('type')" nzRequired>计分方式</nz-form-label>
        <nz-form-control [nzValidateStatus]="status('')" [nzErrorTip]="tip('')">
          <nz-select
            class="rule-type"
            [nzId]="id('type')"
            [(ngModel)]="draft().type"
            (ngModelChange)="typeChanged()"
            nzPlaceHolder="请选择计分方式"
          >
            @for (t of types; track t.value) {
              <nz-option [nzValue]="t.value" [nzLabel]="t.label" />
            }
          </nz-select>
        </nz-form-control>
      </nz-form-item>

      @if (readsFact()) {
        <nz-form-item>
          <nz-form-label [nzFor]="id('fact')" nzRequired>评分事实</nz-form-label>
          <nz-form-control [nzValidateStatus]="status('fact')" [nzErrorTip]="tip('fact')" [nzExtra]="hint()">
            <nz-select
              class="rule-fact"
              [nzId]="id('fact')"
              [(ngModel)]="draft().fact"
              (ngModelChange)="edited.emit()"
              nzShowSearch
              nzPlaceHolder="请选择评分事实"
            >
              @for (f of facts(); track f.value) {
                <nz-option [nzValue]="f.value" [nzLabel]="f.label" />
              }
            </nz-select>
          </nz-form-control>
        </nz-form-item>
      }

      @switch (draft().type) {
        @case ('perUnit') {
          <ng-container *ngTemplateOutlet="number; context: { field: 'points', text: '每单位得分' }" />
          <ng-container *ngTemplateOutlet="number; context: { field: 'cap', text: '最高得分', required: true }" />
        }
        @case ('deductPerUnit') {
          <ng-container *ngTemplateOutlet="number; context: { field: 'from', text: '起始分值' }" />
          <ng-container *ngTemplateOutlet="number; context: { field: 'per', text: '每单位扣分' }" />
        }
        @case ('boolean') {
          <ng-container *ngTemplateOutlet="number; context: { field: 'points', text: '具备时得分' }" />
        }
        @case ('const') {
          <ng-container *ngTemplateOutlet="number; context: { field: 'points', text: '固定得分' }" />
        }
        @case ('bands') {
          <fieldset class="rule-bands">
            <legend>分档（自上而下，取第一个满足的档次）</legend>
            @for (band of draft().bands; track band; let i = $index) {
              <div class="rule-band" [attr.data-band]="i">
                <nz-form-item>
                  <nz-form-label [nzFor]="id('band-op-' + i)">第 {{ i + 1 }} 档条件</nz-form-label>
                  <nz-form-control>
                    <nz-select class="band-op" [nzId]="id('band-op-' + i)" [(ngModel)]="band.op" (ngModelChange)="edited.emit()">
                      @for (op of ops; track op.value) {
                        <nz-option [nzValue]="op.value" [nzLabel]="op.label" />
                      }
                    </nz-select>
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label [nzFor]="id('band-value-' + i)" nzRequired>界限{{ unit() ? '（' + unit() + '）' : '' }}</nz-form-label>
                  <nz-form-control [nzValidateStatus]="bandValueTip(i) ? 'error' : ''" [nzErrorTip]="bandValueTip(i)">
                    <input
                      nz-input
                      class="band-value"
                      [id]="id('band-value-' + i)"
                      inputmode="decimal"
                      [(ngModel)]="band.value"
                      (ngModelChange)="edited.emit()"
                    />
                  </nz-form-control>
                </nz-form-item>
                <nz-form-item>
                  <nz-form-label [nzFor]="id('band-points-' + i)" nzRequired>得分</nz-form-label>
                  <nz-form-control [nzValidateStatus]="status('bands[' + i + '].points')" [nzErrorTip]="tip('bands[' + i + '].points')">
                    <input
                      nz-input
                      class="band-points"
                      [id]="id('band-points-' + i)"
                      inputmode="decimal"
                      [(ngModel)]="band.points"
                      (ngModelChange)="edited.emit()"
                    />
                  </nz-form-control>
                </nz-form-item>
                <button nz-button type="button" class="remove-band" (click)="removeBand(i)">删除第 {{ i + 1 }} 档</button>
              </div>
            }
            @if (tip('bands')) {
              <nz-alert class="rule-bands-error" nzType="error" role="alert" [nzMessage]="tip('bands')" />
            }
            <button nz-button type="button" class="add-band" (click)="addBand()">添加分档</button>
            <ng-container *ngTemplateOutlet="number; context: { field: 'else', text: '均不满足时得分', required: false }" />
          </fieldset>
        }
        @case ('gate') {
          <ng-container *ngTemplateOutlet="number; context: { field: 'min', text: '门槛（不低于）' }" />
          <fieldset class="rule-then">
            <legend>达到门槛时按以下规则计分</legend>
            @if (draft().then; as then) {
              <app-rule-node [draft]="then" [path]="at('then')" [problems]="problems()" [idPrefix]="idPrefix()" (edited)="edited.emit()" />
            }
          </fieldset>
        }
        @case ('sum') {
          <fieldset class="rule-parts">
            <legend>合计以下各项</legend>
            @for (part of draft().parts; track part; let i = $index) {
              <div class="rule-part" [attr.data-part]="i">
                <app-rule-node
                  [draft]="part"
                  [path]="at('parts[' + i + ']')"
                  [problems]="problems()"
                  [idPrefix]="idPrefix()"
                  (edited)="edited.emit()"
                />
                <button nz-button type="button" class="remove-part" (click)="removePart(i)">删除第 {{ i + 1 }} 项</button>
              </div>
            }
            @if (tip('parts')) {
              <nz-alert class="rule-parts-error" nzType="error" role="alert" [nzMessage]="tip('parts')" />
            }
            <button nz-button type="button" class="add-part" (click)="addPart()">添加一项</button>
          </fieldset>
          <ng-container *ngTemplateOutlet="number; context: { field: 'cap', text: '合计最高得分', required: false }" />
        }
      }
    </div>

    <ng-template #number let-field="field" let-text="text" let-required="required">
      <nz-form-item>
        <nz-form-label [nzFor]="id(field)" [nzRequired]="required !== false"
          >{{ text }}{{ field === 'min' && unit() ? '（' + unit() + '）' : '' }}</nz-form-label
        >
        <nz-form-control [nzValidateStatus]="status(field)" [nzErrorTip]="tip(field)">
          <input
            nz-input
            [class]="'rule-' + field"
            [id]="id(field)"
            inputmode="decimal"
            [ngModel]="value(field)"
            (ngModelChange)="setValue(field, $event)"
          />
        </nz-form-control>
      </nz-form-item>
    </ng-template>
  `,
})
export class RuleNode {
  readonly draft = input.required<RuleDraft>();
  readonly path = input('');
  readonly problems = input<RuleProblems>(new Map());
  /** Prefix of the inputs' ids, unique per builder on the page. */
  readonly idPrefix = input('rule');
  readonly edited = output<void>();

  protected readonly types = labelOptions('ruleType');
  protected readonly ops = BAND_OPS;

  protected readsFact(): boolean {
    return READS_FACT.includes(this.draft().type as RuleType);
  }

  /** The catalogue's facts of the kind this type reads, and the draft's own fact when it is outside the catalogue. */
  protected facts(): { value: string; label: string }[] {
    const kind = this.draft().type === 'boolean' ? 'boolean' : 'number';
    const offered = FACT_CATALOGUE.filter((f) => f.kind === kind).map((f) => ({
      value: f.code,
      label: label('fact', f.code) + ('unit' in f ? `（${f.unit}）` : ''),
    }));
    const own = this.draft().fact;
    return own && !catalogueFact(own) ? [{ value: own, label: `${own}（目录外）` }, ...offered] : offered;
  }

  protected hint(): string {
    return catalogueFact(this.draft().fact)?.hint ?? '';
  }

  protected unit(): string {
    return catalogueFact(this.draft().fact)?.unit ?? '';
  }

  protected id(field: string): string {
    return `${this.idPrefix()}-${(this.path() || 'rule').replace(/[^A-Za-z0-9]+/g, '-')}-${field}`;
  }

  /** The path of a field of this rule, as the problems name it. */
  protected at(field: string): string {
    const path = this.path();
    return path ? `${path}${field.startsWith('[') ? '' : '.'}${field}` : field;
  }

  protected tip(field: string): string {
    const key = field ? this.at(field) : this.path() || '$';
    return (this.problems().get(key) ?? []).join('；');
  }

  protected status(field: string): string {
    return this.tip(field) ? 'error' : '';
  }

  /** A band's bound: blank is "required" (the schema's "one condition" names keys the user never sees). */
  protected bandValueTip(i: number): string {
    const band = this.draft().bands[i];
    if (band.value.trim() === '') return '必填';
    return this.tip(`bands[${i}].${band.op}`);
  }

  protected value(field: string): string {
    return this.draft()[field as 'points'];
  }

  protected setValue(field: string, value: string): void {
    this.draft()[field as 'points'] = value;
    this.edited.emit();
  }

  /** A nested rule appears with its type: a gate needs its `then`, bands and sums start with one row. */
  protected typeChanged(): void {
    const d = this.draft();
    if (d.type === 'gate' && !d.then) d.then = emptyDraft();
    if (d.type === 'bands' && d.bands.length === 0) d.bands.push(emptyBand());
    if (d.type === 'sum' && d.parts.length === 0) d.parts.push(emptyDraft());
    if (d.fact && !this.facts().some((f) => f.value === d.fact)) d.fact = '';
    this.edited.emit();
  }

  protected addBand(): void {
    this.draft().bands.push(emptyBand());
    this.edited.emit();
  }

  protected removeBand(i: number): void {
    this.draft().bands.splice(i, 1);
    this.edited.emit();
  }

  protected addPart(): void {
    this.draft().parts.push(emptyDraft());
    this.edited.emit();
  }

  protected removePart(i: number): void {
    this.draft().parts.splice(i, 1);
    this.edited.emit();
  }
}
