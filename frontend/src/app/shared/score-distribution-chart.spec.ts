import { CriterionDistributionSchema } from '@domain/wire/evaluation';
import { answer } from '../testing/wire';
import { criterionOption, distributionChartOptions } from './score-distribution-chart';

interface Options {
  xAxis: { data: string[] };
  yAxis: { max: number };
  legend: { data: string[] };
  series: { type: string; name: string; data: { value: number[]; name: string }[] }[];
}

const criterion = answer(CriterionDistributionSchema, {
  no: '13',
  category: '服务方案',
  name: '经办服务方案',
  kind: 'subjective',
  max: '20',
  bids: [
    {
      bidder: 'A',
      scores: [
        { expert: 'E1', value: '18.00' },
        { expert: 'E2', value: '16.50' },
      ],
      min: '16.50',
      q1: '16.88',
      median: '17.25',
      q3: '17.63',
      max: '18.00',
      mean: '17.25',
    },
    {
      bidder: 'B',
      scores: [{ expert: 'E1', value: '12.00' }],
      min: '12.00',
      q1: '12.00',
      median: '12.00',
      q3: '12.00',
      max: '12.00',
      mean: '12.00',
    },
  ],
});

describe('distributionChartOptions', () => {
  it('draws a box per bid, each expert’s score and the mean on the criterion’s scale, named in Chinese', () => {
    const o = distributionChartOptions(criterion, { A: '甲保险' }) as unknown as Options;
    expect(o.xAxis.data).toEqual(['甲保险', '投标人B']);
    expect(o.yAxis.max).toBe(20);
    expect(o.legend.data).toEqual(['专家评分分布', '各专家评分', '平均分']);
    expect(o.series.map((s) => [s.type, s.name])).toEqual([
      ['boxplot', '专家评分分布'],
      ['scatter', '各专家评分'],
      ['scatter', '平均分'],
    ]);
    expect(o.series[0].data[0].value).toEqual([16.5, 16.88, 17.25, 17.63, 18]);
    expect(o.series[1].data.map((d) => [d.value, d.name])).toEqual([
      [[0, 18], '甲保险 专家E1：18.00分'],
      [[0, 16.5], '甲保险 专家E2：16.50分'],
      [[1, 12], '投标人B 专家E1：12.00分'],
    ]);
    expect(o.series[2].data.map((d) => d.name)).toEqual(['甲保险 平均分：17.25', '投标人B 平均分：12.00']);
    expect(JSON.stringify(o)).not.toMatch(/subjective|objective|bidder|expert/);
  });

  it('names a criterion in the select by number, category, name, kind and maximum', () => {
    expect(criterionOption(criterion)).toBe('第13项 服务方案·经办服务方案（主观分，满分20）');
  });
});
