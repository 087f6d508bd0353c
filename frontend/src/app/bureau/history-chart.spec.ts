import { TestBed } from '@angular/core/testing';
import { AssessmentHistorySchema, type AssessmentHistory } from '@domain/wire/assessments';
import { historyEntry } from '../testing/assessments';
import { answer } from '../testing/wire';
import { chartReferences, HistoryChart } from './history-chart';

const entry = (year: number, score: string, grade: string | null, passed: boolean, kind: 'points' | 'deduction' = 'points') =>
  historyEntry({
    assessmentId: year * 10 + Number(score.slice(0, 1)),
    year,
    schemeCode: kind === 'points' ? 'SY-17' : 'NB-PERF',
    schemeName: kind === 'points' ? '计分制考核' : '扣分制考核',
    kind,
    passMark: kind === 'points' ? '85.00' : null,
    bands:
      kind === 'points'
        ? null
        : [
            { min: '90', grade: '优秀' },
            { min: '80', grade: '良好' },
            { min: '70', grade: '合格' },
            { min: '60', grade: '较差' },
            { min: '0', grade: '不合格' },
          ],
    score,
    grade,
    passed,
  });

const histories = answer(AssessmentHistorySchema.array(), [
  {
    organization: { id: 11, code: 'A', name: '甲保险' },
    entries: [entry(2024, '84.90', '不达标', false), entry(2023, '80.00', '不达标', false), entry(2025, '90.00', '达标', true)],
    repeatedFailures: { failedYears: [2023, 2024] },
  },
  {
    organization: { id: 12, code: 'B', name: '乙保险' },
    entries: [entry(2023, '92.00', '优秀', true, 'deduction'), entry(2024, '59.90', '不合格', false, 'deduction')],
    repeatedFailures: null,
  },
]);

describe('HistoryChart', () => {
  async function render(data: AssessmentHistory[]) {
    const fixture = TestBed.createComponent(HistoryChart);
    fixture.componentRef.setInput('histories', data);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one series per insurer, its points in year order with their grades', async () => {
    const page = await render(histories);
    const svg = page.querySelector('svg.history-chart')!;
    const series = [...svg.querySelectorAll('g.series')];
    expect(series.map((s) => s.getAttribute('data-org'))).toEqual(['11', '12']);
    expect(series[0].namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(series[0].querySelector('circle')?.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(series[0].querySelectorAll('circle.point')).toHaveLength(3);
    expect([...series[0].querySelectorAll('.grade-label')].map((t) => t.textContent)).toEqual(['80 不达标', '84.9 不达标', '90 达标']);
    expect([...series[1].querySelectorAll('.grade-label')].map((t) => t.textContent)).toEqual(['92 优秀', '59.9 不合格']);
    expect(series[0].querySelectorAll('circle.failed')).toHaveLength(2);
    // The line rises left to right: x grows with the year, y falls as the score grows (SVG y points down).
    const points = [...series[0].querySelectorAll('circle.point')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
    expect(points[0][0]).toBeLessThan(points[1][0]);
    expect(points[2][1]).toBeLessThan(points[0][1]);
    expect(series[0].querySelector('path.series-line')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    expect([...svg.querySelectorAll('text.year')].map((t) => t.textContent)).toEqual(['2023', '2024', '2025']);
  });

  it('marks the pass mark at 85 and the grade bands at 60/70/80/90', async () => {
    const page = await render(histories);
    const pass = page.querySelector('line.pass-line')!;
    expect(pass.getAttribute('data-value')).toBe('85');
    expect([...page.querySelectorAll('line.band-line')].map((l) => l.getAttribute('data-value'))).toEqual(['90', '80', '70', '60']);
    // 85 lies between the 90 and 80 lines.
    const y = (v: string) => Number(page.querySelector(`line[data-value="${v}"]`)!.getAttribute('y1'));
    expect(y('90')).toBeLessThan(y('85'));
    expect(y('85')).toBeLessThan(y('80'));
  });

  it('draws only the thresholds of the schemes shown: the pass mark for points, the bands for deduction', () => {
    const [pointsOnly, deductionOnly] = histories;
    expect(chartReferences([pointsOnly])).toEqual([{ value: 85, label: '85 计分制达标线', pass: true }]);
    expect(chartReferences([deductionOnly])).toEqual([
      { value: 90, label: '≥90 优秀', pass: false },
      { value: 80, label: '≥80 良好', pass: false },
      { value: 70, label: '≥70 合格', pass: false },
      { value: 60, label: '≥60 较差', pass: false },
    ]);
    expect(chartReferences([])).toEqual([]);
  });

  it('has no pass line on a deduction scheme', async () => {
    const page = await render([histories[1]]);
    expect(page.querySelector('line.pass-line')).toBeNull();
    expect([...page.querySelectorAll('line.band-line')].map((l) => l.getAttribute('data-value'))).toEqual(['90', '80', '70', '60']);
  });

  it('names every insurer in the legend and flags repeated failures', async () => {
    const page = await render(histories);
    const legend = [...page.querySelectorAll('.legend-item')];
    expect(legend.map((l) => l.textContent?.trim().slice(0, 3))).toEqual(['甲保险', '乙保险']);
    expect(legend[0].querySelector('.repeated-failures')?.textContent).toContain('2023、2024年不达标');
    expect(legend[1].querySelector('.repeated-failures')).toBeNull();
  });

  it('says so when there is no final result yet', async () => {
    const page = await render([]);
    expect(page.querySelector('svg.history-chart')).toBeNull();
    expect(page.querySelector('.no-history')?.textContent).toContain('尚无');
  });
});
