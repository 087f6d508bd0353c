import { toJSONSchema } from 'zod';
import { OcdsBidEvaluationSchema } from '../wire/ocds';

/**
 * Our OCDS extension: each bid's evaluation — its price, non-price and final scores, its rank and each
 * criterion's points (subjective criteria with every expert's mark, experts named only by their seat).
 * Published after the award, and only for a tender that marks its scores public. Served at
 * /api/ocds/extensions/scores/ (extension.json and the release schema patch), as OCDS extensions are.
 */
export const SCORES_EXTENSION = {
  name: { en: 'Bid evaluation scores', zh: '投标评分' },
  description: {
    en: "Adds each bid's evaluation to the bids extension's bid details: price, non-price and final scores, rank, and each scoring criterion's points, with the panel's marks for subjective criteria (experts named by seat only).",
    zh: '在投标明细中增加评审得分：价格分、非价格分、总分、排名及各评分项得分（主观项列出各评审专家按席位的打分）。',
  },
  compatibility: ['1.1'],
  dependencies: ['https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json'],
  schemas: ['release-schema.json'],
};

/** The release schema patch: a bid detail gains `evaluation`. */
export const scoresReleaseSchemaPatch = () => ({
  definitions: {
    Bid: { properties: { evaluation: { title: 'Evaluation', ...toJSONSchema(OcdsBidEvaluationSchema, { target: 'draft-4' }) } } },
  },
});
