import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RuleSchema } from '@domain/dossier/dossier.schema';
import type { Rule } from '@domain/dossier/dossier.types';
import { choose, type } from '../../testing/forms';
import { useHttpTesting } from '../../testing/http';
import { RuleBuilder } from './rule-builder';

@Component({
  imports: [RuleBuilder, ReactiveFormsModule],
  template: `<app-rule-builder [formControl]="rule" [max]="max" />`,
})
class Host {
  readonly rule = new FormControl<unknown>(null);
  max = '10';
}

/** The inputs of the rule at `path` itself, not of the rules nested in it. */
const own = (path: string, css: string) => `[data-path="${path}"] > nz-form-item ${css}`;

describe('RuleBuilder: an objective criterion’s rule from choices, read back and tried', () => {
  useHttpTesting();

  async function render(rule: Rule | null = null, max = '10') {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.max = max;
    fixture.componentInstance.rule.setValue(rule);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      page,
      host: fixture.componentInstance,
      sentence: () => page.querySelector('.rule-sentence')?.textContent?.trim() ?? '',
      preview: () => page.querySelector('.preview-points')?.textContent?.trim() ?? '',
      errors: (path: string) => [...page.querySelectorAll(own(path, '.ant-form-item-explain-error'))].map((e) => e.textContent?.trim()),
      sample: async (fact: string, value: string) => type(fixture, `.preview-fact[data-fact="${fact}"]`, value),
    };
  }

  it('每单位得分: a catalogue fact, its points and cap, as a sentence and tried on a sample', async () => {
    const { fixture, host, sentence, preview, sample } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'perUnit');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'certificates');
    await type(fixture, own('$', '.rule-points'), '2');
    await type(fixture, own('$', '.rule-cap'), '10');
    expect(sentence()).toBe('每个资质证书得 2 分，最高 10 分');
    expect(host.rule.value).toEqual({ type: 'perUnit', fact: 'certificates', points: '2', cap: '10' });
    expect(preview()).toBe('得 0 分');
    await sample('certificates', '3');
    expect(preview()).toBe('得 6 分');
    await sample('certificates', '7');
    expect(preview()).toBe('得 10 分');
  });

  it('分档: bands read from the top, the first that holds wins', async () => {
    const { fixture, host, page, sentence, preview, sample } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'bands');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'solvencyRatio');
    await type(fixture, '.band-value', '200');
    await type(fixture, '.band-points', '2');
    (page.querySelector('.add-band') as HTMLButtonElement).click();
    await fixture.whenStable();
    await choose(fixture, 'nz-select.band-op', 'gt', 1);
    await type(fixture, '.band-value', '150', 1);
    await type(fixture, '.band-points', '1', 1);
    await type(fixture, '.rule-bands > nz-form-item .rule-else', '0');
    expect(sentence()).toBe('偿付能力充足率 ≥ 200% 得 2 分；> 150% 得 1 分；否则 0 分');
    expect(RuleSchema.parse(host.rule.value)).toEqual({
      type: 'bands',
      fact: 'solvencyRatio',
      bands: [
        { min: '200', points: '2' },
        { gt: '150', points: '1' },
      ],
      else: '0',
    });
    await sample('solvencyRatio', '180');
    expect(preview()).toBe('得 1 分');
    await sample('solvencyRatio', '150');
    expect(preview()).toBe('得 0 分');
    await sample('solvencyRatio', '250.5');
    expect(preview()).toBe('得 2 分');
  });

  it('每单位扣分: from a starting score, never below 0', async () => {
    const { fixture, sentence, preview, sample } = await render(null, '6');
    await choose(fixture, own('$', 'nz-select.rule-type'), 'deductPerUnit');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'penalties');
    await type(fixture, own('$', '.rule-from'), '6');
    await type(fixture, own('$', '.rule-per'), '2');
    expect(sentence()).toBe('6 分起，每项行政处罚扣 2 分，扣完为止');
    expect(preview()).toBe('得 6 分');
    await sample('penalties', '1');
    expect(preview()).toBe('得 4 分');
    await sample('penalties', '5');
    expect(preview()).toBe('得 0 分');
  });

  it('是否: only yes/no facts are offered, and the sample is a switch', async () => {
    const { fixture, page, sentence, preview } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'boolean');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'ningboExperience');
    await type(fixture, own('$', '.rule-points'), '4');
    expect(sentence()).toBe('具有本市长护险经办经验得 4 分');
    expect(preview()).toBe('得 0 分');
    (page.querySelector('nz-switch.preview-fact button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(preview()).toBe('得 4 分');
  });

  it('switching between yes/no and number rules drops a fact of the wrong kind', async () => {
    const { fixture, host } = await render({ type: 'boolean', fact: 'cmmi3', points: '1' });
    await choose(fixture, own('$', 'nz-select.rule-type'), 'perUnit');
    expect(host.rule.value).toMatchObject({ type: 'perUnit', fact: undefined, points: '1' });
  });

  it('固定分 and 合计 with a cap, nested rules each with their own inputs', async () => {
    const { fixture, page, host, sentence, preview, sample } = await render(null, '3');
    await choose(fixture, own('$', 'nz-select.rule-type'), 'sum');
    await choose(fixture, own('parts[0]', 'nz-select.rule-type'), 'const');
    await type(fixture, own('parts[0]', '.rule-points'), '1');
    (page.querySelector('.add-part') as HTMLButtonElement).click();
    await fixture.whenStable();
    await choose(fixture, own('parts[1]', 'nz-select.rule-type'), 'perUnit');
    await choose(fixture, own('parts[1]', 'nz-select.rule-fact'), 'systemModules');
    await type(fixture, own('parts[1]', '.rule-points'), '0.2');
    await type(fixture, own('parts[1]', '.rule-cap'), '1');
    await type(fixture, own('$', '.rule-cap'), '1.5');
    expect(sentence()).toBe('合计（固定 1 分；每个系统模块得 0.2 分，最高 1 分），最高 1.5 分');
    expect(host.rule.value).toEqual({
      type: 'sum',
      parts: [
        { type: 'const', points: '1' },
        { type: 'perUnit', fact: 'systemModules', points: '0.2', cap: '1' },
      ],
      cap: '1.5',
    });
    await sample('systemModules', '2');
    expect(preview()).toBe('得 1.4 分');
    await sample('systemModules', '4');
    expect(preview()).toBe('得 1.5 分');
  });

  it('门槛: a gate over a nested sum, the staffing rule of Ningbo', async () => {
    const { fixture, sentence, preview, sample } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'gate');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'staffAboveMinimum');
    await type(fixture, own('$', '.rule-min'), '0');
    await choose(fixture, own('then', 'nz-select.rule-type'), 'sum');
    await choose(fixture, own('then.parts[0]', 'nz-select.rule-type'), 'const');
    await type(fixture, own('then.parts[0]', '.rule-points'), '4');
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-path="then"] .add-part')!.click();
    await fixture.whenStable();
    await choose(fixture, own('then.parts[1]', 'nz-select.rule-type'), 'perUnit');
    await choose(fixture, own('then.parts[1]', 'nz-select.rule-fact'), 'staffAboveMinimum');
    await type(fixture, own('then.parts[1]', '.rule-points'), '0.5');
    await type(fixture, own('then.parts[1]', '.rule-cap'), '1');
    expect(sentence()).toBe(
      '专职经办人员超出最低配备人数 ≥ 0人 时：合计（固定 4 分；每增加 1 名专职经办人员得 0.5 分，最高 1 分）；否则 0 分',
    );
    await sample('staffAboveMinimum', '-1');
    expect(preview()).toBe('得 0 分');
    await sample('staffAboveMinimum', '1');
    expect(preview()).toBe('得 4.5 分');
  });

  it('shows what is wrong at each input, in the backend’s words, and no sentence until the rule is whole', async () => {
    const { fixture, errors, sentence, host } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'perUnit');
    expect(errors('$')).toEqual(['必填', '必填', '必填：无上限则该规则没有最高分']);
    await type(fixture, own('$', '.rule-points'), '两分');
    expect(errors('$')).toContain('必须是数字或十进制数字字符串');
    expect(sentence()).toBe('');
    expect(host.rule.value).toMatchObject({ type: 'perUnit', points: '两分' });
  });

  it('checks a deduction per unit is above 0, a band has its bound, a sum has parts', async () => {
    const { fixture, page, errors } = await render();
    await choose(fixture, own('$', 'nz-select.rule-type'), 'deductPerUnit');
    await choose(fixture, own('$', 'nz-select.rule-fact'), 'penalties');
    await type(fixture, own('$', '.rule-from'), '6');
    await type(fixture, own('$', '.rule-per'), '0');
    expect(errors('$')).toEqual(['必须大于0']);
    await choose(fixture, own('$', 'nz-select.rule-type'), 'bands');
    await type(fixture, '.band-points', '1');
    const bandErrors = [...page.querySelectorAll('.rule-band .ant-form-item-explain-error')].map((e) => e.textContent?.trim());
    expect(bandErrors).toEqual(['必填']);
    await choose(fixture, own('$', 'nz-select.rule-type'), 'sum');
    (page.querySelector('.remove-part') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(page.querySelector('.rule-parts-error')?.textContent).toContain('必须是非空数组');
  });

  it('refuses a rule able to award more than the criterion’s max, and caps the preview at it', async () => {
    const { errors, preview, sample } = await render({ type: 'perUnit', fact: 'aRatings', points: '1', cap: '6' }, '4');
    expect(errors('$')).toEqual(['规则最高可得6分，超过该项满分4分']);
    await sample('aRatings', '5');
    expect(preview()).toBe('得 4 分（规则得 5 分，以该项满分 4 分为限）');
  });

  it('loads a stored rule, a fact outside the catalogue shown by its code', async () => {
    const { fixture, page, sentence, host } = await render({
      type: 'sum',
      parts: [
        { type: 'perUnit', fact: 'localHospitals', points: 1, cap: 2 },
        { type: 'boolean', fact: 'ownSystem', points: 1 },
      ],
    });
    expect(sentence()).toBe('合计（localHospitals每 1 单位得 1 分，最高 2 分；ownSystem 为是得 1 分）');
    expect(page.querySelector(own('parts[0]', 'nz-select.rule-fact'))?.textContent).toContain('localHospitals（目录外）');
    await type(fixture, own('parts[0]', '.rule-points'), '0.5');
    expect(host.rule.value).toEqual({
      type: 'sum',
      parts: [
        { type: 'perUnit', fact: 'localHospitals', points: '0.5', cap: '2' },
        { type: 'boolean', fact: 'ownSystem', points: '1' },
      ],
      cap: undefined,
    });
  });

  it('labels every input, so each is reached and named by keyboard and screen reader', async () => {
    const { fixture, page } = await render({ type: 'gate', fact: 'medicalAboveHalf', min: 0, then: { type: 'const', points: 2 } });
    await fixture.whenStable();
    const fields = [...page.querySelectorAll<HTMLInputElement>('.rule-node input')];
    expect(fields.length).toBeGreaterThan(3);
    for (const field of fields) expect(page.querySelector(`label[for="${field.id}"]`)?.textContent?.trim()).toBeTruthy();
  });
});
