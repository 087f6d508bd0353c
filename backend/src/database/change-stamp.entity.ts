import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The MariaDB/MySQL database's change stamp (change-stamp.ts): one row, its stamp replaced by a new
 * random one in the transaction of every write to the tables whose reads are reused while it stands.
 */
@Entity('change_stamps')
export class ChangeStamp {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 36 })
  stamp: string;
}
