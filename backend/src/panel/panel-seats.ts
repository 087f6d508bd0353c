import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PanelSeats } from '../tenders/tender-participants';
import { PanelMember } from './panel-member.entity';

/** The panels a user sits on, as the tenders stage asks for them (its PanelSeats port). */
@Injectable()
export class PanelSeatsOfTenders extends PanelSeats {
  async tendersOf(m: EntityManager, userId: number): Promise<number[]> {
    const seats = await m.find(PanelMember, { select: { tenderId: true }, where: { userId } });
    return [...new Set(seats.map((s) => s.tenderId))];
  }

  async seatOn(m: EntityManager, tenderId: number, userId: number): Promise<{ declaration: PanelMember['declaration'] } | null> {
    return m.findOne(PanelMember, { select: { id: true, declaration: true }, where: { tenderId, userId } });
  }
}
