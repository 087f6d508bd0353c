import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '../common/errors';
import { newDataKey, seal, SealBroken, type SealCipher, unseal } from '../common/sealed-envelope';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { TenderSealKey } from './tender-seal-key.entity';

/** A tender's data key, unwrapped, with the cipher its envelopes use. */
export interface DataKey {
  key: Buffer;
  cipher: SealCipher;
}

const wrapContext = (tenderId: number) => `tender-data-key:${tenderId}`;

/**
 * Each tender's bid data key: made with its first envelope, stored only sealed under BID_SEAL_KEY, and
 * unwrapped for the moment it seals an envelope or, at the opening, opens them. A wrong or missing
 * BID_SEAL_KEY is refused with the key ids, so an operator knows which key the opening needs.
 */
@Injectable()
export class TenderKeys {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The key to seal a new envelope with, made (in the caller's transaction) if the tender has none yet. */
  async forSealing(m: EntityManager, tenderId: number): Promise<DataKey> {
    const master = this.master();
    const stored = await m.findOneBy(TenderSealKey, { tenderId });
    if (stored) return this.unwrap(stored);
    const key = newDataKey();
    const cipher = this.config.bidSealCipher;
    await m.insert(TenderSealKey, {
      tenderId,
      cipher,
      wrappingKeyId: master.id,
      wrapped: seal(master.key, key, wrapContext(tenderId), cipher).toString('base64'),
      createdAt: new Date(),
    });
    return { key, cipher };
  }

  /** The key the opening opens the tender's envelopes with. */
  async forOpening(m: EntityManager, tenderId: number): Promise<DataKey> {
    return this.unwrap(await m.findOneByOrFail(TenderSealKey, { tenderId }));
  }

  private master(): NonNullable<AppConfig['bidSealKey']> {
    if (!this.config.bidSealKey) throw conflict('bidSealKeyMissing');
    return this.config.bidSealKey;
  }

  private unwrap(stored: TenderSealKey): DataKey {
    const master = this.master();
    const mismatch = () => conflict('bidSealKeyMismatch', { needed: stored.wrappingKeyId, configured: master.id });
    if (stored.wrappingKeyId !== master.id) throw mismatch();
    try {
      return { key: unseal(master.key, Buffer.from(stored.wrapped, 'base64'), wrapContext(stored.tenderId)), cipher: stored.cipher };
    } catch (error) {
      if (error instanceof SealBroken) throw mismatch();
      throw error;
    }
  }
}
