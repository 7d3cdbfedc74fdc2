import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type UserRole = 'user' | 'admin';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Unique case-insensitively (index on lower(email), see the migration). */
  @Column({ type: 'text' })
  email!: string;

  /** Null for imported users (MovieLens), who cannot log in. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ type: 'text', nullable: true })
  displayName!: string | null;

  @Column({ type: 'text', default: 'user' })
  role!: UserRole;

  /** The user id in an imported data set (MovieLens), null for accounts made through the API. */
  @Index('users_external_id_key', { unique: true })
  @Column({ type: 'integer', nullable: true })
  externalId!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
