import { z } from '../validation';
import { reply } from './common';

/** GET /api/health: answers only when the database does. */
export const HealthSchema = reply({ status: z.literal('ok'), db: z.enum(['sqlite', 'mysql']) });
export type Health = z.output<typeof HealthSchema>;
