import { Component, computed, forwardRef, input, signal } from '@angular/core';
import { ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import type { Facts, Rule } from '@domain/dossier/dossier.types';
import { catalogueFact } from '@domain/evaluation/fact-catalogue';
import { objectiveScore, withinCriterion } from '@domain/evaluation/rule-engine';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { describeRule, factName, ruleProblems, schemeFacts, wholeRule } from '../rule-text';
import { fromDraft, toDraft, type RuleDraft } from './rule-draft';
import { RuleNode } from './rule-node';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * 计分规则 of an objective criterion, built from choices instead of typed JSON: the rule's type, its fact
 * from the fact catalogue, its numbers; checked as the backend checks it (the dossier's RuleSchema and
 * the criterion's max), read back as a sentence, and tried on sample facts with the real rule engine.
 * A form control: its value is the rule as built (checked again by whoever saves it).
 */
@Component({
  selector: 'app-rule-builder',
  imports: [FormsModule, NzFormModule, NzInputModule, NzSwitchModule, RuleNode],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => RuleBuilder), multi: true }],
  template: `
    <div class="rule-builder">
      <app-rule-node [draft]="draft()" [problems]="problems()" [idPrefix]="idPrefix()" (edited)="edited()" />
      @if (rule(); as r) {
        <p class="rule-sentence" aria-live="polite">{{ sentence() }}</p>
        <fieldset class="rule-preview">
          <legend>试算：输入示例事实，查看得分</legend>
          @for (use of uses(); track use.fact) {
            <nz-form-item>
              <nz-form-label [nzFor]="idPrefix() + '-sample-' + use.fact">{{ use.label }}</nz-form-label>
              <nz-form-control>
                @if (use.kind === 'boolean') {
                  <nz-switch
                    class="preview-fact"
                    [attr.data-fact]="use.fact"
                    [nzId]="idPrefix() + '-sample-' + use.fact"
                    nzCheckedChildren="是"
                    nzUnCheckedChildren="否"
                    [ngModel]="sample()[use.fact] === true"
                    (ngModelChange)="setSample(use.fact, $event)"
                  />
                } @else {
                  <input
                    nz-input
                    class="preview-fact"
                    [attr.data-fact]="use.fact"
                    [id]="idPrefix() + '-sample-' + use.fact"
                    inputmode="decimal"
                    placeholder="0"
                    [ngModel]="sample()[use.fact]"
                    (ngModelChange)="setSample(use.fact, $event)"
                  />
                }
              </nz-form-control>
            </nz-form-item>
          }
          <p class="preview-points" role="status">{{ preview() }}</p>
        </fieldset>
      }
    </div>
  `,
})
export class RuleBuilder implements ControlValueAccessor {
  /** The criterion's max: the rule may award no more, and the preview is capped at it. */
  readonly max = input('');
  readonly idPrefix = input('rule');

  protected readonly draft = signal<RuleDraft>(toDraft(null));
  /** Bumped on every edit: the draft is edited in place. */
  private readonly version = signal(0);
  protected readonly sample = signal<Record<string, string | boolean>>({});

  /** The rule as built, null while no type is chosen (nothing to check yet). */
  private readonly built = computed(() => {
    this.version();
    const draft = this.draft();
    return draft.type ? fromDraft(draft) : null;
  });
  protected readonly problems = computed(() => {
    const built = this.built();
    return built === null ? new Map<string, string[]>() : ruleProblems(built, this.max());
  });
  /** The rule, once the schema accepts it (it may still exceed the criterion's max: it can be tried all the same). */
  protected readonly rule = computed(() => {
    const built = this.built();
    return built === null ? null : wholeRule(built);
  });
  protected readonly sentence = computed(() => describeRule(this.rule()));
  /** The facts the rule reads, each once: one sample input each. */
  protected readonly uses = computed(() => {
    const rule = this.rule();
    return schemeFacts(rule ? [{ rule }] : []).map((use) => {
      const unit = catalogueFact(use.fact)?.unit;
      return { ...use, label: factName(use.fact) + (unit ? `（${unit}）` : '') };
    });
  });
  protected readonly preview = computed(() => {
    const rule = this.rule();
    if (!rule) return '';
    const facts: Facts = {};
    for (const [fact, value] of Object.entries(this.sample())) {
      if (typeof value === 'boolean') facts[fact] = value;
      else if (DECIMAL.test(value.trim())) facts[fact] = Number(value.trim());
    }
    const points = objectiveScore(rule, facts);
    const max = this.max().trim();
    if (!DECIMAL.test(max)) return `规则得 ${points.toString()} 分`;
    const kept = withinCriterion(points, max);
    return kept.eq(points)
      ? `得 ${kept.toString()} 分`
      : `得 ${kept.toString()} 分（规则得 ${points.toString()} 分，以该项满分 ${max} 分为限）`;
  });

  private onChange: (value: unknown) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  writeValue(value: unknown): void {
    this.draft.set(toDraft(isRule(value) ? value : null));
    this.sample.set({});
  }

  registerOnChange(fn: (value: unknown) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  protected edited(): void {
    this.version.update((v) => v + 1);
    this.onChange(this.built());
    this.onTouched();
  }

  protected setSample(fact: string, value: string | boolean): void {
    this.sample.update((s) => ({ ...s, [fact]: value }));
  }
}

const isRule = (value: unknown): value is Rule => typeof value === 'object' && value !== null && 'type' in value;
